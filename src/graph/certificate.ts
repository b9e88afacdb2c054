import { createHash, createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";

/**
 * The one certificate reader, for a connection's certificate credential wherever it comes from: a request
 * (connections/credentials.ts), the config file's PEM files (config/credentials.ts) or the store, when
 * MSAL signs in (auth.ts). It lives in graph because what it yields is what MSAL's certificate credential
 * takes (a SHA-256 thumbprint and a PKCS#8 key), and graph is the lowest room all three may import.
 *
 * Failures come back as a `CertificateProblem`, not a sentence: each caller names its own source (a file,
 * a request field, a stored connection) in its message. No message quotes Node's, which may quote the key.
 */

export type CertificateProblem =
  /** The text holds no -----BEGIN CERTIFICATE----- block. */
  | "no-certificate"
  /** It holds one that does not parse as X.509. */
  | "certificate-unreadable"
  /** Not a readable PEM private key, or an encrypted one whose passphrase is missing or wrong. */
  | "key-unreadable"
  /** The private key does not belong to the certificate. */
  | "key-mismatch"
  /** An EC (or other) key: MSAL signs the client assertion with PS256, which needs an RSA key. */
  | "key-not-rsa";

export class CertificateError extends Error {
  override readonly name = "CertificateError";
  constructor(
    readonly problem: CertificateProblem,
    options?: ErrorOptions,
  ) {
    super(`certificate credential: ${problem}`, options);
  }
}

/** A certificate credential as stored and as MSAL takes it. */
export interface CertificateCredential {
  /** The certificate alone, re-encoded (whatever surrounded it in the text is dropped). */
  certificatePem: string;
  /** SHA-256 of the DER certificate, lowercase hex: what Entra ID's x5t#S256 names. */
  thumbprintSha256: string;
  /** MSAL signs with PKCS#8 keys only, so whatever PEM flavour was given is exported as PKCS#8. */
  privateKeyPkcs8: string;
}

export interface CertificateInput {
  /** Text holding a PEM certificate (the first one is read; a chain after it is ignored). */
  certificatePem: string;
  /** A PEM private key: PKCS#8, PKCS#1 or SEC1, encrypted or not. */
  privateKeyPem: string;
  passphrase?: string | undefined;
}

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const KEY_PEM = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

/** Reads, checks and pairs a certificate and its key. */
export function readCertificate(input: CertificateInput): CertificateCredential {
  const certificate = parseCertificate(input.certificatePem);
  const key = parsePrivateKey(input.privateKeyPem, input.passphrase);
  return certificateCredential(certificate, key);
}

/** The first PEM certificate in `text`. */
export function parseCertificate(text: string): X509Certificate {
  const pem = text.match(CERTIFICATE_PEM)?.[0];
  if (!pem) throw new CertificateError("no-certificate");
  try {
    return new X509Certificate(pem);
  } catch (cause) {
    throw new CertificateError("certificate-unreadable", { cause });
  }
}

/** A PEM private key, decrypted with `passphrase` when given. */
export function parsePrivateKey(pem: string, passphrase?: string): KeyObject {
  try {
    return createPrivateKey(passphrase === undefined ? pem : { key: pem, format: "pem", passphrase });
  } catch (cause) {
    throw new CertificateError("key-unreadable", { cause });
  }
}

/**
 * The first PEM private key block in `text`, and whether it is encrypted (PKCS#8's ENCRYPTED PRIVATE KEY,
 * or an OpenSSL-encrypted PKCS#1 key's Proc-Type header): for a caller that must ask for a passphrase.
 */
export function findPrivateKeyPem(text: string): { pem: string; encrypted: boolean } | undefined {
  const match = text.match(KEY_PEM);
  if (!match) return undefined;
  const encrypted = match[1] === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(match[0]);
  return { pem: match[0], encrypted };
}

/** The credential of a certificate and its key, once the key is known to belong to it. */
export function certificateCredential(certificate: X509Certificate, key: KeyObject): CertificateCredential {
  if (!certificate.checkPrivateKey(key)) throw new CertificateError("key-mismatch");
  if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "rsa-pss") {
    throw new CertificateError("key-not-rsa");
  }
  return {
    certificatePem: certificate.toString(),
    thumbprintSha256: createHash("sha256").update(certificate.raw).digest("hex"),
    privateKeyPkcs8: String(key.export({ type: "pkcs8", format: "pem" })),
  };
}
