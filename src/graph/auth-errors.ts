import { type GraphErrorKind, GraphRequestError } from "./errors.js";

/** Why a token could not be had, precise enough to tell an administrator what to fix. */
export type AuthFailureReason =
  | "bad-credentials"
  | "bad-certificate"
  | "tenant-not-found"
  | "app-not-found"
  | "invalid-scope"
  | "unreachable"
  | "unknown";

export class TokenAcquisitionError extends GraphRequestError {
  constructor(
    readonly reason: AuthFailureReason,
    kind: GraphErrorKind,
    message: string,
    details: {
      tenant: string;
      status?: number;
      aadstsCode?: number;
      correlationId?: string;
      cause?: unknown;
    },
  ) {
    super({
      kind,
      message,
      method: "POST",
      path: `/${details.tenant}/oauth2/v2.0/token`,
      status: details.status,
      code: details.aadstsCode === undefined ? undefined : `AADSTS${details.aadstsCode}`,
      requestId: details.correlationId,
      cause: details.cause,
    });
    this.name = "TokenAcquisitionError";
    this.aadstsCode = details.aadstsCode;
  }
  readonly aadstsCode: number | undefined;
}

/** Who asked, for messages; `secrets` are scrubbed from anything quoted from the server. */
export interface AuthSubject {
  label: string;
  tenant: string;
  clientId: string;
  authorityHost: string;
  secrets: string[];
}

interface MsalFailure {
  errorCode?: string;
  errorMessage?: string;
  errorNo?: string | number;
  status?: number;
  correlationId?: string;
}

const CREDENTIAL_CODES = new Set([7000215, 7000218, 7000222, 7000112]);
const CERTIFICATE_CODES = new Set([700027, 700021, 700023, 700024, 50027, 700002]);

export function scrub(text: string, secrets: string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join("[redacted]");
  return clean;
}

/** The "AADSTSnnnn: text" sentence of an Entra error, without trace ids and timestamps. */
function aadstsSentence(errorMessage: string | undefined): string | undefined {
  const match = errorMessage?.match(/AADSTS\d+:[^\r\n]*/);
  return match?.[0].trim();
}

function aadstsCodeOf(failure: MsalFailure): number | undefined {
  const fromField = Number(failure.errorNo);
  if (Number.isInteger(fromField) && fromField > 0) return fromField;
  const fromText = failure.errorMessage?.match(/AADSTS(\d+)/)?.[1];
  return fromText === undefined ? undefined : Number(fromText);
}

function explain(
  code: number | undefined,
  subject: AuthSubject,
): [AuthFailureReason, GraphErrorKind, string] {
  const app = `app ${subject.clientId} in tenant "${subject.tenant}"`;
  if (code === 7000222) {
    return ["bad-credentials", "permission", `the client secret of ${app} has expired: create a new secret`];
  }
  if (code !== undefined && CREDENTIAL_CODES.has(code)) {
    return [
      "bad-credentials",
      "permission",
      `Entra ID rejected the client secret of ${app}: use the secret's value (not its id) and check it is current`,
    ];
  }
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return [
      "bad-certificate",
      "permission",
      `Entra ID rejected the certificate credential of ${app}: upload this certificate to the app registration, and check the key matches and the clock is right`,
    ];
  }
  if (code === 90002) {
    return [
      "tenant-not-found",
      "permission",
      `tenant "${subject.tenant}" does not exist at ${subject.authorityHost}: check the tenant id or domain and the cloud`,
    ];
  }
  if (code === 700016) {
    return [
      "app-not-found",
      "permission",
      `app ${subject.clientId} is not registered in tenant "${subject.tenant}", or an administrator of that tenant has not granted it admin consent yet`,
    ];
  }
  if (code === 70011) {
    return ["invalid-scope", "invalid", `Entra ID refused the Graph scope requested for ${app}`];
  }
  return ["unknown", "unknown", `Entra ID refused a token for ${app}`];
}

function withConnection(subject: AuthSubject, text: string): string {
  return `connection "${subject.label}": ${text}`;
}

/** A failure reported by MSAL, as an error of the taxonomy. */
export function tokenErrorFromMsal(cause: unknown, subject: AuthSubject): TokenAcquisitionError {
  const failure = (cause ?? {}) as MsalFailure;
  const code = aadstsCodeOf(failure);
  const status = typeof failure.status === "number" ? failure.status : undefined;
  const sentence = aadstsSentence(failure.errorMessage);
  let [reason, kind, text] = explain(code, subject);
  if (code === undefined && status !== undefined && status >= 500) {
    [reason, kind, text] = [
      "unreachable",
      "transient",
      `Entra ID answered ${status} for ${subject.clientId}`,
    ];
  } else if (code === undefined) {
    text = `could not get a token for app ${subject.clientId} in tenant "${subject.tenant}" (${failure.errorCode ?? String(cause)})`;
  }
  const quoted = sentence ? ` (${sentence})` : code === undefined ? "" : ` (AADSTS${code})`;
  return new TokenAcquisitionError(
    reason,
    kind,
    withConnection(subject, scrub(`${text}${quoted}`, subject.secrets)),
    {
      tenant: subject.tenant,
      status,
      aadstsCode: code,
      correlationId: failure.correlationId,
    },
  );
}

/** A failure found before asking Entra: the credential itself is unusable. */
export function localCredentialError(
  subject: AuthSubject,
  problem: string,
  cause?: unknown,
): TokenAcquisitionError {
  return new TokenAcquisitionError("bad-certificate", "permission", withConnection(subject, problem), {
    tenant: subject.tenant,
    cause,
  });
}

/** The authority host could not be reached at all. */
export function unreachableAuthorityError(subject: AuthSubject, detail: string, cause?: unknown) {
  return new TokenAcquisitionError(
    "unreachable",
    "transient",
    withConnection(subject, `cannot reach Entra ID at ${subject.authorityHost}: ${detail}`),
    { tenant: subject.tenant, cause },
  );
}
