import { describe, expect, it } from "vitest";
import { resolveEndpoints } from "../../src/graph/endpoints.js";

describe("resolveEndpoints", () => {
  it.each([
    ["global", "https://login.microsoftonline.com", "https://graph.microsoft.com"],
    ["usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"],
    ["usgov-dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"],
    ["china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"],
  ] as const)(
    "%s: authority %s, Graph %s, scope on the cloud's own Graph host",
    (cloud, authority, graph) => {
      expect(resolveEndpoints(cloud)).toEqual({
        authorityHost: authority,
        graphBaseUrl: `${graph}/v1.0`,
        scope: `${graph}/.default`,
        custom: false,
      });
    },
  );

  it("custom: hosts kept with their port, Graph's global resource as scope unless told otherwise", () => {
    expect(
      resolveEndpoints({
        authorityHost: "https://127.0.0.1:8443/",
        graphHost: new URL("https://127.0.0.1:8443"),
      }),
    ).toEqual({
      authorityHost: "https://127.0.0.1:8443",
      graphBaseUrl: "https://127.0.0.1:8443/v1.0",
      scope: "https://graph.microsoft.com/.default",
      custom: true,
    });
    expect(
      resolveEndpoints({
        authorityHost: "https://login.example",
        graphHost: "https://proxy.example/graph",
        resource: "https://graph.microsoft.us",
      }),
    ).toMatchObject({
      graphBaseUrl: "https://proxy.example/graph/v1.0",
      scope: "https://graph.microsoft.us/.default",
    });
  });

  it("refuses plain http, unknown clouds and unreadable URLs", () => {
    expect(() => resolveEndpoints({ authorityHost: "http://127.0.0.1:1", graphHost: "https://x" })).toThrow(
      /authorityHost must use https/,
    );
    expect(() => resolveEndpoints("germany" as never)).toThrow(/unknown cloud "germany"/);
    expect(() => resolveEndpoints({ authorityHost: "https://x", graphHost: "not a url" })).toThrow(
      /graphHost is not a URL/,
    );
  });
});
