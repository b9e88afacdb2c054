import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  loadSecretBox,
  parseSecretKey,
  SECRET_KEY_ENV,
  SECRET_KEY_FILE,
  SecretKeyError,
} from "../../src/secrets/key.js";
import { keyIdOf } from "../../src/secrets/secret-box.js";

const POSIX = process.platform !== "win32";
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

let root: string;
let dataDir: string;
let keyFile: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "crosscal-secret-key-"));
  dataDir = path.join(root, "nested", "data");
  keyFile = path.join(dataDir, SECRET_KEY_FILE);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Loading must fail with a SecretKeyError whose message gives away none of `secrets`. */
async function expectKeyError(loading: Promise<unknown>, secrets: string[]): Promise<string> {
  const error = await loading.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(SecretKeyError);
  const message = (error as SecretKeyError).message;
  for (const secret of secrets.filter((text) => text.trim().length >= 4)) {
    expect(message).not.toContain(secret.trim());
  }
  return message;
}

describe("secret key from CROSSCAL_SECRET_KEY", () => {
  const key = randomBytes(32);

  it("reads 32 bytes as base64 or hex, ignoring surrounding whitespace", async () => {
    const spellings = [
      key.toString("base64"),
      key.toString("base64").replace(/=$/, ""),
      key.toString("base64url"),
      key.toString("hex"),
      key.toString("hex").toUpperCase(),
      `  ${key.toString("base64")}\n`,
    ];
    for (const value of spellings) {
      const { box, origin } = await loadSecretBox({ dataDir, env: { [SECRET_KEY_ENV]: value } });
      expect(box.keyId).toBe(keyIdOf(key));
      expect(origin).toEqual({ kind: "env", variable: SECRET_KEY_ENV });
    }
  });

  it("wins over a key file, and creates none", async () => {
    const fromFile = await loadSecretBox({ dataDir, env: {} });
    const fromEnv = await loadSecretBox({ dataDir, env: { [SECRET_KEY_ENV]: key.toString("hex") } });
    expect(fromEnv.box.keyId).toBe(keyIdOf(key));
    expect(fromEnv.box.keyId).not.toBe(fromFile.box.keyId);

    const elsewhere = path.join(root, "other");
    await loadSecretBox({ dataDir: elsewhere, env: { [SECRET_KEY_ENV]: key.toString("hex") } });
    await expect(stat(elsewhere)).rejects.toThrow(/ENOENT/);
  });

  it("refuses anything that is not 32 bytes as base64 or hex, saying what is expected", async () => {
    const bad = [
      "",
      "   ",
      "hunter2-correct-horse",
      key.toString("hex").slice(0, 62),
      `${key.toString("hex")}00`,
      `${key.toString("hex").slice(0, 63)}g`,
      randomBytes(16).toString("base64"),
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("base64"),
      `${key.toString("base64").slice(0, 20)} ${key.toString("base64").slice(20)}`,
      `${key.toString("base64")}==`,
    ];
    for (const value of bad) {
      const message = await expectKeyError(loadSecretBox({ dataDir, env: { [SECRET_KEY_ENV]: value } }), [
        value,
      ]);
      expect(message).toContain(SECRET_KEY_ENV);
      expect(message).toMatch(/64 hex characters or as base64/);
    }
    // A variable that is set but unusable never falls back to a key file.
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
  });
});

