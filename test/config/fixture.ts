import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect } from "vitest";
import { ConfigError, type Env, loadConfig } from "../../src/config/load.js";
import { formatProblem } from "../../src/config/problems.js";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh folder with the given files (paths relative to it); removed after the test. */
export async function folderWith(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "crosscal-config-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** Writes `crosscal.yaml` (and any other files) to a fresh folder and loads it. */
export async function load(yaml: string, env: Env = {}, files: Record<string, string | Buffer> = {}) {
  const dir = await folderWith({ ...files, "crosscal.yaml": yaml });
  return loadConfig(path.join(dir, "crosscal.yaml"), env);
}

/** The problems `load` reports, formatted as the admin sees them, with the folder left out. */
export async function problems(yaml: string, env: Env = {}, files: Record<string, string | Buffer> = {}) {
  const error = await load(yaml, env, files).then(
    () => expect.unreachable("the config loaded without problems"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }));
}

/** Joins lines, so a test's YAML reads as it would in a file. */
export const yaml = (...lines: string[]) => `${lines.join("\n")}\n`;

export const CLIENT_ID = "11111111-2222-3333-4444-555555555555";

/** Two valid client-secret connections, lines 1-10; callers append syncs or more connections. */
export const TWO_CONNECTIONS = [
  "version: 1",
  "connections:",
  "  contoso:",
  "    tenant: contoso.onmicrosoft.com",
  `    clientId: ${CLIENT_ID}`,
  "    clientSecret: { env: CONTOSO_SECRET }",
  "  fabrikam:",
  "    tenant: fabrikam.onmicrosoft.com",
  `    clientId: ${CLIENT_ID}`,
  "    clientSecret: { env: FABRIKAM_SECRET }",
];

export const SECRETS = { CONTOSO_SECRET: "contoso-s3cret", FABRIKAM_SECRET: "fabrikam-s3cret" };
