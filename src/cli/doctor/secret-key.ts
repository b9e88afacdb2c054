import { existsSync } from "node:fs";
import path from "node:path";
import { loadSecretBox, SECRET_KEY_ENV, SECRET_KEY_FILE, SecretKeyError } from "../../secrets/key.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import { type Finding, ok, problem } from "./findings.js";

const SUBJECT = "secret key";

/** The key, when there is a usable one: the connections' checks open their secrets with it. */
export interface SecretKeyCheck {
  findings: Finding[];
  box?: SecretBox;
}

/** The fix for a key crosscal refuses, by what the refusal is about. */
function fixFor(error: SecretKeyError, file: string, fromEnv: boolean): string {
  if (/accessible to other users/.test(error.message)) return `chmod 600 ${file}`;
  if (fromEnv)
    return `set ${SECRET_KEY_ENV} to the key crosscal serve uses (64 hex characters or 44 of base64)`;
  return `restore ${file} from your backup of the key (mode 0600), or set ${SECRET_KEY_ENV}`;
}

/**
 * Whether the deployment's key is there, well formed and private: the variable when set, else the key file
 * in the data folder. Never creates a key (serve does on its first start; a new key would open nothing).
 */
export async function checkSecretKey(
  data: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<SecretKeyCheck> {
  const file = path.resolve(data, SECRET_KEY_FILE);
  const fromEnv = env[SECRET_KEY_ENV] !== undefined;
  if (!fromEnv && !existsSync(file))
    return {
      findings: [
        problem(
          SUBJECT,
          `no secret key: ${SECRET_KEY_ENV} is not set and ${file} does not exist, so no connection's secret can be opened`,
          `restore the key file from your backup (mode 0600) or set ${SECRET_KEY_ENV} to the key serve uses; without the key, enter every connection's secret again`,
        ),
      ],
    };
  try {
    const { box, origin } = await loadSecretBox({ dataDir: data, env });
    const where =
      origin.kind === "env" ? `the variable ${origin.variable}` : `the key file ${file} (mode 0600)`;
    return { findings: [ok(SUBJECT, `key ${box.keyId} from ${where}`)], box };
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    return {
      findings: [
        problem(SUBJECT, error.message.replace(/; make it private .*$/, ""), fixFor(error, file, fromEnv)),
      ],
    };
  }
}
