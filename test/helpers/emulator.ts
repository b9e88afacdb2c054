import { type EmulatorOptions, type RunningEmulator, startEmulator } from "m365-emulator";

/**
 * Starts an in-process emulator on a free port with the CA that vitest.config.ts made trusted
 * (NODE_EXTRA_CA_CERTS), so Microsoft's clients and fetch accept its certificate.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const stateDir = process.env.EMULATOR_TEST_STATE_DIR;
  if (!stateDir) throw new Error("EMULATOR_TEST_STATE_DIR is not set: run tests through vitest");
  return startEmulator({ port: 0, stateDir, ...options });
}
