#!/usr/bin/env node
/**
 * npm's prepack and postpack scripts: writes npm-shrinkwrap.json, the production part of package-lock.json,
 * before `npm pack` (or `npm publish`) puts it in the tarball, and removes it afterwards (`--remove`).
 *
 * Why: a tarball carries no package-lock.json, so `npm install crosscal-<version>.tgz` would take the newest
 * versions its ranges allow, not the ones the tests ran with, and the lock's `overrides` (cookie and
 * content-disposition versions that declare Node 20) would not apply. An npm-shrinkwrap.json in a package
 * is the lock npm honours when installing it: every production dependency at the lock's version and
 * integrity, nothing else (no devDependencies, no workspaces). It lives only during the pack: in the
 * checkout, npm would prefer it to package-lock.json.
 *
 * Plain Node, no dependency: it runs wherever `npm pack` does.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = path.join(root, "npm-shrinkwrap.json");

if (process.argv.includes("--remove")) {
  rmSync(target, { force: true });
  process.exit(0);
}

// The tarball is what dist/ holds: refuse to pack a checkout that was not built.
for (const file of ["dist/cli/main.js", "dist/web/index.html"]) {
  if (!existsSync(path.join(root, file))) {
    console.error(`prepack: ${file} is missing: run npm run build first`);
    process.exit(1);
  }
}

const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const packages = lock.packages;

/** Where npm finds `name` for the package at `from`: its own node_modules, then each parent's. */
function resolve(from, name) {
  let location = from;
  for (;;) {
    const candidate = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (location === "") return undefined;
    const parent = location.lastIndexOf("/node_modules/");
    location = parent === -1 ? "" : location.slice(0, parent);
  }
}

const wanted = new Map();
const queue = [""];
while (queue.length > 0) {
  const from = queue.shift();
  const entry = packages[from];
  const edges = [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    // npm installs a peer dependency, unless it is optional: then only what something else brings.
    ...Object.keys(entry.peerDependencies ?? {})
      .filter((name) => entry.peerDependenciesMeta?.[name]?.optional !== true)
      .map((name) => ({ name, optional: false })),
  ];
  for (const { name, optional } of edges) {
    const location = resolve(from, name);
    if (location === undefined) {
      if (optional) continue;
      console.error(`prepack: package-lock.json has no ${name} for ${from || "crosscal"}: run npm install`);
      process.exit(1);
    }
    if (wanted.has(location)) continue;
    const found = packages[location];
    if (found.link) {
      console.error(`prepack: ${location} is a workspace link; a production dependency cannot be one`);
      process.exit(1);
    }
    wanted.set(location, found);
    queue.push(location);
  }
}

const rootEntry = packages[""];
const shrinkwrap = {
  name: manifest.name,
  version: manifest.version,
  lockfileVersion: lock.lockfileVersion,
  requires: true,
  packages: {
    "": {
      name: manifest.name,
      version: manifest.version,
      license: rootEntry.license,
      dependencies: rootEntry.dependencies,
      bin: rootEntry.bin,
      engines: rootEntry.engines,
    },
  },
};
for (const location of [...wanted.keys()].sort()) {
  const { dev: _dev, devOptional, ...entry } = wanted.get(location);
  shrinkwrap.packages[location] = devOptional ? { ...entry, optional: true } : entry;
}
writeFileSync(target, `${JSON.stringify(shrinkwrap, null, 2)}\n`);
console.log(`prepack: npm-shrinkwrap.json pins ${wanted.size} production packages from package-lock.json`);
