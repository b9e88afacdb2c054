import type { CloudName } from "./schema.js";
import { DEFAULTS } from "./schema.js";
import type { Endpoints } from "./types.js";

/**
 * The national clouds' Entra ID and Graph hosts (Microsoft Learn, "National cloud deployments" and
 * "Microsoft Graph national cloud deployments"). Custom endpoints come from the file instead.
 */
export const CLOUD_ENDPOINTS: Record<Exclude<CloudName, "custom">, Endpoints> = {
  global: cloud("https://login.microsoftonline.com", "https://graph.microsoft.com"),
  usgov: cloud("https://login.microsoftonline.us", "https://graph.microsoft.us"),
  "usgov-dod": cloud("https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
  china: cloud("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"),
};

function cloud(authority: string, graph: string): Endpoints {
  return { authority, graph, graphScope: `${graph}/.default` };
}

export function customEndpoints(authority: string, graph: string, graphScope?: string): Endpoints {
  return {
    authority: withoutTrailingSlash(authority),
    graph: withoutTrailingSlash(graph),
    graphScope: graphScope ?? DEFAULTS.graphScope,
  };
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");
