import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { keyIdOf, SecretBox, SecretBoxError, type SecretBoxFailure } from "../../src/secrets/secret-box.js";

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);
const CONTEXT = "connection:contoso:clientSecret";
const PLAINTEXT = "Vx8Q~s3cr3t-value-that-must-not-leak";

/** Opening must fail for `reason`, and the message must give away neither the plaintext nor a key. */
function expectFailure(open: () => unknown, reason: SecretBoxFailure): SecretBoxError {
  let caught: unknown;
  try {
    open();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SecretBoxError);
  const error = caught as SecretBoxError;
  expect(error.reason).toBe(reason);
  for (const secret of [PLAINTEXT, ...[KEY, OTHER_KEY].flatMap(encodings)]) {
    expect(error.message).not.toContain(secret);
  }
  return error;
}

const encodings = (key: Buffer) => [key.toString("hex"), key.toString("base64"), key.toString("base64url")];

const partsOf = (sealed: string) => sealed.split(".");
const withPart = (sealed: string, index: number, value: string) =>
  partsOf(sealed)
    .map((part, at) => (at === index ? value : part))
    .join(".");

describe("SecretBox", () => {
  const box = new SecretBox(KEY);

  it("opens what it sealed, for any text", () => {
    for (const plaintext of [PLAINTEXT, "", "ünïcödé ✓ 日本", "x".repeat(100_000)]) {
      expect(box.open(box.seal(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
    }
  });

  it("opens with another box holding the same key (a restart)", () => {
    expect(new SecretBox(Buffer.from(KEY)).open(box.seal(PLAINTEXT, CONTEXT), CONTEXT)).toBe(PLAINTEXT);
  });

  it("writes a self-describing envelope: version, key id, 12-byte IV, 16-byte tag, ciphertext", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    const [version, keyId, iv, tag, ciphertext, ...rest] = partsOf(sealed);

    expect(version).toBe("v1");
    expect(keyId).toBe(box.keyId);
    expect(keyId).toBe(keyIdOf(KEY));
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(Buffer.from(ciphertext!, "base64url")).toHaveLength(Buffer.byteLength(PLAINTEXT));
    expect(rest).toEqual([]);
    expect(sealed).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(sealed).not.toContain(PLAINTEXT);
  });

  it("never seals the same text the same way twice", () => {
    const seals = new Set(Array.from({ length: 50 }, () => box.seal(PLAINTEXT, CONTEXT)));
    const ivs = new Set([...seals].map((sealed) => partsOf(sealed)[2]));
    expect(seals.size).toBe(50);
    expect(ivs.size).toBe(50);
  });

  it("gives different keys different short ids", () => {
    expect(keyIdOf(KEY)).not.toBe(keyIdOf(OTHER_KEY));
    expect(keyIdOf(KEY)).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it("refuses a sealed value moved to another context", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    for (const other of [
      "connection:fabrikam:clientSecret",
      "connection:contoso:privateKey",
      `${CONTEXT} `,
    ]) {
      const error = expectFailure(() => box.open(sealed, other), "rejected");
      expect(error.message).toContain(other);
    }
  });

  it("names both key ids when the key is not the one that sealed", () => {
    const sealed = new SecretBox(OTHER_KEY).seal(PLAINTEXT, CONTEXT);
    const error = expectFailure(() => box.open(sealed, CONTEXT), "wrong-key");
    expect(error.message).toContain(keyIdOf(OTHER_KEY));
    expect(error.message).toContain(box.keyId);
    expect(error.message).toContain(CONTEXT);
  });

  it("refuses every altered byte of the IV, the tag and the ciphertext", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(partsOf(sealed)[index]!, "base64url");
      for (let at = 0; at < bytes.length; at++) {
        const altered = Buffer.from(bytes);
        altered[at] = altered[at]! ^ 0x01;
        expectFailure(
          () => box.open(withPart(sealed, index, altered.toString("base64url")), CONTEXT),
          "rejected",
        );
      }
    }
  });

  it("refuses an altered key id, by name", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    const error = expectFailure(
      () => box.open(withPart(sealed, 1, keyIdOf(OTHER_KEY)), CONTEXT),
      "wrong-key",
    );
    expect(error.message).toContain(keyIdOf(OTHER_KEY));
  });

  it("refuses the key id of this key on a value sealed by another (the header is authenticated)", () => {
    const sealed = new SecretBox(OTHER_KEY).seal(PLAINTEXT, CONTEXT);
    expectFailure(() => box.open(withPart(sealed, 1, box.keyId), CONTEXT), "rejected");
  });

  it("refuses every altered character of the text, whatever it turns into", () => {
    const sealed = box.seal("short", CONTEXT);
    for (let at = 0; at < sealed.length; at++) {
      const replacement = sealed[at] === "A" ? "B" : "A";
      const altered = sealed.slice(0, at) + replacement + sealed.slice(at + 1);
      expect(() => box.open(altered, CONTEXT)).toThrow(SecretBoxError);
    }
  });

  it("refuses truncated envelopes", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    for (let length = 0; length < sealed.length; length++) {
      expect(() => box.open(sealed.slice(0, length), CONTEXT)).toThrow(SecretBoxError);
    }
    const parts = partsOf(sealed);
    const shortTag = Buffer.from(parts[3]!, "base64url").subarray(0, 12).toString("base64url");
    expectFailure(() => box.open(withPart(sealed, 3, shortTag), CONTEXT), "malformed");
    expectFailure(() => box.open(parts.slice(0, 4).join("."), CONTEXT), "malformed");
    expectFailure(() => box.open(withPart(sealed, 4, ""), CONTEXT), "rejected");
  });

  it("refuses extra parts, foreign text and characters outside base64url", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    expectFailure(() => box.open(`${sealed}.AAAA`, CONTEXT), "malformed");
    expectFailure(() => box.open(PLAINTEXT, CONTEXT), "malformed");
    expectFailure(() => box.open("", CONTEXT), "malformed");
    const iv = partsOf(sealed)[2]!;
    expectFailure(() => box.open(withPart(sealed, 2, `${iv.slice(0, -1)}+`), CONTEXT), "malformed");
    expectFailure(() => box.open(withPart(sealed, 2, `${iv}=`), CONTEXT), "malformed");
  });

  it("reports a version it does not know as such", () => {
    const sealed = box.seal(PLAINTEXT, CONTEXT);
    const error = expectFailure(() => box.open(withPart(sealed, 0, "v2"), CONTEXT), "unknown-version");
    expect(error.message).toContain("v2");
  });

  it("requires a context and a 32-byte key", () => {
    expect(() => box.seal(PLAINTEXT, "")).toThrow(/context/);
    expect(() => box.open(box.seal(PLAINTEXT, CONTEXT), "")).toThrow(/context/);
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new SecretBox(randomBytes(33))).toThrow(/32 bytes/);
  });

  it("shows only its key id when printed or serialized", () => {
    for (const shown of [inspect(box), JSON.stringify({ box }), String(Object.keys(box))]) {
      for (const secret of encodings(KEY)) expect(shown).not.toContain(secret);
    }
    expect(inspect(box)).toContain(box.keyId);
  });
});
