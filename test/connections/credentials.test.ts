import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { credentialGiven, sealCredential } from "../../src/connections/credentials.js";
import { ConnectionInputError } from "../../src/connections/errors.js";
import { credentialContext } from "../../src/connections/stored-connection.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import { createTestCertificate, type TestCertificate } from "../emulator/identity/certificate.js";

const box = new SecretBox(randomBytes(32));
let certificate: TestCertificate;
let stranger: TestCertificate;

beforeAll(async () => {
  [certificate, stranger] = await Promise.all([createTestCertificate(), createTestCertificate("stranger")]);
});

const refusal = (seal: () => unknown) => {
  try {
    seal();
  } catch (error) {
    if (error instanceof ConnectionInputError) return [error.at.join("/"), error.message];
    throw error;
  }
  throw new Error("not refused");
};

describe("sealCredential", () => {
  it("seals a client secret for its connection only", () => {
    const columns = sealCredential(box, "c1", { clientSecret: "s3cret" });
    expect(columns).toMatchObject({
      credentialKind: "secret",
      certificatePem: null,
      certificateThumbprint: null,
    });
    expect(box.open(columns.sealedCredential, credentialContext("c1"))).toBe("s3cret");
    expect(() => box.open(columns.sealedCredential, credentialContext("c2"))).toThrow();
  });

  it("keeps the certificate and its thumbprint, and seals the key as PKCS#8", () => {
    const input = { certificatePem: certificate.certPem, privateKey: certificate.privateKeyPem };
    const columns = sealCredential(box, "c1", { certificate: input });
    expect(columns.credentialKind).toBe("certificate");
    expect(columns.certificateThumbprint).toBe(certificate.sha256Hex);
    expect(columns.certificatePem).toContain("-----BEGIN CERTIFICATE-----");
    expect(box.open(columns.sealedCredential, credentialContext("c1"))).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
  });

  it("names the field at fault, and what is wrong with it", () => {
    const seal = (certificatePem: string, privateKey: string) => () =>
      sealCredential(box, "c1", { certificate: { certificatePem, privateKey } });
    expect(refusal(() => sealCredential(box, "c1", {}))).toEqual([
      "clientSecret",
      "a connection needs a credential: clientSecret, or certificate { certificatePem, privateKey }",
    ]);
    expect(refusal(() => sealCredential(box, "c1", { clientSecret: " " }))).toEqual([
      "clientSecret",
      "the client secret is blank",
    ]);
    expect(refusal(seal("no pem", certificate.privateKeyPem))).toEqual([
      "certificate/certificatePem",
      "holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
    ]);
    expect(refusal(seal(certificate.certPem, "no key"))).toEqual([
      "certificate/privateKey",
      "is not a readable PEM private key (or it is encrypted and the passphrase is missing or wrong)",
    ]);
    expect(refusal(seal(certificate.certPem, stranger.privateKeyPem))).toEqual([
      "certificate/privateKey",
      "the private key does not belong to the certificate",
    ]);
  });
});

describe("credentialGiven", () => {
  it("is one credential or none, never two", () => {
    expect(credentialGiven({})).toBe(false);
    expect(credentialGiven({ clientSecret: "s" })).toBe(true);
    const both = { clientSecret: "s", certificate: { certificatePem: "", privateKey: "" } };
    expect(refusal(() => credentialGiven(both))).toEqual([
      "certificate",
      "a connection has one credential: give clientSecret or certificate, not both",
    ]);
  });
});
