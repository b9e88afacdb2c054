import type { AppCredential } from "../graph/auth.js";
import { type GraphEndpoints, resolveEndpoints } from "../graph/endpoints.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { ConnectionRow } from "../store/connections.js";
import { DEFAULT_GRAPH_SCOPE } from "./endpoint-columns.js";

/** What a connection's sealed credential is bound to: a sealed value moved to another row will not open. */
export const credentialContext = (id: string) => `connection:${id}:credential`;

/** The stored credential, opened: what MSAL needs. Throws SecretBoxError when it cannot be opened. */
export function openCredential(box: SecretBox, row: ConnectionRow): AppCredential {
  const secret = box.open(row.sealedCredential, credentialContext(row.id));
  return row.credentialKind === "secret"
    ? { kind: "secret", secret }
    : { kind: "certificate", certificatePem: row.certificatePem ?? "", privateKeyPem: secret };
}

/** Where a stored connection's tokens and Graph calls go. */
export function endpointsOf(row: ConnectionRow): GraphEndpoints {
  if (row.cloud !== "custom") return resolveEndpoints(row.cloud);
  return {
    authorityHost: row.authorityHost ?? "",
    graphBaseUrl: `${row.graphHost ?? ""}/v1.0`,
    scope: row.graphScope ?? DEFAULT_GRAPH_SCOPE,
    custom: true,
  };
}
