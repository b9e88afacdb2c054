import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin, type ProxyOptions } from "vite";

/**
 * Written wherever a nonce belongs in index.html (script, stylesheet and preload tags, and the
 * `<meta property="csp-nonce">` the app reads); `crosscal serve` replaces it with a fresh nonce in each
 * answer (src/server/plugins/dashboard.ts, NONCE_PLACEHOLDER).
 */
const NONCE_PLACEHOLDER = "__CROSSCAL_CSP_NONCE__";

/** The running service the dev server sends API requests to. */
const API_URL = process.env.CROSSCAL_API_URL ?? "http://127.0.0.1:8080";

/**
 * The service refuses unsafe requests whose Origin is not its own (CSRF protection), and the browser's is
 * the dev server's: present the service's origin instead, as a reverse proxy in front of both would.
 */
const toService: ProxyOptions = {
  target: API_URL,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on("proxyReq", (request) => {
      if (request.getHeader("origin")) request.setHeader("origin", new URL(API_URL).origin);
      request.removeHeader("referer");
    });
  },
};

/**
 * `.br` and `.gz` beside each built asset: the service sends them to browsers that accept them
 * (@fastify/static's preCompressed), compressing nothing at run time.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  let outDir = "dist";
  return {
    name: "crosscal-precompress",
    apply: "build",
    configResolved: (config) => {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle: async () => {
      const assets = path.join(outDir, "assets");
      for (const name of await readdir(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = path.join(assets, name);
        const content = await readFile(file);
        await writeFile(
          `${file}.br`,
          await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        await writeFile(`${file}.gz`, await gzipped(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  html: { cspNonce: NONCE_PLACEHOLDER },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Nothing becomes a data: URL, so the Content Security Policy can stay at 'self'.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/api": toService, "/docs": toService, "/healthz": toService, "/readyz": toService },
  },
});
