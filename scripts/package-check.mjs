#!/usr/bin/env node
/**
 * The packaging check (`npm run package:check`, run by .ci/run on every Node version CI covers) and the
 * steps the Dockerfile builds the image with: one script, so the image is made the way CI checks it.
 *
 *   node scripts/package-check.mjs                      build, pack, install into an empty temporary
 *                                                       folder, verify, clean up (--keep keeps the folder;
 *                                                       --prebuilt packs the dist/ an earlier `npm run
 *                                                       build` of the same tree made: .ci/run builds once)
 *   node scripts/package-check.mjs pack <out-dir>       npm run build, then npm pack into <out-dir>
 *   node scripts/package-check.mjs install <tgz> <dir>  the production install of a tarball into <dir>
 *   node scripts/package-check.mjs verify <dir>         the installed crosscal runs: --version, every
 *                                                       command's --help, serve (/readyz, /healthz, the
 *                                                       dashboard), SIGTERM, status and export on its data
 *
 * The install is `npm ci --omit=dev` from a lock made of the tarball's npm-shrinkwrap.json (written at
 * pack time from package-lock.json, scripts/shrinkwrap.mjs): every production dependency at the version
 * and integrity the tests ran with. npm honours a package's shrinkwrap when it comes from a registry, but
 * not from a tarball file, hence the lock written here. It then checks that no development package
 * (tsx, typescript, vitest...) was installed and that npm printed no EBADENGINE warning.
 *
 * Plain Node and npm (and tar), nothing from the checkout's node_modules: it runs in the Dockerfile's
 * stages as it does in CI. A failure prints what failed and exits 1.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
/** Packages that must never reach a production install, besides the manifest's devDependencies. */
const DEV_ONLY = ["tsx", "esbuild", "typescript", "vitest", "vite", "@biomejs/biome"];
const SERVE_START_MS = 60_000;
const SERVE_STOP_MS = 40_000;

class CheckFailed extends Error {}

function fail(message) {
  throw new CheckFailed(message);
}

function step(title) {
  console.log(`\npackage-check: ${title}`);
}

