import type { KeyObject, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { RSA_ONLY } from "../graph/auth.js";
import {
  CertificateError,
  certificateCredential,
  findPrivateKeyPem,
  parseCertificate,
  parsePrivateKey,
  type CertificateCredential as ReadCertificate,
} from "../graph/certificate.js";
import type { DocPath, Problem } from "./problems.js";
import type { ConnectionEntry } from "./schema.js";
import { Secret } from "./secret.js";
import type { CertificateCredential, ClientSecretCredential, Credential } from "./types.js";

/** Environment variables, as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

type Outcome<T> = { value: T; problems: [] } | { value?: undefined; problems: Problem[] };
const ok = <T>(value: T): Outcome<T> => ({ value, problems: [] });
const fail = (path: DocPath, message: string): Outcome<never> => ({ problems: [{ path, message }] });

/**
 * A connection's credential as a config sent to the REST API gives it: the value in the request, or none
 * (the stored one stays). Touches neither the environment nor a file.
 */
export function credentialFromRequest(entry: ConnectionEntry): Credential {
  const value = entry.clientSecret?.value;
  if (value === undefined) return { kind: "stored" };
  return { kind: "client-secret", secret: new Secret(value), source: { value: "given" } };
}

/**
 * Reads a connection's credential from the environment or from files (relative to `baseDir`). Messages
 * name the variable or file, never what it holds.
 */
export async function resolveCredential(
  name: string,
  entry: ConnectionEntry,
  env: Env,
  baseDir: string,
): Promise<Outcome<Credential>> {
  const at = ["connections", name];
  if (entry.certificate) return resolveCertificate([...at, "certificate"], entry.certificate, env, baseDir);
  return resolveClientSecret([...at, "clientSecret"], entry.clientSecret ?? {}, env, baseDir);
}

async function resolveClientSecret(
  at: DocPath,
  source: { env?: string; file?: string },
  env: Env,
  baseDir: string,
): Promise<Outcome<ClientSecretCredential>> {
  if (source.env !== undefined) {
    const secret = fromEnv([...at, "env"], source.env, env);
    if (secret.value === undefined) return { problems: secret.problems };
    return ok({ kind: "client-secret", secret: secret.value, source: { env: source.env } });
  }
  const file = path.resolve(baseDir, source.file ?? "");
  const text = await readText([...at, "file"], file);
  if (text.value === undefined) return { problems: text.problems };
  // Editors and `echo` add a final newline that is not part of the secret.
  const secret = text.value.replace(/\r?\n$/, "");
  if (!secret.trim()) return fail([...at, "file"], `${file} is empty`);
  return ok({ kind: "client-secret", secret: new Secret(secret), source: { file } });
}

function fromEnv(at: DocPath, variable: string, env: Env): Outcome<Secret> {
  const value = env[variable];
  if (value === undefined) return fail(at, `environment variable ${variable} is not set`);
  if (!value.trim()) return fail(at, `environment variable ${variable} is empty`);
  return ok(new Secret(value));
}

async function readText(at: DocPath, file: string): Promise<Outcome<string>> {
  try {
    return ok(await readFile(file, "utf8"));
  } catch (error) {
    return fail(at, readFailure(file, error));
  }
}

export function readFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `${file} does not exist`;
  if (code === "EACCES" || code === "EPERM") return `${file} cannot be read (permission denied)`;
  if (code === "EISDIR") return `${file} is a folder, not a file`;
  return `${file} cannot be read (${code ?? (error as Error).message})`;
}

type CertificateEntry = NonNullable<ConnectionEntry["certificate"]>;

async function resolveCertificate(
  at: DocPath,
  entry: CertificateEntry,
  env: Env,
  baseDir: string,
): Promise<Outcome<CertificateCredential>> {
  const certificateFile = path.resolve(baseDir, entry.certificateFile);
  const privateKeyFile = path.resolve(baseDir, entry.privateKeyFile);
  const passphraseEnv = entry.privateKeyPassphrase?.env;
  const [certificate, key] = await Promise.all([
    readCertificate([...at, "certificateFile"], certificateFile),
    readPrivateKey(at, privateKeyFile, passphraseEnv, env),
  ]);
  if (!certificate.value || !key.value) return { problems: [...certificate.problems, ...key.problems] };
  let credential: ReadCertificate;
  try {
    credential = certificateCredential(certificate.value, key.value);
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    if (error.problem === "key-not-rsa")
      return fail([...at, "privateKeyFile"], `${privateKeyFile}: ${RSA_ONLY}`);
    return fail([...at, "privateKeyFile"], `the key in ${privateKeyFile} does not match the certificate`);
  }
  return ok({
    kind: "certificate",
    certificateFile,
    privateKeyFile,
    ...(passphraseEnv ? { passphraseEnv } : {}),
    certificatePem: credential.certificatePem,
    thumbprintSha256: credential.thumbprintSha256,
    privateKey: new Secret(credential.privateKeyPkcs8),
  });
}

async function readCertificate(at: DocPath, file: string): Promise<Outcome<X509Certificate>> {
  const text = await readText(at, file);
  if (text.value === undefined) return text;
  try {
    return ok(parseCertificate(text.value));
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return error.problem === "no-certificate"
      ? fail(at, `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`)
      : fail(at, `${file} holds a PEM certificate that cannot be parsed`);
  }
}

async function readPrivateKey(
  at: DocPath,
  file: string,
  passphraseEnv: string | undefined,
  env: Env,
): Promise<Outcome<KeyObject>> {
  const keyAt = [...at, "privateKeyFile"];
  const text = await readText(keyAt, file);
  if (text.value === undefined) return text;
  const found = findPrivateKeyPem(text.value);
  if (!found) return fail(keyAt, `${file} holds no PEM private key (-----BEGIN PRIVATE KEY-----)`);
  const { pem, encrypted } = found;
  if (encrypted && !passphraseEnv) {
    return fail(keyAt, `the key in ${file} is encrypted: add privateKeyPassphrase: { env: VARIABLE }`);
  }
  const passphrase = passphraseEnv
    ? fromEnv([...at, "privateKeyPassphrase", "env"], passphraseEnv, env)
    : undefined;
  if (passphrase && passphrase.value === undefined) return { problems: passphrase.problems };
  try {
    return ok(parsePrivateKey(pem, passphrase?.value?.reveal()));
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    const why = encrypted ? " (wrong passphrase?)" : "";
    return fail(keyAt, `the key in ${file} cannot be read${why}`);
  }
}
