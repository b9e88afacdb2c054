/**
 * The production build of crosscal (`npm run build:server`, the second half of `npm run build`): src/
 * compiled by tsc (tsconfig.build.json) into a fresh dist/, and the dashboard built by `npm run build:web`
 * (web/dist) copied to dist/web, where the package's dashboard plugin finds it. What dist/ holds runs on
 * plain Node: `node dist/cli/main.js` is the `crosscal` bin of the package.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");
const dashboard = path.join(root, "web", "dist");

// A file deleted from src/ must not live on in dist/.
rmSync(dist, { recursive: true, force: true });

const tsc = path.join(
  path.dirname(createRequire(import.meta.url).resolve("typescript/package.json")),
  "bin/tsc",
);
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (compiled.status !== 0) {
  console.error("build:server: tsc failed");
  process.exit(compiled.status ?? 1);
}
chmodSync(path.join(dist, "cli", "main.js"), 0o755);

if (existsSync(path.join(dashboard, "index.html"))) {
  cpSync(dashboard, path.join(dist, "web"), { recursive: true });
  console.log("build:server: src/ compiled to dist/, the dashboard copied to dist/web");
} else {
  console.log("build:server: src/ compiled to dist/; no dashboard in web/dist (npm run build:web makes it)");
}
