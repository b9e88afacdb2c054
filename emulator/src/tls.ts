// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the reflect polyfill loaded first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ECDSA = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n");
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

async function importKeyPem(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  return webcrypto.subtle.importKey("pkcs8", der, ECDSA, true, ["sign"]);
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
    .toString("hex")
    .replace(/^[89a-f]/, "1");
}

export async function createAuthority(): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(ECDSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: "CN=crosscal Microsoft 365 emulator CA",
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 10 * YEAR_MS),
    keys,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

/** A server certificate for these host names and IP addresses, signed by the emulator's CA. */
export async function issueServerCertificate(
  ca: CertificateAuthority,
  hosts: string[] = ["127.0.0.1", "localhost", "::1"],
): Promise<IssuedCertificate> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importKeyPem(ca.keyPem);
  const keys = (await webcrypto.subtle.generateKey(ECDSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const names = hosts.map((host) =>
    /^[\d.]+$|:/.test(host) ? { type: "ip" as const, value: host } : { type: "dns" as const, value: host },
  );
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${hosts[0] ?? "localhost"}`,
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 2 * YEAR_MS),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

export interface TlsMaterial {
  ca: CertificateAuthority;
  server: IssuedCertificate;
  /** Where the CA certificate is written, for NODE_EXTRA_CA_CERTS. */
  caCertPath: string;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Loads the CA and server certificate from `stateDir`, or creates and saves them there. */
export async function loadOrCreateTls(stateDir: string): Promise<TlsMaterial> {
  await mkdir(stateDir, { recursive: true });
  const files = {
    caCert: path.join(stateDir, "ca.pem"),
    caKey: path.join(stateDir, "ca-key.pem"),
    cert: path.join(stateDir, "server.pem"),
    key: path.join(stateDir, "server-key.pem"),
  };
  const [caCert, caKey, cert, key] = await Promise.all(Object.values(files).map(readIfPresent));
  const ca = caCert && caKey ? { certPem: caCert, keyPem: caKey } : await createAuthority();
  const server = cert && key && caCert ? { certPem: cert, keyPem: key } : await issueServerCertificate(ca);
  if (!caCert || !caKey) {
    await writeFile(files.caCert, ca.certPem);
    await writeFile(files.caKey, ca.keyPem, { mode: 0o600 });
  }
  if (!cert || !key || !caCert) {
    await writeFile(files.cert, server.certPem);
    await writeFile(files.key, server.keyPem, { mode: 0o600 });
  }
  return { ca, server, caCertPath: files.caCert };
}
