import { createHash, createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { type Static, Type } from "typebox";
import { CLOUDS, DEFAULTS } from "../../config/schema.js";
import {
  checkEndpoints,
  type EndpointPolicy,
  EndpointRefusedError,
} from "../../connections/endpoint-policy.js";
import { credentialContext } from "../../connections/stored-connection.js";
import { type GraphEndpoints, resolveEndpoints } from "../../graph/endpoints.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import {
  CONNECTION_STATUSES,
  type ConnectionCloud,
  type ConnectionRow,
  type CredentialKind,
} from "../../store/connections.js";
import { ApiError } from "../errors.js";

/** Request and response shapes of /api/connections, and the conversions between them and the store. */

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

export type NewConnectionInput = Static<typeof NewConnectionBody>;
export type ConnectionPatch = Static<typeof ConnectionPatchBody>;
type CertificateInput = Static<typeof Certificate>;
type EndpointsInput = Static<typeof Endpoints>;

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

/** Where the sealed credential of a connection belongs: a value sealed for one row opens in no other. */

/** The credential columns, the secret part sealed. */
export interface CredentialColumns {
  credentialKind: CredentialKind;
  sealedCredential: string;
  certificatePem: string | null;
  certificateThumbprint: string | null;
}

/** Exactly one credential, or none (an edit that keeps the stored one). */
export function credentialGiven(body: { clientSecret?: string; certificate?: CertificateInput }): boolean {
  if (body.clientSecret !== undefined && body.certificate !== undefined) {
    throw new ApiError(
      400,
      "invalid_request",
      "a connection has one credential: give clientSecret or certificate, not both",
      "body/certificate",
    );
  }
  return body.clientSecret !== undefined || body.certificate !== undefined;
}

export function sealCredential(
  box: SecretBox,
  id: string,
  body: { clientSecret?: string; certificate?: CertificateInput },
): CredentialColumns {
  const context = credentialContext(id);
  if (body.clientSecret !== undefined) {
    if (!body.clientSecret.trim()) {
      throw new ApiError(400, "invalid_request", "the client secret is blank", "body/clientSecret");
    }
    return {
      credentialKind: "secret",
      sealedCredential: box.seal(body.clientSecret, context),
      certificatePem: null,
      certificateThumbprint: null,
    };
  }
  if (!body.certificate) {
    throw new ApiError(
      400,
      "invalid_request",
      "a connection needs a credential: clientSecret, or certificate { certificatePem, privateKey }",
      "body/clientSecret",
    );
  }
  const { certificate, key } = readCertificate(body.certificate);
  return {
    credentialKind: "certificate",
    sealedCredential: box.seal(String(key.export({ type: "pkcs8", format: "pem" })), context),
    certificatePem: certificate.toString(),
    certificateThumbprint: createHash("sha256").update(certificate.raw).digest("hex"),
  };
}

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

function readCertificate(input: CertificateInput): { certificate: X509Certificate; key: KeyObject } {
  const invalid = (field: string, message: string) =>
    new ApiError(400, "invalid_request", message, `body/certificate/${field}`);
  const pem = input.certificatePem.match(CERTIFICATE_PEM)?.[0];
  if (!pem) throw invalid("certificatePem", "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw invalid("certificatePem", "the PEM certificate cannot be parsed");
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(
      input.passphrase === undefined
        ? input.privateKey
        : { key: input.privateKey, passphrase: input.passphrase },
    );
  } catch {
    // Node's message may quote the key material it choked on: say only what is wrong.
    throw invalid(
      "privateKey",
      "is not a readable PEM private key (or it is encrypted and the passphrase is missing or wrong)",
    );
  }
  if (!certificate.checkPrivateKey(key)) {
    throw invalid("privateKey", "the private key does not belong to the certificate");
  }
  return { certificate, key };
}

export interface EndpointColumns {
  cloud: ConnectionCloud;
  authorityHost: string | null;
  graphHost: string | null;
  graphScope: string | null;
}

/** Custom endpoints only with the custom cloud, and always with it; https origins, a `/.default` scope. */
export function endpointColumns(
  cloud: ConnectionCloud,
  endpoints: EndpointsInput | undefined,
): EndpointColumns {
  if (cloud !== "custom") {
    if (endpoints) {
      throw new ApiError(
        400,
        "invalid_request",
        `endpoints are only used with cloud "custom" (cloud is "${cloud}")`,
        "body/endpoints",
      );
    }
    return { cloud, authorityHost: null, graphHost: null, graphScope: null };
  }
  if (!endpoints) {
    throw new ApiError(
      400,
      "invalid_request",
      'cloud "custom" needs endpoints: { authority, graph }',
      "body/endpoints",
    );
  }
  let resolved: GraphEndpoints;
  try {
    resolved = resolveEndpoints({ authorityHost: endpoints.authority, graphHost: endpoints.graph });
  } catch (error) {
    throw new ApiError(400, "invalid_request", (error as Error).message, "body/endpoints");
  }
  const graphScope = endpoints.graphScope ?? DEFAULTS.graphScope;
  if (!graphScope.endsWith("/.default")) {
    throw new ApiError(
      400,
      "invalid_request",
      "must end with /.default (app-only tokens ask for a whole resource)",
      "body/endpoints/graphScope",
    );
  }
  return {
    cloud,
    authorityHost: resolved.authorityHost,
    graphHost: resolved.graphBaseUrl.replace(/\/v1\.0$/, ""),
    graphScope,
  };
}

/**
 * Refuses custom endpoints the deployment does not allow (see connections/endpoint-policy.ts), before
 * anything is stored or sent there. Named clouds pass.
 */
export async function allowEndpoints(
  policy: EndpointPolicy,
  columns: Pick<EndpointColumns, "cloud" | "authorityHost" | "graphHost">,
  field = "body/endpoints",
): Promise<void> {
  if (columns.cloud !== "custom" || !columns.authorityHost || !columns.graphHost) return;
  try {
    await checkEndpoints(policy, [columns.authorityHost, columns.graphHost]);
  } catch (error) {
    if (error instanceof EndpointRefusedError) {
      throw new ApiError(400, "endpoint_not_allowed", error.message, field);
    }
    throw error;
  }
}
