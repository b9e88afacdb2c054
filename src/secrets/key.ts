import { randomBytes, randomUUID } from "node:crypto";
import { type FileHandle, link, open, rm } from "node:fs/promises";
import path from "node:path";
import { ensurePrivateFolder } from "../store/data-folder.js";
import { SECRET_KEY_BYTES, SecretBox } from "./secret-box.js";

export const SECRET_KEY_ENV = "CROSSCAL_SECRET_KEY";
export const SECRET_KEY_FILE = "secret.key";

/** Where the key came from, so the service can say so at startup (never what it is). */
export type SecretKeyOrigin =
  | { kind: "env"; variable: string }
  | { kind: "file"; file: string; created: boolean };

/** The key cannot be found, read or trusted. Messages name the variable or file, never its content. */
export class SecretKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SecretKeyError";
  }
}

const EXPECTED =
  `${SECRET_KEY_BYTES} random bytes written as 64 hex characters or as base64 (44 characters, ` +
  "e.g. the output of `openssl rand -base64 32`)";

/**
 * Reads a key written as hex (64 characters) or base64 / base64url (43 characters, or 44 with padding).
 * The two lengths cannot be confused, so no guessing is involved. Surrounding whitespace is ignored:
 * files end with a newline and `$(cat file)` keeps stray spaces.
 */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined;
  // Node's base64 decoder reads both the standard and the URL-safe alphabet.
  const key = Buffer.from(trimmed, "base64");
  return key.length === SECRET_KEY_BYTES ? key : undefined;
}

export interface SecretKeyOptions {
  /** The data folder (`crosscal serve --data`), where the key file lives when the variable is unset. */
  dataDir: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The box that seals and opens connection secrets, with the deployment's key: `CROSSCAL_SECRET_KEY` when
 * set (containers, secret managers), otherwise `<data>/secret.key`, created on first use.
 */
export async function loadSecretBox(
  options: SecretKeyOptions,
): Promise<{ box: SecretBox; origin: SecretKeyOrigin }> {
  const { key, origin } = await loadSecretKey(options);
  const box = new SecretBox(key);
  key.fill(0); // the box keeps its own copy; this one should not linger in the heap
  return { box, origin };
}

async function loadSecretKey(options: SecretKeyOptions): Promise<{ key: Buffer; origin: SecretKeyOrigin }> {
  const file = path.resolve(options.dataDir, SECRET_KEY_FILE);
  const value = (options.env ?? process.env)[SECRET_KEY_ENV];
  // A variable that is set always wins, even when empty or wrong: quietly falling back to (or creating)
  // a key file would make every secret sealed under the intended key unreadable, with a less clear error.
  if (value !== undefined)
    return { key: keyFromEnv(value, file), origin: { kind: "env", variable: SECRET_KEY_ENV } };

  const existing = await readKeyFile(file);
  if (existing) return { key: existing, origin: { kind: "file", file, created: false } };
  const created = await createKeyFile(file);
  // Read back through the same checks, also when another process won the race and wrote it.
  const key = await readKeyFile(file);
  if (!key) throw new SecretKeyError(`the secret key file ${file} disappeared right after it was created`);
  return { key, origin: { kind: "file", file, created } };
}

function keyFromEnv(value: string, file: string): Buffer {
  if (!value.trim()) {
    throw new SecretKeyError(
      `${SECRET_KEY_ENV} is set but empty; expected ${EXPECTED}. Unset it to use the key file ${file}`,
    );
  }
  const key = parseSecretKey(value);
  if (key) return key;
  throw new SecretKeyError(
    `${SECRET_KEY_ENV} is not a usable secret key (it has ${value.trim().length} characters); expected ${EXPECTED}`,
  );
}

/** The key in `file`, or undefined when there is no such file. */
async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw fileError("cannot open the secret key file", file, error);
  }
  // Checks and reads go through one handle, so the file checked is the file read.
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new SecretKeyError(`the secret key file ${file} is not a regular file`);
    checkOwnerOnly(file, stats.mode);
    const key = parseSecretKey(await handle.readFile("utf8"));
    if (!key) throw new SecretKeyError(`the secret key file ${file} is malformed; expected ${EXPECTED}`);
    return key;
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a key file that other accounts may read or write, as OpenSSH does for private keys: whoever
 * reads it can decrypt every stored connection secret along with a copy of the database, and whoever can
 * write it can swap in a key they know. Refusing beats warning: a warning in a log is read too late.
 * Windows is skipped: access there is governed by ACLs, which mode bits do not reflect.
 */
function checkOwnerOnly(file: string, mode: number): void {
  if (process.platform === "win32" || (mode & 0o077) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  throw new SecretKeyError(
    `the secret key file ${file} is accessible to other users (mode ${octal}); ` +
      `make it private to crosscal's account with: chmod 600 ${file}`,
  );
}

/**
 * Writes a new random key to `file` unless one exists; true when this call created it.
 *
 * The key is written and flushed under a temporary name, then hard-linked into place. A link never
 * replaces an existing file (EEXIST), so an existing key is never overwritten and two processes starting
 * together agree on one key; and the key file appears complete or not at all, so nobody reads half a key.
 */
async function createKeyFile(file: string): Promise<boolean> {
  const folder = path.dirname(file);
  try {
    // Private from the start: the folder also holds the database with the sealed secrets.
    await ensurePrivateFolder(folder);
  } catch (error) {
    throw fileError("cannot create the data folder", folder, error);
  }
  const temporary = path.join(folder, `.${SECRET_KEY_FILE}.${randomUUID()}.tmp`);
  try {
    await writePrivately(temporary, `${randomBytes(SECRET_KEY_BYTES).toString("base64")}\n`);
    await link(temporary, file);
    await syncFolder(folder);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw fileError("cannot create the secret key file", file, error);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function writePrivately(file: string, content: string): Promise<void> {
  const handle = await open(file, "wx", 0o600);
  try {
    // The mode given to open is reduced by the umask; chmod states it exactly whatever the umask is.
    await handle.chmod(0o600);
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes the new directory entry durable: losing the key in a power cut after secrets were sealed with it
 * would lose them all. Windows cannot open a folder for flushing; NTFS journals the entry itself.
 */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === "win32") return;
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function fileError(what: string, file: string, error: unknown): SecretKeyError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new SecretKeyError(`${what} ${file} (${code})`, { cause: error });
}
