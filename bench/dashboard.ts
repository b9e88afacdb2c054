/**
 * The dashboard at 10,000 profiles (issue 9): the profiles screen must show its first rows within 1 s, and
 * the JavaScript a first visit loads must stay within 250 kB gzipped.
 *
 * A store with 10,000 profiles (`--profiles`) over 10 syncs (`--syncs`), filled as profiles-api.ts fills
 * it (profiles-store.ts), on SQLite; the app built in-process as `crosscal serve` builds it (its request
 * log at info level, written nowhere), serving the built dashboard (a copy of web/dist, built first if
 * missing).
 * Debian's Chromium (/usr/bin/chromium, never a downloaded browser) drives it through playwright-core.
 *
 * Time to rows: each run opens a new browser context (an empty cache) holding the administrator's session
 * cookie, navigates to /profiles and stops the clock when the table's first row is visible: the *cold*
 * figure (index.html, every script and stylesheet, /api/auth/me, the syncs, the connections and the first
 * page of profiles). The same page then navigates to /profiles again: the *warm* figure (the hashed assets
 * come from the browser's cache). Two floors are measured in the same runs, in the same context, timed
 * the same way (from this process, around Playwright's calls): a navigation to /healthz (Chromium's round
 * trip to this server, no script), and the first page's API call alone (`fetch` in the page, the URL the
 * screen asked for). The same call from this process (no browser) is printed too: the server's share.
 * `--runs` runs after `--warmup` unmeasured ones; p50 and p95 are printed, as ratios to
 * the 1 s bound and to the floors (`--values`: every run's figure too).
 *
 * JavaScript on first visit: every script response of a first visit of / signed out (the sign-in screen)
 * and of /profiles signed in, each in a new context, counted once per URL, gzipped here (level 9, as the
 * build's .gz files) and summed, as a ratio to 250 kB (250,000 bytes). What the service actually sent
 * (brotli) is printed beside it.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { request } from "undici";
import { buildApp } from "../src/server/app.js";
import { ensureDashboardBuilt, launchChromium } from "../test/helpers/browser.js";
import { openStore, ratioLine } from "./engine-harness.js";
import { seedProfiles, setUpAndSignIn } from "./profiles-store.js";
import { percentile } from "./stats.js";

const { values: options } = parseArgs({
  options: {
    profiles: { type: "string", default: "10000" },
    syncs: { type: "string", default: "10" },
    runs: { type: "string", default: "30" },
    // A long-running service is warm; its first dozen page loads in a run are not (its JIT, SQLite's cache).
    warmup: { type: "string", default: "10" },
    /** Print every run's time to first rows too (a p95 of 20 runs is one run: see whether it stands alone). */
    values: { type: "boolean", default: false },
  },
});
const PROFILES = Number(options.profiles);
const SYNCS = Number(options.syncs);
const RUNS = Number(options.runs);
const WARMUP = Number(options.warmup);
/** What `npm run build --workspace web` makes (test/helpers/browser.ts builds it when missing). */
const DASHBOARD_BUILD = path.resolve(import.meta.dirname, "../web/dist");
/** The bounds: first rows of /profiles, and the JavaScript of a first visit, gzipped. */
const BOUND_MS = 1000;
const JS_BOUND_BYTES = 250_000;

/** The URL of the screen's first page, as the browser asked for it (printed with the floors). */
let firstPageUrl: string | undefined;

/** The largest scripts are listed one by one, the others summed. */
const LARGEST = 8;

/** A row of the profiles table (the header row is in <thead>). */
const FIRST_ROW = 'table[aria-label="Profiles"] tbody tr[aria-rowindex="2"]';

type Figures = Record<"cold" | "warm" | "healthz" | "firstPage" | "firstPageHttp", number[]>;

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function signedInContext(browser: Browser, base: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  return context;
}

/** The first /api/profiles request a page makes: the screen's first page. */
function firstPageRequest(page: Page): Promise<string> {
  return new Promise((resolve) => {
    const listener = (request: { url: () => string }) => {
      if (!new URL(request.url()).pathname.startsWith("/api/profiles")) return;
      page.off("request", listener);
      resolve(request.url());
    };
    page.on("request", listener);
  });
}

