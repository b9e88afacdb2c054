import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// The emulator package ships TypeScript sources, which the config loader (plain Node) cannot import.
const { loadOrCreateTls }: typeof import("m365-emulator/tls") = await tsImport(
  "m365-emulator/tls",
  import.meta.url,
);

// Node reads NODE_EXTRA_CA_CERTS when a process starts, so the emulator's CA must exist before the test
// workers are forked: create it here (once, reused across runs) and hand its path to every worker.
const stateDir = path.resolve(".emulator-state/test");
const tls = await loadOrCreateTls(stateDir);
process.env.NODE_EXTRA_CA_CERTS = tls.caCertPath;
process.env.EMULATOR_TEST_STATE_DIR = stateDir;

export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "crosscal",
          include: ["test/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
          // One private PostgreSQL cluster per run for the store tests; see the file for CI and skip rules.
          globalSetup: ["./test/helpers/postgres-setup.ts"],
        },
      },
      // The dashboard's component tests (happy-dom), from its own config.
      "./web/vitest.config.ts",
    ],
  },
});
