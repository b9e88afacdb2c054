import { execFile } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CertificateError,
  type CertificateProblem,
  findPrivateKeyPem,
  readCertificate,
} from "../../src/graph/certificate.js";
import { createTestCertificate, type TestCertificate } from "../emulator/identity/certificate.js";

const run = promisify(execFile);
let certificate: TestCertificate;
let stranger: TestCertificate;

beforeAll(async () => {
  [certificate, stranger] = await Promise.all([createTestCertificate(), createTestCertificate("stranger")]);
});

const problemOf = (read: () => unknown): CertificateProblem | undefined => {
  try {
    read();
  } catch (error) {
    if (error instanceof CertificateError) return error.problem;
    throw error;
  }
  return undefined;
};

describe("readCertificate", () => {
  it("refuses an EC certificate: MSAL signs with PS256, which needs an RSA key", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crosscal-ec-"));
    try {
      await run("openssl", [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-days", "2"],
        ...["-subj", "/CN=ec-test"],
      ]);
      const certificatePem = await readFile(path.join(dir, "cert.pem"), "utf8");
      const privateKeyPem = await readFile(path.join(dir, "key.pem"), "utf8");
      expect(problemOf(() => readCertificate({ certificatePem, privateKeyPem }))).toBe("key-not-rsa");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("pairs a certificate with its key: SHA-256 thumbprint, the certificate alone, the key as PKCS#8", () => {
    const withText = `Bag Attributes\n  friendlyName: app\n${certificate.certPem}${stranger.certPem}`;
    const pkcs1 = createPrivateKey(certificate.privateKeyPem).export({ type: "pkcs1", format: "pem" });
    const read = readCertificate({ certificatePem: withText, privateKeyPem: String(pkcs1) });
    expect(read.thumbprintSha256).toBe(certificate.sha256Hex);
    expect(read.certificatePem.trim()).toBe(certificate.certPem.trim());
    expect(read.privateKeyPkcs8).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it("opens an encrypted key with its passphrase", () => {
    const encrypted = createPrivateKey(certificate.privateKeyPem).export({
      type: "pkcs8",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: "open sesame",
    });
    const input = { certificatePem: certificate.certPem, privateKeyPem: String(encrypted) };
    expect(readCertificate({ ...input, passphrase: "open sesame" }).thumbprintSha256).toBe(
      certificate.sha256Hex,
    );
    expect(problemOf(() => readCertificate(input))).toBe("key-unreadable");
    expect(problemOf(() => readCertificate({ ...input, passphrase: "wrong" }))).toBe("key-unreadable");
  });

  it("says which part is wrong, never quoting the key", () => {
    const read = (certificatePem: string, privateKeyPem: string) => () =>
      readCertificate({ certificatePem, privateKeyPem });
    const garbled = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----";
    expect(problemOf(read("no pem here", certificate.privateKeyPem))).toBe("no-certificate");
    expect(problemOf(read(garbled, certificate.privateKeyPem))).toBe("certificate-unreadable");
    expect(problemOf(read(certificate.certPem, "not a key"))).toBe("key-unreadable");
    expect(problemOf(read(certificate.certPem, stranger.privateKeyPem))).toBe("key-mismatch");
    const broken = `${stranger.privateKeyPem.slice(0, 120)}\n-----END PRIVATE KEY-----`;
    expect(read(certificate.certPem, broken)).toThrow(/^certificate credential: key-unreadable$/);
  });
});

describe("findPrivateKeyPem", () => {
  it("finds the key block among other text and tells an encrypted one", () => {
    const encrypted = createPrivateKey(certificate.privateKeyPem).export({
      type: "pkcs8",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: "p",
    });
    expect(findPrivateKeyPem(`${certificate.certPem}${certificate.privateKeyPem}`)).toEqual({
      pem: certificate.privateKeyPem.trim(),
      encrypted: false,
    });
    expect(findPrivateKeyPem(String(encrypted))?.encrypted).toBe(true);
    expect(findPrivateKeyPem(certificate.certPem)).toBeUndefined();
  });
});