/** One run: cold and warm navigations to /profiles, then the two floors, in one new context. */
async function measureRun(
  browser: Browser,
  base: string,
  cookie: string,
): Promise<Record<keyof Figures, number>> {
  const context = await signedInContext(browser, base, cookie);
  try {
    const page = await context.newPage();
    const firstPage = firstPageRequest(page);
    const toRows = async () => {
      await page.goto(`${base}/profiles`, { waitUntil: "commit" });
      await page.locator(FIRST_ROW).waitFor({ state: "visible" });
    };
    const cold = await timed(toRows);
    const warm = await timed(toRows);
    const apiUrl = await firstPage;
    const healthz = await timed(() => page.goto(`${base}/healthz`, { waitUntil: "load" }));
    // Back on the dashboard's origin and page, the API call alone, as the screen makes it.
    await toRows();
    const firstPageMs = await timed(() =>
      page.evaluate(async (url) => {
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        await response.json();
      }, apiUrl),
    );
    // The same call from this process: the server's share of it, without the browser.
    const firstPageHttp = await timed(async () => {
      const response = await request(apiUrl, { headers: { cookie } });
      await response.body.json();
    });
    firstPageUrl ??= new URL(apiUrl).pathname + new URL(apiUrl).search;
    return { cold, warm, healthz, firstPage: firstPageMs, firstPageHttp };
  } finally {
    await context.close();
  }
}

interface Script {
  url: string;
  /** The decoded script, as the browser runs it. */
  bytes: number;
  gzipped: number;
  /** The body as the service sent it (brotli when the browser accepts it). */
  sent: number;
}

/** Every script the visit of `path` loads in a new context (signed in when `cookie` is given). */
async function scriptsOfFirstVisit(
  browser: Browser,
  base: string,
  path: string,
  ready: string,
  cookie?: string,
): Promise<Script[]> {
  const context = cookie ? await signedInContext(browser, base, cookie) : await browser.newContext();
  try {
    const page = await context.newPage();
    const pending: Array<Promise<Script | undefined>> = [];
    page.on("response", (response) => {
      pending.push(
        (async () => {
          const type = response.headers()["content-type"] ?? "";
          if (response.request().resourceType() !== "script" && !type.includes("javascript"))
            return undefined;
          const body = await response.body();
          const sizes = await response.request().sizes();
          return {
            url: new URL(response.url()).pathname,
            bytes: body.length,
            gzipped: gzipSync(body, { level: 9 }).length,
            sent: sizes.responseBodySize,
          };
        })(),
      );
    });
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.locator(ready).first().waitFor({ state: "visible" });
    return (await Promise.all(pending)).filter((script) => script !== undefined);
  } finally {
    await context.close();
  }
}

async function firstVisitJavaScript(browser: Browser, base: string, cookie: string): Promise<void> {
  const signedOut = await scriptsOfFirstVisit(browser, base, "/", 'input[name="username"]');
  const profiles = await scriptsOfFirstVisit(browser, base, "/profiles", FIRST_ROW, cookie);
  const byUrl = new Map([...signedOut, ...profiles].map((script) => [script.url, script]));
  const scripts = [...byUrl.values()].sort((x, y) => y.gzipped - x.gzipped);
  const sum = (key: "bytes" | "gzipped" | "sent", list: Script[]) =>
    list.reduce((total, script) => total + script[key], 0);
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log("JavaScript on first visit (/ signed out, then /profiles signed in; each file counted once):");
  for (const script of scripts.slice(0, LARGEST))
    console.log(
      `  ${script.url}: ${kB(script.bytes)}, gzipped ${kB(script.gzipped)}, sent ${kB(script.sent)}`,
    );
  const rest = scripts.slice(LARGEST);
  if (rest.length > 0) console.log(`  ${rest.length} smaller file(s): gzipped ${kB(sum("gzipped", rest))}`);
  console.log(
    `  / signed out: ${signedOut.length} file(s), gzipped ${kB(sum("gzipped", signedOut))}; /profiles signed in: ${profiles.length} file(s), gzipped ${kB(sum("gzipped", profiles))}`,
  );
  const total = sum("gzipped", scripts);
  console.log(
    `  all: ${scripts.length} file(s), ${kB(sum("bytes", scripts))}, as sent (brotli) ${kB(sum("sent", scripts))}`,
  );
  console.log(`  ${ratioLine("gzipped", total / 1000, "kB", JS_BOUND_BYTES / 1000)}\n`);
}

