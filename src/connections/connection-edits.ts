import type { SecretBox } from "../secrets/secret-box.js";
import type { Store } from "../store/database.js";
import type { EndpointColumns } from "./endpoint-columns.js";
import { checkEndpoints, type EndpointPolicy } from "./endpoint-policy.js";

/** What creating, editing, deleting and checking a connection need from the service around them. */
export interface ConnectionEdits {
  db: Store;
  /** The deployment's key; throws when the server has none (sealing and opening secrets need it). */
  secrets: () => SecretBox;
  /** Which custom endpoints connections may be given (see endpoint-policy.ts). */
  policy: EndpointPolicy;
  now: () => Date;
}

/**
 * Refuses custom endpoints the deployment does not allow (EndpointRefusedError), before anything is
 * stored or sent there. Named clouds pass. Outside any transaction: the policy may ask DNS.
 */
export async function allowEndpoints(
  policy: EndpointPolicy,
  columns: Pick<EndpointColumns, "cloud" | "authorityHost" | "graphHost">,
): Promise<void> {
  if (columns.cloud !== "custom" || !columns.authorityHost || !columns.graphHost) return;
  await checkEndpoints(policy, [columns.authorityHost, columns.graphHost]);
}
