import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { applySeed, type RunningEmulator } from "m365-emulator";
import { startTestEmulator } from "../helpers/emulator.js";

const run = promisify(execFile);

export const SECRETS = { CONTOSO_SECRET: "contoso.test-secret", FABRIKAM_SECRET: "fabrikam.test-secret" };

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProfileLine {
  name: string;
  a: string;
  b: string;
}

/**
 * Two tenants in an in-process emulator (crosscal's app, adele and megan in each), a temp folder for the
 * config file and the database, and a way to run the real `crosscal` command against them.
 */
export async function startCliFixture() {
  const emulator = await startTestEmulator();
  await applySeed(emulator.ctx, {
    tenants: ["contoso.test", "fabrikam.test"].map((domain) => ({
      domain,
      users: [{ userPrincipalName: `adele@${domain}` }, { userPrincipalName: `megan@${domain}` }],
      apps: [{ displayName: "crosscal", clientSecret: `${domain}-secret` }],
    })),
  });
  const clientIds = {
    contoso: appOf(emulator, "contoso.test"),
    fabrikam: appOf(emulator, "fabrikam.test"),
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-cli-"));
  const configFile = path.join(dir, "crosscal.yaml");
  const dbFile = path.join(dir, "state", "crosscal.db");

  /** Writes the config file: one two-way merge sync between the tenants with the given profiles. */
  const writeConfig = async (
    profiles: ProfileLine[] = [{ name: "Adele Vance", a: "adele@contoso.test", b: "adele@fabrikam.test" }],
    options: { endpoint?: string; extraSync?: string; syncLines?: string[] } = {},
  ) => {
    const endpoint = options.endpoint ?? emulator.url;
    const connection = (name: string, tenant: string, clientId: string, env: string) => [
      `  ${name}:`,
      `    tenant: ${tenant}`,
      `    clientId: ${clientId}`,
      `    clientSecret: { env: ${env} }`,
      "    cloud: custom",
      `    endpoints: { authority: "${endpoint}", graph: "${endpoint}" }`,
    ];
    const lines = [
      "version: 1",
      "connections:",
      ...connection("contoso", "contoso.test", clientIds.contoso, "CONTOSO_SECRET"),
      ...connection("fabrikam", "fabrikam.test", clientIds.fabrikam, "FABRIKAM_SECRET"),
      "syncs:",
      "  contoso-fabrikam:",
      "    a: contoso",
      "    b: fabrikam",
      "    mapping: full-details",
      "    startMode: merge",
      ...(options.syncLines ?? []),
      "    profiles:",
      ...profiles.map((p) => `      - { name: ${p.name}, a: ${p.a}, b: ${p.b} }`),
    ];
    await writeFile(configFile, `${lines.join("\n")}\n${options.extraSync ?? ""}`);
  };
  await writeConfig();

  // NODE_EXTRA_CA_CERTS (set by vitest.config.ts) comes along, so the CLI trusts the emulator's CA.
  const env: NodeJS.ProcessEnv = { ...process.env, ...SECRETS };
  delete env.CROSSCAL_CONFIG;
  delete env.CROSSCAL_DB;
  const args = (argv: string[]) => ["--import", "tsx", "src/cli/main.ts", ...argv];

  /** Runs `crosscal <argv>` to completion (stdin is not a terminal). */
  const cli = async (...argv: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, args(argv), { env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number | string; stdout?: string; stderr?: string };
      if (typeof failed.code !== "number") throw error;
      return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
  };

  /** `crosscal <command> --config <file> --db <file> <more>`. */
  const crosscal = (command: string, ...more: string[]) =>
    cli(command, "--config", configFile, "--db", dbFile, ...more);

  /** Starts `crosscal <argv>` and leaves it running, collecting what it writes to stderr. */
  const start = (...argv: string[]) => watching(spawn(process.execPath, args(argv), { env }));

  return {
    emulator,
    dir,
    configFile,
    dbFile,
    clientIds,
    writeConfig,
    cli,
    crosscal,
    start,
    close: async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type CliFixture = Awaited<ReturnType<typeof startCliFixture>>;

function appOf(emulator: RunningEmulator, domain: string): string {
  const tenantId = emulator.ctx.world.requireTenant(domain).id;
  return [...emulator.ctx.world.apps.values()].find((app) => app.homeTenantId === tenantId)!.clientId;
}

/** A running CLI process: its stderr so far, a wait for a line matching a pattern, and its exit. */
function watching(child: ChildProcess) {
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(stderr)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    /** Resolves once stderr matches `pattern` (fails the test by timeout otherwise). */
    waitFor: (pattern: RegExp) =>
      pattern.test(stderr)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
    exited,
  };
}

/** A TCP port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
