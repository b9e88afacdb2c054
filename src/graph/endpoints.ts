/**
 * Where a connection's tokens and Graph calls go. National-cloud hosts are Microsoft's published root
 * endpoints (learn.microsoft.com/graph/deployments): each cloud has its own Entra ID and Graph hosts, and a
 * token of one cloud is not accepted by another.
 */

export type CloudName = "global" | "usgov" | "usgov-dod" | "china";

/** A deployment outside the named clouds: a proxy, or the emulator in tests. */
export interface CustomCloud {
  authorityHost: URL | string;
  graphHost: URL | string;
  /**
   * The resource whose `/.default` scope is requested. Defaults to the global Graph resource: a custom
   * endpoint stands in for Graph (the emulator accepts only Graph's own resource), it is not a new one.
   */
  resource?: URL | string;
}

export type CloudSetting = CloudName | CustomCloud;

export interface GraphEndpoints {
  /** Origin of Entra ID, without a trailing slash: `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** Graph's versioned root, without a trailing slash: `https://graph.microsoft.com/v1.0`. */
  graphBaseUrl: string;
  /** The client-credentials scope: the resource's `/.default`. */
  scope: string;
  /** True for a custom cloud, whose authority MSAL cannot discover and must be told to trust. */
  custom: boolean;
}

const NAMED: Record<CloudName, { authorityHost: string; graphHost: string }> = {
  global: { authorityHost: "https://login.microsoftonline.com", graphHost: "https://graph.microsoft.com" },
  // GCC High (L4); plain GCC tenants use the global endpoints.
  usgov: { authorityHost: "https://login.microsoftonline.us", graphHost: "https://graph.microsoft.us" },
  // DoD (L5) signs in at the US Government authority but has its own Graph host.
  "usgov-dod": {
    authorityHost: "https://login.microsoftonline.us",
    graphHost: "https://dod-graph.microsoft.us",
  },
  // Operated by 21Vianet; login.partner.microsoftonline.cn is an alias of the same authority.
  china: {
    authorityHost: "https://login.chinacloudapi.cn",
    graphHost: "https://microsoftgraph.chinacloudapi.cn",
  },
};

export const CLOUD_NAMES = Object.keys(NAMED) as CloudName[];

function httpsRoot(value: URL | string, name: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new Error(`${name} is not a URL: ${String(value)}`);
  }
  // MSAL refuses other schemes, and a bearer token must never travel in clear text.
  if (url.protocol !== "https:") throw new Error(`${name} must use https: ${url.origin}`);
  if (url.search || url.hash) throw new Error(`${name} must not carry a query or fragment: ${url.href}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function resolveEndpoints(cloud: CloudSetting): GraphEndpoints {
  if (typeof cloud === "string") {
    const named = NAMED[cloud];
    if (!named) throw new Error(`unknown cloud "${cloud}"; expected one of ${CLOUD_NAMES.join(", ")}`);
    return {
      authorityHost: named.authorityHost,
      graphBaseUrl: `${named.graphHost}/v1.0`,
      // National clouds require their own Graph host in the scope (learn.microsoft.com/graph/sdks/national-clouds).
      scope: `${named.graphHost}/.default`,
      custom: false,
    };
  }
  const resource = httpsRoot(cloud.resource ?? NAMED.global.graphHost, "resource");
  return {
    authorityHost: httpsRoot(cloud.authorityHost, "authorityHost"),
    graphBaseUrl: `${httpsRoot(cloud.graphHost, "graphHost")}/v1.0`,
    scope: `${resource}/.default`,
    custom: true,
  };
}
