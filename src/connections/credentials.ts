import { RSA_ONLY } from "../graph/auth.js";
import {
  type CertificateCredential,
  CertificateError,
  type CertificateProblem,
  readCertificate,
} from "../graph/certificate.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { CredentialKind } from "../store/connections.js";
import { ConnectionInputError } from "./errors.js";
import { credentialContext } from "./stored-connection.js";

/**
 * A connection's credential as given (a client secret, or a certificate and its key), checked and sealed
 * for its row: the secret part opens only with the deployment's key and only for that connection.
 */

export interface CertificateInput {
  certificatePem: string;
  /** PEM, PKCS#8 or PKCS#1, maybe encrypted; never stored as given (re-exported as PKCS#8, sealed). */
  privateKey: string;
  /** For an encrypted private key; not stored. */
  passphrase?: string | undefined;
}

export interface CredentialInput {
  clientSecret?: string | undefined;
  certificate?: CertificateInput | undefined;
}

/** The credential columns, the secret part sealed. */
export interface CredentialColumns {
  credentialKind: CredentialKind;
  sealedCredential: string;
  certificatePem: string | null;
  certificateThumbprint: string | null;
}

/** Exactly one credential, or none (an edit that keeps the stored one). */
export function credentialGiven(input: CredentialInput): boolean {
  if (input.clientSecret !== undefined && input.certificate !== undefined) {
    throw new ConnectionInputError(
      "a connection has one credential: give clientSecret or certificate, not both",
      ["certificate"],
    );
  }
  return input.clientSecret !== undefined || input.certificate !== undefined;
}

/** A credential checked and read, ready to seal: a client secret, or a certificate and its PKCS#8 key. */
export type ReadCredential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; certificate: CertificateCredential };

/** The credential columns of connection `id`, the secret part sealed for that row only. */
export function sealedColumns(box: SecretBox, id: string, credential: ReadCredential): CredentialColumns {
  const context = credentialContext(id);
  if (credential.kind === "secret") {
    const sealedCredential = box.seal(credential.secret, context);
    return { credentialKind: "secret", sealedCredential, certificatePem: null, certificateThumbprint: null };
  }
  const { certificate } = credential;
  return {
    credentialKind: "certificate",
    sealedCredential: box.seal(certificate.privateKeyPkcs8, context),
    certificatePem: certificate.certificatePem,
    certificateThumbprint: certificate.thumbprintSha256,
  };
}

/** A credential as given, checked, read and sealed for connection `id`. */
export function sealCredential(box: SecretBox, id: string, input: CredentialInput): CredentialColumns {
  if (input.clientSecret !== undefined) {
    if (!input.clientSecret.trim())
      throw new ConnectionInputError("the client secret is blank", ["clientSecret"]);
    return sealedColumns(box, id, { kind: "secret", secret: input.clientSecret });
  }
  if (!input.certificate) {
    throw new ConnectionInputError(
      "a connection needs a credential: clientSecret, or certificate { certificatePem, privateKey }",
      ["clientSecret"],
    );
  }
  return sealedColumns(box, id, {
    kind: "certificate",
    certificate: readCertificateInput(input.certificate),
  });
}

/** What is wrong with a certificate input, said of the field that holds it. */
const PROBLEMS: Record<CertificateProblem, [field: keyof CertificateInput, message: string]> = {
  "no-certificate": ["certificatePem", "holds no PEM certificate (-----BEGIN CERTIFICATE-----)"],
  "certificate-unreadable": ["certificatePem", "the PEM certificate cannot be parsed"],
  "key-unreadable": [
    "privateKey",
    "is not a readable PEM private key (or it is encrypted and the passphrase is missing or wrong)",
  ],
  "key-mismatch": ["privateKey", "the private key does not belong to the certificate"],
  "key-not-rsa": ["privateKey", RSA_ONLY],
};

function readCertificateInput(input: CertificateInput): CertificateCredential {
  try {
    return readCertificate({
      certificatePem: input.certificatePem,
      privateKeyPem: input.privateKey,
      passphrase: input.passphrase,
    });
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    const [field, message] = PROBLEMS[error.problem];
    throw new ConnectionInputError(message, ["certificate", field]);
  }
}
