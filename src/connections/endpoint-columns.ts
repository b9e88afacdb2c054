import { type GraphEndpoints, resolveEndpoints } from "../graph/endpoints.js";
import type { ConnectionCloud, ConnectionRow } from "../store/connections.js";
import { ConnectionInputError } from "./errors.js";

/** A connection's endpoints as given, and as the store keeps them. */

/**
 * The token scope of a custom endpoint that names none: Graph's own resource, since a custom endpoint
 * stands in for Graph (a proxy, the emulator) rather than being a new resource. The config file's default.
 */
export const DEFAULT_GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export interface EndpointsInput {
  authority: string;
  graph: string;
  graphScope?: string | undefined;
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
      throw new ConnectionInputError(`endpoints are only used with cloud "custom" (cloud is "${cloud}")`, [
        "endpoints",
      ]);
    }
    return { cloud, authorityHost: null, graphHost: null, graphScope: null };
  }
  if (!endpoints)
    throw new ConnectionInputError('cloud "custom" needs endpoints: { authority, graph }', ["endpoints"]);
  let resolved: GraphEndpoints;
  try {
    resolved = resolveEndpoints({ authorityHost: endpoints.authority, graphHost: endpoints.graph });
  } catch (error) {
    throw new ConnectionInputError((error as Error).message, ["endpoints"]);
  }
  const graphScope = endpoints.graphScope ?? DEFAULT_GRAPH_SCOPE;
  if (!graphScope.endsWith("/.default")) {
    throw new ConnectionInputError("must end with /.default (app-only tokens ask for a whole resource)", [
      "endpoints",
      "graphScope",
    ]);
  }
  return {
    cloud,
    authorityHost: resolved.authorityHost,
    graphHost: resolved.graphBaseUrl.replace(/\/v1\.0$/, ""),
    graphScope,
  };
}

/** The Entra ID and Graph hosts a connection's credential and tokens go to. */
export function hostsOf(columns: Pick<ConnectionRow, "cloud" | "authorityHost" | "graphHost">): string {
  if (columns.cloud === "custom") return `${columns.authorityHost} ${columns.graphHost}`;
  const named = resolveEndpoints(columns.cloud);
  return `${named.authorityHost} ${named.graphBaseUrl}`;
}
