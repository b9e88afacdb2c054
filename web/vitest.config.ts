import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

/** The dashboard's component tests: a vitest project the root `npm test` runs beside the service's. */
export default defineProject({
  plugins: [react()],
  test: {
    name: "web",
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test/setup.ts"],
    // User-event types key by key: on a busy CI machine a form takes a few seconds.
    testTimeout: 30_000,
  },
});