/** Runs a command to its end, output shown; fails on a non-zero exit. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) fail(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
}

/** Runs a command to its end and returns its output (stdout and stderr apart); fails on a non-zero exit. */
function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) fail(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) {
    fail(
      `${command} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const fromTarball = (tarball, file) =>
  JSON.parse(execFileSync("tar", ["-xzOf", tarball, `package/${file}`], { encoding: "utf8" }));
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function folderSize(folder) {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Every package installed under `folder`'s node_modules, nested ones included: name → locations. */
function installedPackages(folder) {
  const found = new Map();
  const visit = (modules) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const names = entry.name.startsWith("@")
        ? readdirSync(path.join(modules, entry.name)).map((scoped) => `${entry.name}/${scoped}`)
        : [entry.name];
      for (const name of names) {
        const location = path.join(modules, name);
        found.set(name, [...(found.get(name) ?? []), location]);
        visit(path.join(location, "node_modules"));
      }
    }
  };
  visit(path.join(folder, "node_modules"));
  return found;
}

// ---- pack ----------------------------------------------------------------------------------------------

/**
 * `npm run build` (unless `prebuilt`: dist/ as an earlier build left it), then `npm pack` into outDir;
 * returns the tarball's path.
 */
export function pack(outDir, { prebuilt = false } = {}) {
  const manifest = readJson(path.join(REPO, "package.json"));
  mkdirSync(outDir, { recursive: true });
  if (prebuilt) {
    step("npm run build: already done (--prebuilt), dist/ packed as it is");
  } else {
    step("npm run build");
    run("npm", ["run", "build"], { cwd: REPO });
  }
  step(`npm pack --pack-destination ${outDir}`);
  try {
    // --loglevel=warn: not npm's notice of every file; the count and size are printed below.
    run("npm", ["pack", "--pack-destination", outDir, "--loglevel=warn"], { cwd: REPO });
  } finally {
    // postpack removes it; a failed pack may leave it, and in the checkout npm would prefer it to the lock.
    rmSync(path.join(REPO, "npm-shrinkwrap.json"), { force: true });
  }
  const tarball = path.join(outDir, `${manifest.name}-${manifest.version}.tgz`);
  if (!existsSync(tarball)) fail(`npm pack wrote no ${tarball}`);
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const needed of [
    "package/dist/cli/main.js",
    "package/dist/web/index.html",
    "package/npm-shrinkwrap.json",
  ]) {
    if (!files.includes(needed)) fail(`the tarball holds no ${needed}`);
  }
  const strays = files.filter((file) => /^package\/(src|test|bench|web|emulator|scripts)\//.test(file));
  if (strays.length > 0) fail(`the tarball holds sources it should not: ${strays.slice(0, 5).join(", ")}`);
  console.log(`package-check: ${tarball}: ${files.length} files, ${megabytes(statSync(tarball).size)}`);
  return tarball;
}

// ---- install -------------------------------------------------------------------------------------------

/**
 * Installs a crosscal tarball for production into `folder` (created; must be empty): a package.json that
 * depends on the tarball (copied in, so the folder stands alone), with crosscal's overrides and its one
 * install script allowed (better-sqlite3 builds its native module), a package-lock.json made of the
 * tarball's shrinkwrap, then `npm ci --omit=dev`.
 */
export function install(tarball, folder) {
  if (existsSync(folder) && readdirSync(folder).length > 0) fail(`${folder} is not empty`);
  mkdirSync(folder, { recursive: true });
  const manifest = fromTarball(tarball, "package.json");
  const shrinkwrap = fromTarball(tarball, "npm-shrinkwrap.json");
  const local = `${manifest.name}-${manifest.version}.tgz`;
  copyFileSync(tarball, path.join(folder, local));
  const spec = `file:${local}`;
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  const { "": _root, ...dependencies } = shrinkwrap.packages;
  const isInstalled = (name) =>
    Object.keys(dependencies).some((location) => location.endsWith(`node_modules/${name}`));
  // Overrides of production packages (cookie, content-disposition); those naming a dev tool stay behind.
  const overrides = Object.fromEntries(
    Object.entries(manifest.overrides ?? {}).filter(
      ([name, value]) => typeof value === "string" && !value.startsWith("$") && isInstalled(name),
    ),
  );
  const allowScripts = Object.fromEntries(
    Object.entries(manifest.allowScripts ?? {}).filter(([name]) => isInstalled(name)),
  );
  const project = "crosscal-install";
  writeFileSync(
    path.join(folder, "package.json"),
    `${JSON.stringify({ name: project, private: true, dependencies: { [manifest.name]: spec }, overrides, allowScripts }, null, 2)}\n`,
  );
  const lock = {
    name: project,
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: project, dependencies: { [manifest.name]: spec } },
      [`node_modules/${manifest.name}`]: {
        version: manifest.version,
        resolved: spec,
        integrity,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
      },
      ...dependencies,
    },
  };
  writeFileSync(path.join(folder, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);

  step(`npm ci --omit=dev in ${folder} (Node ${process.version})`);
  const started = Date.now();
  const result = capture("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], { cwd: folder });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  console.log(`package-check: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (/EBADENGINE/.test(result.stdout + result.stderr)) {
    fail(`npm warned of an unsupported engine on Node ${process.version} (EBADENGINE above)`);
  }

  const installed = installedPackages(folder);
  // The devDependencies, but those a production dependency needs too (graphile-worker's @types/pg...).
  const needed = new Set(
    Object.keys(dependencies).map((location) => location.replace(/^.*node_modules\//, "")),
  );
  const devOnly = [
    ...new Set([
      ...DEV_ONLY,
      ...Object.keys(manifest.devDependencies ?? {}).filter((name) => !needed.has(name)),
    ]),
  ];
  const leaked = devOnly.filter((name) => installed.has(name));
  if (leaked.length > 0) {
    fail(
      `development packages were installed: ${leaked.map((name) => installed.get(name).join(", ")).join("; ")}`,
    );
  }
  const addon = path.join(folder, "node_modules/better-sqlite3/build/Release/better_sqlite3.node");
  if (!existsSync(addon)) fail(`better-sqlite3's native module was not built (${addon})`);
  const locations = [...installed.values()].flat().length;
  console.log(
    `package-check: ${locations} packages installed (crosscal and the ${Object.keys(dependencies).length} of its shrinkwrap), ` +
      `${megabytes(folderSize(path.join(folder, "node_modules")))} in node_modules; none of ${devOnly.length} development packages`,
  );
}

// ---- verify --------------------------------------------------------------------------------------------

/** The environment crosscal runs in: none of the checkout's or the shell's crosscal settings. */
function cleanEnv(home) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith("CROSSCAL_") || name.startsWith("npm_") || name === "NODE_OPTIONS") continue;
    env[name] = value;
  }
  return { ...env, HOME: home, NODE_ENV: "production" };
}

