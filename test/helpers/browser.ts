import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { type Browser, chromium, type Page } from "playwright-core";
import { freePort } from "./wait.js";

/** Debian's Chromium: tests drive the browser the machine has, and never download one. */
export const CHROMIUM = "/usr/bin/chromium";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DASHBOARD_INDEX = path.join(ROOT, "web/dist/index.html");

/** `npm run build --workspace web` when web/dist has no dashboard (a fresh clone; CI builds it first). */
export function ensureDashboardBuilt(): void {
  if (existsSync(DASHBOARD_INDEX)) return;
  execFileSync("npm", ["run", "build", "--workspace", "web"], { cwd: ROOT, stdio: "ignore" });
}

export function launchChromium(): Promise<Browser> {
  // As root (containers, CI) Chromium refuses to start with its sandbox on.
  const sandbox = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return chromium.launch({ executablePath: CHROMIUM, args: sandbox });
}

export interface Serving {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything it printed on stdout so far (its address, the setup message). */
  stdout: () => string;
  stop: () => Promise<void>;
}

/**
 * `crosscal serve` on the embedded SQLite store in `data`, on a port picked beforehand so that the public
 * URL (where Entra ID sends the browser back after admin consent, and Graph posts notifications) can name it.
 */
export async function startServe(
  data: string,
  args: string[],
  options: { port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Serving> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      ...["--import", "tsx", "src/cli/main.ts", "serve"],
      ...["--port", String(port), "--host", "127.0.0.1", "--data", data, "--public-url", url],
      ...args,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } },
  );
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    stdout += `${line}\n`;
  });
  await new Promise<void>((resolve, reject) => {
    lines.once("line", () => resolve());
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr.slice(-3000)}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { child, url, stdout: () => stdout, stop };
}

/** The setup token serve prints on a first run, once printed. */
export async function setupTokenOf(serving: Serving): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const token = /ccsetup_[A-Za-z0-9_-]+/.exec(serving.stdout())?.[0];
    if (token) return token;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no setup token printed: ${serving.stdout()}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now, each with the elements and what
 * fails there (printed by the assertion when there are any).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol: the dashboard's Content-Security-Policy refuses inline scripts.
  // (Page code as strings: this project's TypeScript has no DOM types.)
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)",
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes
          .map((node) => `  ${JSON.stringify(node.target)} ${node.failureSummary ?? ""}`)
          .join("\n")}`,
    );
}

/**
 * Screenshots of the dashboard's screens: always written to a temporary folder; copied into docs/images
 * (the pictures the docs show) only when CROSSCAL_SCREENSHOTS=1, so that test runs leave the checkout clean.
 */
export class Screenshots {
  private constructor(readonly folder: string) {}

  static async create(): Promise<Screenshots> {
    return new Screenshots(await mkdtemp(path.join(os.tmpdir(), "crosscal-screens-")));
  }

  async take(page: Page, name: string): Promise<string> {
    const file = path.join(this.folder, `${name}.png`);
    await page.screenshot({ path: file, animations: "disabled" });
    if (process.env.CROSSCAL_SCREENSHOTS === "1") {
      const docs = path.join(ROOT, "docs/images");
      await mkdir(docs, { recursive: true });
      await copyFile(file, path.join(docs, `${name}.png`));
    }
    return file;
  }
}

/**
 * Waits for the page's CSS transitions and animations (a dialog fading in, a button turning from disabled
 * to enabled): colours measured halfway would be neither the start's nor the end's. A transition may start
 * a frame or two after the element it animates appears (Mantine's modal does), so each look comes two
 * frames later, and the wait ends only when a look finds none running.
 */
export async function settled(page: Page): Promise<void> {
  // Endless ones (a loader) never finish; a cancelled one rejects, which is as good as over.
  const waitForRunning = `new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const finite = document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
        Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))).then(() =>
          resolve(finite.length),
        );
      }),
    ),
  )`;
  for (let look = 0; look < 10; look++) {
    if ((await page.evaluate(waitForRunning)) === 0) return;
  }
}

/** Whether the page is wider than the window (a phone would scroll sideways). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate("document.documentElement.scrollWidth > window.innerWidth") as Promise<boolean>;
}
