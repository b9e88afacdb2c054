import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { inspect } from "node:util";

/**
 * Sealed secrets are text, so they fit any column of any database and survive copy and paste:
 *
 *     v1.<key id>.<iv>.<auth tag>.<ciphertext>        (every part after the version in base64url)
 *
 * The version says how to read the rest; the key id says which key sealed it, so a changed key is
 * reported as such instead of as corruption.
 */
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
export const SECRET_KEY_BYTES = 32;
// 96-bit IVs are GCM's native size; random ones are safe for far more seals than crosscal will ever make.
const IV_BYTES = 12;
// The full 128-bit tag, always: GCM accepts shorter tags unless told otherwise, and short tags are forgeable.
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SecretBoxFailure = "malformed" | "unknown-version" | "wrong-key" | "rejected";

/** Why a sealed secret could not be opened. Messages name the context and key ids, never a secret. */
export class SecretBoxError extends Error {
  constructor(
    readonly reason: SecretBoxFailure,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/**
 * A short public name for a key: enough to tell two keys apart in an error message or a backup label.
 * It is a truncated hash under a label of its own, so it reveals nothing usable about the key.
 */
export function keyIdOf(key: Uint8Array): string {
  return createHash("sha256")
    .update("crosscal secret key id\0")
    .update(key)
    .digest()
    .subarray(0, KEY_ID_BYTES)
    .toString("base64url");
}

interface Envelope {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Encrypts connection secrets (client secrets, private keys) for storage with AES-256-GCM.
 *
 * Every seal names a `context` (e.g. "connection:contoso:clientSecret") that is authenticated with the
 * ciphertext: a sealed value copied into another row or field does not open there. Contexts appear in
 * error messages, so they must identify a secret, never contain one.
 */
export class SecretBox {
  readonly #key: KeyObject;
  readonly keyId: string;

  constructor(key: Uint8Array) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new RangeError(`a secret key has ${SECRET_KEY_BYTES} bytes, this one has ${key.length}`);
    }
    this.#key = createSecretKey(Buffer.from(key));
    this.keyId = keyIdOf(key);
  }

  seal(plaintext: string, context: string): string {
    checkContext(context);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(this.keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((bytes) => bytes.toString("base64url"));
    return [VERSION, this.keyId, ...parts].join(".");
  }

  open(sealed: string, context: string): string {
    checkContext(context);
    const envelope = parseEnvelope(sealed, context);
    if (envelope.keyId !== this.keyId) {
      throw new SecretBoxError(
        "wrong-key",
        `cannot open the secret for ${context}: it was sealed with key ${envelope.keyId}, but the current ` +
          `secret key is ${this.keyId}. Restore the key it was sealed with, or enter the secret again`,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, this.#key, envelope.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(envelope.keyId, context));
    decipher.setAuthTag(envelope.tag);
    try {
      return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString("utf8");
    } catch {
      // GCM says only "unable to authenticate"; the three ways to get there are told apart by nobody.
      throw new SecretBoxError(
        "rejected",
        `cannot open the secret for ${context}: it was altered or truncated, or sealed for another context`,
      );
    }
  }

  toJSON(): string {
    return `SecretBox(${this.keyId})`;
  }

  [inspect.custom](): string {
    return `SecretBox(key ${this.keyId})`;
  }
}

function checkContext(context: string): void {
  if (!context) throw new TypeError("a sealed secret needs a context naming what it is for");
}

// Binding the header too means no field of the envelope can be swapped without the tag noticing.
const additionalData = (keyId: string, context: string) =>
  Buffer.from(`${VERSION}.${keyId}\n${context}`, "utf8");

function parseEnvelope(sealed: string, context: string): Envelope {
  const malformed = (why: string) =>
    new SecretBoxError("malformed", `cannot open the secret for ${context}: ${why}`);
  const parts = sealed.split(".");
  const version = parts[0] ?? "";
  if (parts.length >= 2 && /^v\d+$/.test(version) && version !== VERSION) {
    throw new SecretBoxError(
      "unknown-version",
      `cannot open the secret for ${context}: it is sealed in format ${version}, this crosscal reads ${VERSION}`,
    );
  }
  if (version !== VERSION || parts.length !== 5) {
    throw malformed(`it is not a sealed secret (expected ${VERSION} with 5 parts)`);
  }
  const [, keyId = "", ...encoded] = parts;
  const decoded = encoded.map((text) => decodeBase64url(text));
  const [iv, tag, ciphertext] = decoded;
  if (decodeBase64url(keyId)?.length !== KEY_ID_BYTES) {
    throw malformed("its key id is damaged");
  }
  if (!iv || !tag || !ciphertext) throw malformed("a part is not valid base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw malformed("it is truncated or damaged");
  return { keyId, iv, tag, ciphertext };
}

/** Strict base64url: Node's decoder skips characters it does not know, which would hide damage. */
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}