async function get(url, headers = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    body: await response.text(),
  };
}

/** Starts `crosscal serve`, checks what it answers, stops it with SIGTERM and expects exit code 0. */
async function serve(bin, cwd, env, data) {
  const child = spawn(bin, ["serve", "--port", "0", "--host", "127.0.0.1", "--data", data], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  try {
    const address = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CheckFailed("serve printed no address within 60 s")),
        SERVE_START_MS,
      );
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        const newline = stdout.indexOf("\n");
        if (newline !== -1) {
          clearTimeout(timer);
          resolve(stdout.slice(0, newline).trim());
        }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new CheckFailed(`serve exited (${code ?? signal}) before printing its address`));
      });
    });
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(address))
      fail(`serve's first line is not its address: ${address}`);
    console.log(`package-check: serve listens at ${address}`);

    const ready = await get(`${address}/readyz`);
    if (ready.status !== 200) fail(`GET /readyz answered ${ready.status}: ${ready.body}`);
    console.log(`package-check: GET /readyz → 200 ${ready.body}`);
    const health = await get(`${address}/healthz`);
    if (health.status !== 200) fail(`GET /healthz answered ${health.status}`);

    const page = await get(`${address}/`, { accept: "text/html" });
    if (page.status !== 200 || !page.type.startsWith("text/html"))
      fail(`GET / answered ${page.status} ${page.type}`);
    if (/dashboard is not built/.test(page.body)) fail("GET / says the dashboard is not built");
    const script = page.body.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)?.[1];
    if (!script) fail(`GET / is not the dashboard's page:\n${page.body.slice(0, 500)}`);
    const asset = await get(`${address}${script}`);
    if (asset.status !== 200) fail(`GET ${script} answered ${asset.status}`);
    console.log(`package-check: GET / → the dashboard (${page.body.length} bytes), GET ${script} → 200`);

    const docs = await get(`${address}/docs/json`);
    if (docs.status !== 200 || !JSON.parse(docs.body).openapi) fail(`GET /docs/json answered ${docs.status}`);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    console.error(`serve's stdout:\n${stdout}\nserve's stderr:\n${stderr}`);
    throw error;
  }

  const stopping = Date.now();
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), SERVE_STOP_MS);
  const { code, signal } = await exited;
  clearTimeout(timer);
  if (code !== 0) {
    console.error(`serve's stderr:\n${stderr}`);
    fail(`serve stopped by SIGTERM exited with ${code ?? signal}, not 0`);
  }
  console.log(`package-check: SIGTERM → exit code 0 in ${Date.now() - stopping} ms`);
}

/**
 * Every package dist/ imports (statically or by `import("…")`, at load or only when a command runs) is a
 * Node builtin or a production dependency: none is reachable only in a checkout's dev tree.
 */
