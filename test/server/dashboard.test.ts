import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NONCE_PLACEHOLDER } from "../../src/server/plugins/dashboard.js";
import { useServer } from "./fixture.js";

/** A dashboard as `vite build` leaves it, in miniature: index.html with nonce placeholders, hashed assets. */
function builtDashboard(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "crosscal-dashboard-"));
  mkdirSync(path.join(root, "assets"));
  writeFileSync(
    path.join(root, "index.html"),
    `<!doctype html><html lang="en"><head>
<meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}">
<script type="module" crossorigin src="/assets/index-Bx1a2b3c.js" nonce="${NONCE_PLACEHOLDER}"></script>
<link rel="stylesheet" crossorigin href="/assets/index-Cd4e5f6g.css" nonce="${NONCE_PLACEHOLDER}">
</head><body><div id="root"></div></body></html>`,
  );
  writeFileSync(path.join(root, "assets", "index-Bx1a2b3c.js"), "console.log('crosscal');\n");
  writeFileSync(path.join(root, "assets", "index-Cd4e5f6g.css"), "body { margin: 0 }\n");
  return root;
}

const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

describe("the dashboard", () => {
  const root = builtDashboard();
  const ctx = useServer("sqlite", { dashboardDir: root });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const get = (url: string, headers: Record<string, string> = HTML) =>
    ctx.app().inject({ method: "GET", url, headers });

  it("serves index.html at / with a strict CSP whose fresh nonce is written into the page", async () => {
    const first = await get("/", {});
    const second = await get("/");
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(first.headers["cache-control"]).toBe("no-cache");
    const nonce = /'nonce-([A-Za-z0-9+/=]{24})'/.exec(String(first.headers["content-security-policy"]))?.[1];
    expect(nonce).toBeDefined();
    expect(first.headers["content-security-policy"]).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; ` +
        "style-src-attr 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
    expect(first.body).not.toContain(NONCE_PLACEHOLDER);
    expect(first.body.match(new RegExp(`nonce="${nonce!.replaceAll("+", "\\+")}"`, "g"))).toHaveLength(3);
    expect(second.headers["content-security-policy"]).not.toContain(nonce);
    expect(first.headers["x-frame-options"]).toBe("DENY");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("serves hashed assets as immutable, cached for a year, without authentication", async () => {
    const script = await get("/assets/index-Bx1a2b3c.js", { accept: "*/*" });
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(script.body).toBe("console.log('crosscal');\n");
    const style = await get("/assets/index-Cd4e5f6g.css", { accept: "text/css" });
    expect([style.statusCode, style.headers["content-type"]]).toEqual([200, "text/css; charset=utf-8"]);
  });

  it("answers a client-side route a browser asks for with index.html, so a reload keeps the page", async () => {
    const page = await get("/connections/4e0d?tab=checks");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain('<div id="root"></div>');
  });

  it("leaves the API's, the document's and the assets' unknown paths to the JSON 404", async () => {
    const unknown = [
      "/api/nothing-here",
      "/docs/nothing-here",
      "/healthz/x",
      "/assets/index-0000.js",
      "/assets",
    ];
    for (const url of unknown) {
      const response = await get(url);
      expect([url, response.statusCode, response.headers["content-type"]]).toEqual([
        url,
        404,
        "application/json; charset=utf-8",
      ]);
      expect(response.json().error.code).toBe("not_found");
    }
    // A program that does not ask for HTML gets the 404 it would get without a dashboard.
    const script = await get("/connections", { accept: "application/json" });
    expect(script.statusCode).toBe(404);
  });

  it("keeps the API behind authentication and out of the page's cache rules", async () => {
    const tokens = await get("/api/tokens");
    expect([tokens.statusCode, tokens.json().error.code]).toEqual([401, "unauthenticated"]);
    expect(tokens.headers["cache-control"]).toBe("no-store");
    const health = await get("/healthz");
    expect(health.json()).toEqual({ status: "ok" });
  });

  it("refuses to read files outside the assets folder", async () => {
    for (const url of ["/assets/../index.html", "/assets/%2e%2e/index.html", "/assets/..%2findex.html"]) {
      const response = await get(url, { accept: "*/*" });
      expect([url, response.statusCode]).not.toEqual([url, 200]);
    }
  });

  it("is not part of the OpenAPI document", async () => {
    const document = (await get("/docs/json", {})).json() as { paths: Record<string, unknown> };
    const paths = Object.keys(document.paths);
    expect(paths.filter((p) => !/^\/(api\/|healthz$|readyz$|metrics$)/.test(p))).toEqual([]);
  });
});

describe("the dashboard before `npm run build`", () => {
  const missing = path.join(os.tmpdir(), "crosscal-dashboard-never-built");
  const ctx = useServer("sqlite", { dashboardDir: missing });

  it("answers pages with a short page saying how to build it, and assets with 404", async () => {
    const page = await ctx.app().inject({ method: "GET", url: "/", headers: HTML });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("npm run build");
    expect(page.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    const asset = await ctx.app().inject({ method: "GET", url: "/assets/index-Bx1a2b3c.js" });
    expect(asset.statusCode).toBe(404);
  });
});
