import { randomUUID } from "node:crypto";

/**
 * An error of Entra ID's token service, rendered as its JSON body
 * `{error, error_description: "AADSTSnnnn: ...", error_codes, timestamp, trace_id, correlation_id, error_uri}`.
 * Login-host routes throw it; the login plugin's error handler renders it (never Graph's envelope).
 */
export class AadstsError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

/** Entra's timestamp format in error bodies: "2016-01-09 02:02:12Z". */
function entraTimestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export function aadstsBody(
  error: AadstsError,
  now: Date,
  baseUrl: string,
  correlationId: string = randomUUID(),
) {
  const traceId = randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: error.error,
    error_description: `AADSTS${error.code}: ${error.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${baseUrl}/error?code=${error.code}`,
  };
}

const DOC_CERTIFICATES =
  "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .";

/** The errors the token endpoint answers, with Entra's codes, OAuth error names and HTTP statuses. */
export const aadsts = {
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      400,
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    new AadstsError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType}'. This emulator supports only 'client_credentials'.`,
    ),
  appNotFound: (clientId: string, tenantName: string) =>
    new AadstsError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  invalidScope: (scope: string) =>
    new AadstsError(
      400,
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  missingCredential: () =>
    new AadstsError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  invalidSecret: (clientId: string) =>
    new AadstsError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  unsupportedAssertionType: (type: string) =>
    new AadstsError(400, "invalid_request", 700002, `The client_assertion_type '${type}' is not supported.`),
  malformedAssertion: () =>
    new AadstsError(400, "invalid_request", 50027, "JWT token is invalid or malformed."),
  assertionClientMismatch: () =>
    new AadstsError(
      401,
      "invalid_client",
      700021,
      `Client assertion application identifier doesn't match 'client_id' parameter. ${DOC_CERTIFICATES}`,
    ),
  assertionAudience: () =>
    new AadstsError(
      401,
      "invalid_client",
      700023,
      `Client assertion audience claim does not match Realm issuer. ${DOC_CERTIFICATES}`,
    ),
  assertionTime: (now: Date, nbf: number | undefined, exp: number | undefined) =>
    new AadstsError(
      401,
      "invalid_client",
      700024,
      `Client assertion is not within its valid time range. Current time: ${now.toISOString()}, assertion valid from ${new Date((nbf ?? 0) * 1000).toISOString()}, expiry time of assertion ${new Date((exp ?? 0) * 1000).toISOString()}. ${DOC_CERTIFICATES}`,
    ),
  assertionSignature: (reason: string, thumbprintHex: string, clientId: string) =>
    new AadstsError(
      401,
      "invalid_client",
      700027,
      `Client assertion failed signature validation. [Reason - ${reason}, Thumbprint of key used by client: '${thumbprintHex}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
    ),
};