function checkImports(folder) {
  const packageDir = path.join(folder, "node_modules", "crosscal");
  const { dependencies = {} } = readJson(path.join(packageDir, "package.json"));
  const specifier = /\b(?:from|import)\s*\(?\s*["']((?:@[a-z0-9][\w.-]*\/)?[a-z][\w.:-]*(?:\/[\w.-]+)*)["']/g;
  const strays = new Set();
  let files = 0;
  for (const entry of readdirSync(path.join(packageDir, "dist"), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    files++;
    const code = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const [, name] of code.matchAll(specifier)) {
      const pkg = name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : name.split("/")[0];
      if (!isBuiltin(name) && !(pkg in dependencies)) strays.add(`${pkg} (${entry.name})`);
    }
  }
  if (strays.size > 0) fail(`dist/ imports packages that are not dependencies: ${[...strays].join(", ")}`);
  console.log(`package-check: the imports of ${files} files in dist/ are builtins or dependencies`);
}

/** Runs the installed crosscal: its version, each command's help, the service, commands on its data. */
export async function verify(folder, expectedVersion) {
  const bin = path.join(folder, "node_modules", ".bin", "crosscal");
  if (!existsSync(bin)) fail(`no crosscal bin in ${bin}`);
  const installedVersion = readJson(path.join(folder, "node_modules", "crosscal", "package.json")).version;
  for (let above = path.dirname(path.resolve(folder)); ; above = path.dirname(above)) {
    // Node resolves packages in each parent's node_modules too: none may hide a missing dependency.
    if (existsSync(path.join(above, "node_modules"))) fail(`${above}/node_modules exists above the install`);
    if (above === path.dirname(above)) break;
  }
  checkImports(folder);
  const work = mkdtempSync(path.join(os.tmpdir(), "crosscal-verify-"));
  try {
    const env = cleanEnv(work);
    const crosscal = (...args) => capture(bin, args, { cwd: work, env });

    step(`crosscal --version (Node ${capture("node", ["--version"], { env }).stdout.trim()} on PATH)`);
    const version = crosscal("--version").stdout.trim();
    for (const wanted of [installedVersion, expectedVersion].filter(Boolean)) {
      if (version !== wanted) fail(`crosscal --version printed ${version}, expected ${wanted}`);
    }
    console.log(`package-check: crosscal --version → ${version}`);

    const help = crosscal("--help").stdout;
    const commands = [...help.slice(help.indexOf("Commands:")).matchAll(/^ {2}([a-z-]+)/gm)]
      .map((match) => match[1])
      .filter((name) => name !== "help");
    for (const name of ["serve", "sync", "worker", "status", "apply", "export"]) {
      if (!commands.includes(name)) fail(`crosscal --help lists no ${name} command: ${commands.join(", ")}`);
    }
    for (const name of commands) crosscal(name, "--help");
    console.log(`package-check: crosscal <command> --help for ${commands.join(", ")}`);

    step("crosscal serve");
    const data = path.join(work, "data");
    await serve(bin, work, env, data);

    step("crosscal status and export on serve's data");
    crosscal("status", "--data", data, "--json");
    const exported = crosscal("export", "--data", data).stdout;
    console.log(`package-check: status and export ran (${exported.split("\n").length} lines exported)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- all -----------------------------------------------------------------------------------------------

async function all({ keep, prebuilt }) {
  const started = Date.now();
  const manifest = readJson(path.join(REPO, "package.json"));
  const temp = mkdtempSync(path.join(os.tmpdir(), "crosscal-package-"));
  let passed = false;
  try {
    const timings = [];
    const timed = async (name, work) => {
      const begun = Date.now();
      const result = await work();
      timings.push(`${name} ${((Date.now() - begun) / 1000).toFixed(0)} s`);
      return result;
    };
    const tarball = await timed(prebuilt ? "pack" : "build+pack", () =>
      pack(path.join(temp, "out"), { prebuilt }),
    );
    const app = path.join(temp, "app");
    await timed("install", () => install(tarball, app));
    await timed("verify", () => verify(app, manifest.version));
    passed = true;
    console.log(
      `\npackage-check: passed on Node ${process.version} in ${((Date.now() - started) / 1000).toFixed(0)} s (${timings.join(", ")})`,
    );
  } finally {
    if (keep || !passed) console.log(`package-check: kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
}

const USAGE =
  "usage: package-check.mjs [--keep] [--prebuilt] | pack <out-dir> | install <tarball> <dir> | verify <dir> [--expect-version <v>]";

async function main(argv) {
  const [command, ...rest] = argv;
  const flags = ["--keep", "--prebuilt"];
  if (argv.every((arg) => flags.includes(arg))) {
    return all({ keep: argv.includes("--keep"), prebuilt: argv.includes("--prebuilt") });
  }
  if (command === "pack" && rest.length === 1) return void pack(path.resolve(rest[0]));
  if (command === "install" && rest.length === 2)
    return install(path.resolve(rest[0]), path.resolve(rest[1]));
  if (command === "verify" && (rest.length === 1 || (rest.length === 3 && rest[1] === "--expect-version"))) {
    return verify(path.resolve(rest[0]), rest[2]);
  }
  console.error(USAGE);
  process.exit(2);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`\npackage-check: FAILED: ${error instanceof CheckFailed ? error.message : error.stack}`);
  process.exit(1);
}
