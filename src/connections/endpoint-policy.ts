import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Which custom endpoints (`cloud: custom`) a deployment lets administrators give a connection through the
 * API. A connection's credential, and every Graph token it gets, go to its endpoints: whoever may set them
 * may send the tenant's secret to any host, or make the service probe hosts it can reach and others
 * cannot (the cloud metadata service, the loopback interface, the private network).
 *
 * - Off by default: the named clouds need none.
 * - `allowCustom` opens public hosts on the https port; addresses that are loopback, link-local
 *   (metadata services live there), private, shared (CGNAT), multicast or reserved stay refused.
 * - `allowedHosts` names `host[:port]` entries allowed as they are, whatever they resolve to: a proxy on
 *   the private network, or the emulator on 127.0.0.1 in tests.
 */
export interface EndpointPolicy {
  allowCustom: boolean;
  allowedHosts: readonly string[];
}

export const NO_CUSTOM_ENDPOINTS: EndpointPolicy = { allowCustom: false, allowedHosts: [] };

/** Refused by the deployment's policy; the message says which host and which option allows it. */
export class EndpointRefusedError extends Error {
  override readonly name = "EndpointRefusedError";
}

export type Lookup = (hostname: string) => Promise<string[]>;

const resolveAll: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Addresses no custom endpoint may resolve to unless its host is allowed by name (IANA special-purpose). */
const NON_PUBLIC = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ] as const) {
    list.addSubnet(network, prefix, "ipv4");
  }
  for (const [network, prefix] of [
    ["::", 128],
    ["::1", 128],
    ["64:ff9b::", 96],
    ["fc00::", 7],
    ["fe80::", 10],
    ["ff00::", 8],
  ] as const) {
    list.addSubnet(network, prefix, "ipv6");
  }
  return list;
})();

export const isPublicAddress = (address: string) => {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
};

/** `host:port` as the allow-list spells it: lower case, IPv6 in brackets, the port always written. */
export function hostKey(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname.toLowerCase()}:${port}`;
}

/** An allow-list entry (`host` or `host:port`, port 443 when omitted) in the form `hostKey` gives. */
export function allowedHostKey(entry: string): string {
  let url: URL;
  try {
    url = new URL(`https://${entry.trim()}`);
  } catch {
    throw new EndpointRefusedError(`"${entry}" is not a host or host:port`);
  }
  if (url.pathname !== "/" || url.username || url.search) {
    throw new EndpointRefusedError(`"${entry}" is not a host or host:port`);
  }
  return hostKey(url);
}

/**
 * Throws EndpointRefusedError unless the policy allows every URL: an allow-listed host as it is, any other
 * only with `allowCustom`, on port 443, resolving to public addresses only. The DNS answer is checked now,
 * when the endpoint is set and before each check sends a credential.
 */
export async function checkEndpoints(
  policy: EndpointPolicy,
  urls: readonly string[],
  lookup: Lookup = resolveAll,
): Promise<void> {
  const allowed = new Set(policy.allowedHosts.map(allowedHostKey));
  for (const text of urls) {
    const url = new URL(text);
    const key = hostKey(url);
    if (allowed.has(key)) continue;
    if (!policy.allowCustom) {
      throw new EndpointRefusedError(
        `custom endpoints are not allowed in this deployment (${url.origin}): an operator can allow them with crosscal serve --allow-endpoint-host ${key} (this host) or --allow-custom-endpoints (any public host)`,
      );
    }
    if (url.port !== "" && url.port !== "443") {
      throw new EndpointRefusedError(
        `${url.origin}: custom endpoints use the https port 443; another port needs --allow-endpoint-host ${key}`,
      );
    }
    await checkPublic(url, key, lookup);
  }
}

async function checkPublic(url: URL, key: string, lookup: Lookup): Promise<void> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(hostname) ? [hostname] : await lookup(hostname);
  } catch {
    throw new EndpointRefusedError(`${url.origin}: the host name does not resolve`);
  }
  const inner = addresses.find((address) => !isPublicAddress(address));
  if (inner !== undefined || addresses.length === 0) {
    throw new EndpointRefusedError(
      `${url.origin} does not resolve to public addresses only (loopback, link-local, private and reserved ones are refused): only a host allowed by name may, with crosscal serve --allow-endpoint-host ${key}`,
    );
  }
}
