import { type Static, Type } from "typebox";
import { CLOUDS, DEFAULTS } from "../../config/schema.js";
import { allowEndpoints } from "../../connections/connection-edits.js";
import type { EndpointColumns } from "../../connections/endpoint-columns.js";
import { type EndpointPolicy, EndpointRefusedError } from "../../connections/endpoint-policy.js";
import {
  ConnectionInputError,
  ConnectionInUseError,
  ConnectionNameTakenError,
  ConnectionNotFoundError,
  CredentialRequiredError,
} from "../../connections/errors.js";
import { CONNECTION_STATUSES, type ConnectionRow } from "../../store/connections.js";
import { ApiError } from "../errors.js";

/** Request and response shapes of /api/connections, and the connections room's errors as answers. */

// The config file's rules, so a connection made here could be written into a config file as is.
export const Name = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
  description: 'letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit',
});
export const Tenant = Type.String({
  maxLength: 253,
  pattern:
    "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63})$",
  description: "the tenant's ID (a GUID) or one of its verified domains",
});
const ClientId = Type.String({
  format: "uuid",
  description: "the app registration's Application (client) ID",
});
const ClientSecret = Type.String({
  minLength: 1,
  maxLength: 1024,
  description: "the client secret's value (never returned)",
});
const Certificate = Type.Object(
  {
    certificatePem: Type.String({ minLength: 1, maxLength: 65_536, description: "PEM X.509 certificate" }),
    privateKey: Type.String({
      minLength: 1,
      maxLength: 65_536,
      description: "its PEM private key, PKCS#8 or PKCS#1 (never returned)",
    }),
    passphrase: Type.Optional(
      Type.String({ maxLength: 1024, description: "for an encrypted private key; not stored" }),
    ),
  },
  { description: "certificate credential: the certificate uploaded to the app registration and its key" },
);
const Endpoints = Type.Object(
  {
    authority: Type.String({ maxLength: 2048, description: "https URL of Entra ID (login) host" }),
    graph: Type.String({ maxLength: 2048, description: "https URL of the Microsoft Graph host" }),
    graphScope: Type.Optional(
      Type.String({ maxLength: 2048, description: `token scope, default ${DEFAULTS.graphScope}` }),
    ),
  },
  { description: "custom endpoints, with cloud: custom only" },
);
const Cloud = Type.Enum(CLOUDS, { description: "the Microsoft cloud the tenant lives in (default global)" });
const ProbeMailbox = Type.String({
  maxLength: 320,
  pattern: "^[^@\\s]+@[^@\\s]+$",
  description: "a mailbox (UPN or address) whose calendar the live check reads",
});

export const NewConnectionBody = Type.Object({
  name: Name,
  tenant: Tenant,
  clientId: ClientId,
  clientSecret: Type.Optional(ClientSecret),
  certificate: Type.Optional(Certificate),
  cloud: Type.Optional(Cloud),
  endpoints: Type.Optional(Endpoints),
  probeMailbox: Type.Optional(ProbeMailbox),
});

export const ConnectionPatchBody = Type.Object({
  name: Type.Optional(Name),
  tenant: Type.Optional(Tenant),
  clientId: Type.Optional(ClientId),
  clientSecret: Type.Optional(ClientSecret),
  certificate: Type.Optional(Certificate),
  cloud: Type.Optional(Cloud),
  endpoints: Type.Optional(Endpoints),
  probeMailbox: Type.Optional(Type.Union([ProbeMailbox, Type.Null()])),
});

export const ConnectionInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tenant: Type.String(),
  clientId: Type.String(),
  credentialKind: Type.Union([Type.Literal("secret"), Type.Literal("certificate")]),
  hasSecret: Type.Boolean({ description: "a secret (or private key) is stored; it is never returned" }),
  certificateThumbprint: Type.Union([Type.String({ description: "SHA-256, hex" }), Type.Null()]),
  cloud: Cloud,
  endpoints: Type.Union([
    Type.Object({ authority: Type.String(), graph: Type.String(), graphScope: Type.String() }),
    Type.Null(),
  ]),
  probeMailbox: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(CONNECTION_STATUSES, { description: "the last live check's outcome" }),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  recheckAt: Type.Union([
    Type.String({
      format: "date-time",
      description: "when the check runs again by itself while a change (consent, roles, secret) propagates",
    }),
    Type.Null(),
  ]),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});

/** What a response says about a connection: never the secret, only that there is one. */
export function connectionInfo(row: ConnectionRow): Static<typeof ConnectionInfo> {
  return {
    id: row.id,
    name: row.name,
    tenant: row.tenant,
    clientId: row.clientId,
    credentialKind: row.credentialKind,
    hasSecret: row.sealedCredential.length > 0,
    certificateThumbprint: row.certificateThumbprint,
    cloud: row.cloud,
    endpoints:
      row.cloud === "custom" && row.authorityHost && row.graphHost
        ? {
            authority: row.authorityHost,
            graph: row.graphHost,
            graphScope: row.graphScope ?? DEFAULTS.graphScope,
          }
        : null,
    probeMailbox: row.probeMailbox,
    status: row.status,
    statusReason: row.statusReason,
    checkedAt: row.checkedAt,
    recheckAt: row.recheckAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * The connections room's refusals as the API's answers; anything else goes on as it is. `endpointField`
 * names what brought refused endpoints (the body's endpoints, or the stored connection's id).
 */
export function connectionErrors(error: unknown, endpointField = "body/endpoints"): never {
  if (error instanceof ConnectionInputError)
    throw new ApiError(400, "invalid_request", error.message, ["body", ...error.at].join("/"));
  if (error instanceof EndpointRefusedError)
    throw new ApiError(400, "endpoint_not_allowed", error.message, endpointField);
  if (error instanceof CredentialRequiredError)
    throw new ApiError(400, "credential_required", error.message, "body/clientSecret");
  if (error instanceof ConnectionNotFoundError)
    throw new ApiError(404, "connection_not_found", error.message);
  if (error instanceof ConnectionNameTakenError)
    throw new ApiError(409, "connection_name_taken", error.message, "body/name");
  if (error instanceof ConnectionInUseError) throw new ApiError(409, "connection_in_use", error.message);
  throw error;
}

/**
 * Refuses custom endpoints the deployment does not allow (see connections/endpoint-policy.ts), before
 * anything is stored or sent there; for the config file's connections, which the connections room does
 * not create one by one.
 */
export async function allowConfigEndpoints(
  policy: EndpointPolicy,
  columns: Pick<EndpointColumns, "cloud" | "authorityHost" | "graphHost">,
  field: string,
): Promise<void> {
  await allowEndpoints(policy, columns).catch((error) => connectionErrors(error, field));
}