function report(figures: Figures): void {
  const stats = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    return { p50: percentile(sorted, 0.5)!, p95: percentile(sorted, 0.95)! };
  };
  const floors = {
    healthz: stats(figures.healthz),
    firstPage: stats(figures.firstPage),
    firstPageHttp: stats(figures.firstPageHttp),
  };
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`floors: navigation to /healthz p50 ${ms(floors.healthz.p50)}, p95 ${ms(floors.healthz.p95)}`);
  console.log(
    `        the first page's API call alone (fetch in the page) p50 ${ms(floors.firstPage.p50)}, p95 ${ms(floors.firstPage.p95)}`,
  );
  console.log(
    `        the same call from this process (GET ${firstPageUrl}) p50 ${ms(floors.firstPageHttp.p50)}, p95 ${ms(floors.firstPageHttp.p95)}`,
  );
  for (const kind of ["cold", "warm"] as const) {
    const { p50, p95 } = stats(figures[kind]);
    const label = kind === "cold" ? "cold (empty cache)" : "warm (assets cached)";
    console.log(`/profiles to first rows, ${label}: p50 ${ms(p50)}, p95 ${ms(p95)}`);
    console.log(`  ${ratioLine("p50", Math.round(p50), "ms", BOUND_MS)}`);
    console.log(`  ${ratioLine("p95", Math.round(p95), "ms", BOUND_MS)}`);
    const over = (floor: { p50: number; p95: number }) =>
      `p50 ${(p50 / floor.p50).toFixed(1)}, p95 ${(p95 / floor.p95).toFixed(1)}`;
    console.log(
      `  / navigation to /healthz: ${over(floors.healthz)}; / first page's API call: ${over(floors.firstPage)}`,
    );
  }
}

async function main() {
  ensureDashboardBuilt();
  // A copy: a build started meanwhile (`vite build` empties web/dist first) cannot pull the pages away.
  const dashboardDir = await mkdtemp(path.join(os.tmpdir(), "crosscal-bench-dashboard-"));
  await cp(DASHBOARD_BUILD, dashboardDir, { recursive: true });
  const { db, close } = await openStore();
  // As `crosscal serve`: every request logged at info level (here into nothing), the built dashboard.
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await buildApp({ db, dashboardDir, log: { level: "info", stream: discard } });
  let browser: Browser | undefined;
  try {
    await seedProfiles(db, { profiles: PROFILES, syncs: SYNCS });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("the app has no port");
    const base = `http://127.0.0.1:${address.port}`;
    const cookie = await setUpAndSignIn(db, base);
    browser = await launchChromium();
    console.log(`Chromium ${browser.version()}, SQLite, ${PROFILES} profiles\n`);

    await firstVisitJavaScript(browser, base, cookie);

    const figures: Figures = { cold: [], warm: [], healthz: [], firstPage: [], firstPageHttp: [] };
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const measured = await measureRun(browser, base, cookie);
      if (run < WARMUP) continue;
      for (const key of Object.keys(figures) as Array<keyof Figures>) figures[key].push(measured[key]);
    }
    console.log(`${RUNS} runs after ${WARMUP} unmeasured, one at a time`);
    if (options.values)
      for (const kind of ["cold", "warm"] as const)
        console.log(`${kind}, each run in ms: ${figures[kind].map(Math.round).join(" ")}`);
    report(figures);
  } finally {
    await browser?.close();
    await app.close();
    await close();
    await rm(dashboardDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
