// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the reflect polyfill loaded first.
import "reflect-metadata";
import { createHash, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};

export interface TestCertificate {
  certPem: string;
  privateKeyPem: string;
  /** Hex SHA-1 thumbprint (msal-node `thumbprint`). */
  sha1Hex: string;
  /** Hex SHA-256 thumbprint (msal-node `thumbprintSha256`). */
  sha256Hex: string;
}

/** An RSA key and a self-signed certificate for it, as an admin would upload to an app registration. */
export async function createTestCertificate(name = "crosscal test app"): Promise<TestCertificate> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${name}`,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 365 * 24 * 3600_000),
    keys,
    signingAlgorithm: RSA,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`;
  const der = Buffer.from(cert.rawData);
  return {
    certPem: cert.toString("pem"),
    privateKeyPem,
    sha1Hex: createHash("sha1").update(der).digest("hex"),
    sha256Hex: createHash("sha256").update(der).digest("hex"),
  };
}