describe("secret key file", () => {
  it("is created on first use: a private folder, mode 0600, a base64 key", async () => {
    const { box, origin } = await loadSecretBox({ dataDir, env: {} });

    expect(origin).toEqual({ kind: "file", file: keyFile, created: true });
    const content = await readFile(keyFile, "utf8");
    expect(content).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(keyIdOf(parseSecretKey(content)!)).toBe(box.keyId);
    if (POSIX) {
      expect(await modeOf(keyFile)).toBe(0o600);
      expect(await modeOf(dataDir)).toBe(0o700);
    }
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
  });

  it("is reused, never rewritten, and opens what the first process sealed", async () => {
    const first = await loadSecretBox({ dataDir, env: {} });
    const sealed = first.box.seal("client-secret-value", "connection:contoso:clientSecret");
    const content = await readFile(keyFile);

    const second = await loadSecretBox({ dataDir, env: {} });

    expect(second.origin).toEqual({ kind: "file", file: keyFile, created: false });
    expect(second.box.keyId).toBe(first.box.keyId);
    expect(await readFile(keyFile)).toEqual(content);
    expect(second.box.open(sealed, "connection:contoso:clientSecret")).toBe("client-secret-value");
  });

  it("can be moved into CROSSCAL_SECRET_KEY as it is", async () => {
    const fromFile = await loadSecretBox({ dataDir, env: {} });
    const value = await readFile(keyFile, "utf8");
    const fromEnv = await loadSecretBox({ dataDir: root, env: { [SECRET_KEY_ENV]: value } });
    expect(fromEnv.box.keyId).toBe(fromFile.box.keyId);
  });

  it("uses a key file written by hand in hex", async () => {
    const key = randomBytes(32);
    await mkdir(dataDir, { recursive: true });
    await writeFile(keyFile, key.toString("hex"), { mode: 0o600 });
    const { box, origin } = await loadSecretBox({ dataDir, env: {} });
    expect(box.keyId).toBe(keyIdOf(key));
    expect(origin).toEqual({ kind: "file", file: keyFile, created: false });
  });

  it("refuses a malformed key file, naming it, without rewriting it", async () => {
    await mkdir(dataDir, { recursive: true });
    for (const content of [
      "",
      "not a key at all\n",
      randomBytes(31).toString("hex"),
      "-----BEGIN PRIVATE KEY-----",
    ]) {
      await writeFile(keyFile, content, { mode: 0o600 });
      const message = await expectKeyError(loadSecretBox({ dataDir, env: {} }), [content]);
      expect(message).toContain(keyFile);
      expect(message).toContain("malformed");
      expect(await readFile(keyFile, "utf8")).toBe(content);
    }
  });

  it("refuses a folder in place of the key file", async () => {
    await mkdir(keyFile, { recursive: true });
    const message = await expectKeyError(loadSecretBox({ dataDir, env: {} }), []);
    expect(message).toContain("not a regular file");
  });

  describe.skipIf(!POSIX)("on POSIX", () => {
    it("refuses a key file other users can read or write, then accepts it once private", async () => {
      const { box } = await loadSecretBox({ dataDir, env: {} });
      const content = await readFile(keyFile, "utf8");

      for (const mode of [0o644, 0o640, 0o604, 0o620, 0o602, 0o660]) {
        await chmod(keyFile, mode);
        const message = await expectKeyError(loadSecretBox({ dataDir, env: {} }), [content]);
        expect(message).toContain(keyFile);
        expect(message).toContain(`mode 0${mode.toString(8)}`);
        expect(message).toContain(`chmod 600 ${keyFile}`);
        expect(await readFile(keyFile, "utf8")).toBe(content);
      }

      for (const mode of [0o600, 0o400]) {
        await chmod(keyFile, mode);
        expect((await loadSecretBox({ dataDir, env: {} })).box.keyId).toBe(box.keyId);
      }
    });

    it("creates the file with mode 0600 whatever the umask", async () => {
      const previous = process.umask(0);
      try {
        await loadSecretBox({ dataDir, env: {} });
      } finally {
        process.umask(previous);
      }
      expect(await modeOf(keyFile)).toBe(0o600);
    });
  });
});

const keyProcessScript = fileURLToPath(new URL("./key-process.ts", import.meta.url));

interface ChildResult {
  keyId: string;
  origin: { kind: string; created: boolean };
}

/** Starts a key-process child; resolves `ready` once it waits for the go signal. */
function startKeyProcess(folder: string) {
  const env = { ...process.env };
  delete env[SECRET_KEY_ENV];
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", keyProcessScript, folder],
    { env },
  );
  let stdout = "";
  let stderr = "";
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    if (stdout.startsWith("ready\n")) signalReady();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      const lines = stdout.trim().split("\n");
      if (code === 0 && lines.length === 2) resolve(JSON.parse(lines[1]!) as ChildResult);
      else reject(new Error(`key process exited with ${code}: ${stderr}${stdout}`));
    });
  });
  // A child that dies before saying ready must fail the test rather than leave it waiting.
  const readyOrFailed = Promise.race([ready, result.then(() => {})]);
  return { child, ready: readyOrFailed, result };
}

describe("secret key file, first use by several processes at once", () => {
  it("ends with one key that every process uses, created by exactly one of them", async () => {
    const children = Array.from({ length: 4 }, () => startKeyProcess(dataDir));
    await Promise.all(children.map((started) => started.ready));
    for (const { child } of children) child.stdin.end("go\n");

    const results = await Promise.all(children.map((started) => started.result));

    const fileKey = parseSecretKey(await readFile(keyFile, "utf8"))!;
    expect(new Set(results.map((result) => result.keyId))).toEqual(new Set([keyIdOf(fileKey)]));
    expect(results.filter((result) => result.origin.created)).toHaveLength(1);
    if (POSIX) expect(await modeOf(keyFile)).toBe(0o600);
    // No temporary file is left behind with key material in it.
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
  });
});
