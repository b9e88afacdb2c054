import { describe, expect, it } from "vitest";
import {
  allowedHostKey,
  checkEndpoints,
  EndpointRefusedError,
  isPublicAddress,
  type Lookup,
} from "../../src/connections/endpoint-policy.js";

const OPEN = { allowCustom: true, allowedHosts: [] };
const CLOSED = { allowCustom: false, allowedHosts: [] };

/** DNS as a table, so the test says what each name resolves to. */
const dns =
  (table: Record<string, string[]>): Lookup =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses;
  };

const refusal = async (promise: Promise<void>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointRefusedError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("the custom endpoint policy", () => {
  it("refuses every custom endpoint unless the deployment allows them", async () => {
    const message = await refusal(checkEndpoints(CLOSED, ["https://login.example.com"], dns({})));
    expect(message).toContain("--allow-custom-endpoints");
    expect(message).toContain("--allow-endpoint-host login.example.com:443");
  });

  it("with custom endpoints allowed, takes public hosts on the https port", async () => {
    const lookup = dns({ "login.example.com": ["203.0.113.10"] });
    await expect(checkEndpoints(OPEN, ["https://login.example.com"], lookup)).resolves.toBeUndefined();
    await expect(checkEndpoints(OPEN, ["https://8.8.8.8/tenant-root"], lookup)).resolves.toBeUndefined();
    expect(await refusal(checkEndpoints(OPEN, ["https://login.example.com:8443"], lookup))).toContain(
      "port 443",
    );
  });

  it("refuses loopback, link-local (metadata), private, shared and reserved addresses, literal or resolved", async () => {
    for (const url of [
      "https://127.0.0.1",
      "https://127.8.9.10",
      "https://169.254.169.254",
      "https://10.1.2.3",
      "https://172.20.0.1",
      "https://192.168.1.1",
      "https://100.64.0.1",
      "https://0.0.0.0",
      "https://[::1]",
      "https://[::ffff:127.0.0.1]",
      "https://[fe80::1]",
      "https://[fd00:ec2::254]",
    ]) {
      expect(await refusal(checkEndpoints(OPEN, [url], dns({}))), url).toContain("--allow-endpoint-host");
    }
    // A public name that resolves (also) inward is refused too: any of its addresses could be used.
    const lookup = dns({ "rebind.example.com": ["203.0.113.10", "10.0.0.5"] });
    const message = await refusal(checkEndpoints(OPEN, ["https://rebind.example.com"], lookup));
    expect(message).not.toContain("10.0.0.5");
    expect(await refusal(checkEndpoints(OPEN, ["https://nowhere.example"], dns({})))).toContain(
      "does not resolve",
    );
  });

  it("takes hosts allowed by name as they are, port included", async () => {
    const policy = { allowCustom: false, allowedHosts: ["127.0.0.1:8443", "proxy.internal"] };
    const lookup = dns({ "proxy.internal": ["10.0.0.7"] });
    await expect(checkEndpoints(policy, ["https://127.0.0.1:8443"], lookup)).resolves.toBeUndefined();
    await expect(checkEndpoints(policy, ["https://PROXY.internal/"], lookup)).resolves.toBeUndefined();
    await refusal(checkEndpoints(policy, ["https://127.0.0.1:8444"], lookup));
    await refusal(checkEndpoints(policy, ["https://proxy.internal:8443"], lookup));
  });

  it("reads allow-list entries as host or host:port, and refuses anything else", () => {
    expect(allowedHostKey("127.0.0.1:8443")).toBe("127.0.0.1:8443");
    expect(allowedHostKey("Login.Example.com")).toBe("login.example.com:443");
    expect(allowedHostKey("[::1]:9000")).toBe("[::1]:9000");
    for (const bad of ["https://x/y", "x/y", "user@host", "host?x=1", ""]) {
      expect(() => allowedHostKey(bad), bad).toThrow(EndpointRefusedError);
    }
  });

  it("tells public addresses from the rest", () => {
    expect(["203.0.113.1", "8.8.8.8", "2606:4700::1111"].map(isPublicAddress)).toEqual([true, true, true]);
    expect(["192.168.0.1", "::1", "not an address"].map(isPublicAddress)).toEqual([false, false, false]);
  });
});
