import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { beforeAll, describe, expect, it } from "vitest";

// The dependency rules live in .dependency-cruiser.mjs and run in `npm run lint`. These tests run them on
// the real tree exactly as the lint script does, then on a fixture tree with one wrong import per rule.

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "test/architecture/fixtures");
const DEPCRUISE = path.join(ROOT, "node_modules/.bin/depcruise");

const describeViolation = (violation: IViolation): string =>
  `${violation.rule.name}: ${violation.from} -> ${violation.to}`;

/** The `depcruise ...` part of the lint script, as arguments. */
async function lintDepcruiseArguments(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8"));
  const command = String(manifest.scripts.lint)
    .split("&&")
    .map((part) => part.trim())
    .find((part) => part.startsWith("depcruise "));
  if (!command) throw new Error("The lint script in package.json does not run depcruise.");
  return command.split(/\s+/).slice(1);
}

describe("dependency rules", () => {
  it("npm run lint checks src/ and emulator/ with the rules, and tolerates no known violation", async () => {
    const args = await lintDepcruiseArguments();

    expect(args).toEqual(expect.arrayContaining(["src", "emulator", ".dependency-cruiser.mjs"]));
    expect(args).not.toContain("--ignore-known");
  });

  it("the real tree breaks no rule", async () => {
    const args = await lintDepcruiseArguments();
    const { stdout } = await promisify(execFile)(DEPCRUISE, [...args, "--output-type", "json"], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    const result = JSON.parse(stdout) as ICruiseResult;
    expect(result.summary.violations.map(describeViolation), "imports that break a dependency rule").toEqual(
      [],
    );
  });

  describe("on a fixture tree with one wrong import per rule", () => {
    let rules: string[] = [];
    let violations: IViolation[] = [];
    let found: string[] = [];

    beforeAll(async () => {
      const options = await extractDepcruiseOptions(path.join(ROOT, ".dependency-cruiser.mjs"));
      const reported = await cruise(
        ["src", "emulator"],
        {
          ...options,
          baseDir: FIXTURES,
          // Packages resolve outside the fixture tree (../../../node_modules, ../../../emulator): not followed.
          doNotFollow: { path: ["(^|/)node_modules/", "^\\.\\./"] },
        },
        {},
        { tsConfig: extractTSConfig(path.join(ROOT, "tsconfig.json")) },
      );
      rules = (options.ruleSet?.forbidden ?? []).map((rule) => rule.name ?? "");
      violations = (reported.output as ICruiseResult).summary.violations;
      found = violations.map(describeViolation);
    });

    it.each([
      ["core-imports-only-core", "src/core/imports-engine.ts", "src/engine/run-profile.ts"],
      ["src-folder-is-a-room", "src/helpers/format.ts", "src/core/event.ts"],
      ["no-upward-import", "src/engine/run-profile.ts", "src/jobs/schedule.ts"],
      ["no-upward-import", "src/profiles/uses-jobs-type.ts", "src/jobs/schedule.ts"],
      ["no-sideways-import", "src/connections/clients.ts", "src/config/schema.ts"],
      ["no-sideways-import", "src/store/links.ts", "src/graph/client.ts"],
      ["src-not-emulator", "src/server/starts-emulator.ts", "emulator/src/world.ts"],
      ["src-not-emulator", "src/cli/uses-emulator-package.ts", "../../../emulator/src/index.ts"],
      ["emulator-not-crosscal", "emulator/src/imports-crosscal.ts", "src/config/schema.ts"],
      [
        "graph-sdk-stays-in-graph",
        "src/engine/uses-msal.ts",
        "../../../node_modules/@azure/msal-node/types/index.d.ts",
      ],
      ["no-unresolvable-import", "src/config/missing-import.ts", "./does-not-exist.js"],
    ])("%s reports %s -> %s", (rule, from, to) => {
      expect(found).toContain(`${rule}: ${from} -> ${to}`);
    });

    it("no-circular reports the loop of value imports between batch.ts and requester.ts", () => {
      const loops = violations.filter((violation) => violation.rule.name === "no-circular");

      expect(loops.length).toBeGreaterThan(0);
      for (const loop of loops) {
        const files = new Set([loop.from, ...(loop.cycle ?? []).map((step) => step.name)]);
        expect([...files].sort()).toEqual(["src/graph/batch.ts", "src/graph/requester.ts"]);
      }
    });

    it("reports nothing for allowed imports: npm and node in core, SIDEWAYS directions, MSAL in graph, type-only loops", () => {
      const allowed = [
        "src/core/event.ts",
        "src/config/apply.ts",
        "src/profiles/verify.ts",
        "src/graph/auth.ts",
        "src/graph/token.ts",
        "src/graph/client.ts",
      ];

      expect(found.filter((line) => allowed.some((file) => line.includes(`: ${file} ->`)))).toEqual([]);
    });

    it("every rule of the configuration has a wrong import here", () => {
      expect(new Set(violations.map((violation) => violation.rule.name))).toEqual(new Set(rules));
    });
  });
});
