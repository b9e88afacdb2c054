/**
 * crosscal as a deployment runs it, for benchmarks that measure the service from outside: `crosscal serve`
 * and `crosscal worker` as processes of their own (the real CLI, through tsx as `npm run crosscal` runs it),
 * each in its own process group so that Ctrl-C reaches only the benchmark, which stops them in order; the
 * administrator made from serve's setup token, and the REST API with an admin API token.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { open } from "node:fs/promises";
import { createInterface, type Interface } from "node:readline";

export interface CliProcess {
  child: ChildProcess;
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** serve's own bound on stopping (--stop-timeout-seconds 25, then 5 s) plus a margin. */
const STOP_GRACE_MS = 40_000;

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function stopper(child: ChildProcess) {
  return async (graceMs = STOP_GRACE_MS) => {
    if (exited(child)) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
  };
}

/** A crosscal command in its own process group, stdout read line by line, stderr (JSON logs) appended to `log`. */
async function crosscal(args: string[], log: string, env: NodeJS.ProcessEnv) {
  const logFile = await open(log, "a", 0o600);
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    stdio: ["ignore", "pipe", logFile.fd],
    env,
    detached: true,
  });
  // The child holds its own copy of the descriptor.
  await logFile.close();
  if (child.pid === undefined) throw new Error(`crosscal ${args[0]} did not start`);
  return { child, pid: child.pid, lines: createInterface({ input: child.stdout! }) };
}

function firstLine(lines: Interface, child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code} before it was ready`)));
  });
}

/**
 * The one-time setup token serve prints after its address when no administrator exists; none if it has not
 * come 1 s after `wait()` begins. Listens from the call on: the token's lines may come in the same chunk as
 * the address, and readline emits a chunk's lines at once, before a listener added later could hear them.
 */
function setupTokenOf(lines: Interface): { wait: () => Promise<string | undefined> } {
  let token: string | undefined;
  let found: ((token: string) => void) | undefined;
  lines.on("line", (line) => {
    const match = /^\s+(ccsetup_\S+)/.exec(line)?.[1];
    if (match && token === undefined) {
      token = match;
      found?.(match);
    }
  });
  const wait = () =>
    new Promise<string | undefined>((resolve) => {
      if (token !== undefined) return resolve(token);
      const timer = setTimeout(() => resolve(undefined), 1_000);
      found = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
    });
  return { wait };
}

export interface ServeProcess extends CliProcess {
  /** `http://127.0.0.1:PORT`, as serve printed it. */
  address: string;
  /** When serve printed its address (ms since the epoch): it starts its scheduler right after. */
  listeningAt: number;
  setupToken: string | undefined;
}

/** `crosscal serve ARGS`, once it listens. */
export async function startServe(args: string[], log: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const { child, pid, lines } = await crosscal(["serve", ...args], log, env);
  const stop = stopper(child);
  try {
    const token = setupTokenOf(lines);
    const address = await firstLine(lines, child, `crosscal serve (see ${log})`);
    const listeningAt = Date.now();
    const setupToken = await token.wait();
    return { child, pid, stop, address, listeningAt, setupToken };
  } catch (error) {
    await stop(1_000);
    throw error;
  }
}

/** `crosscal worker ARGS`, once it says it is ready. */
export async function startWorker(args: string[], log: string, env: NodeJS.ProcessEnv): Promise<CliProcess> {
  const { child, pid, lines } = await crosscal(["worker", ...args], log, env);
  const stop = stopper(child);
  try {
    const ready = await firstLine(lines, child, `crosscal worker (see ${log})`);
    if (!/^crosscal worker \S+ ready/.test(ready)) throw new Error(`crosscal worker said: ${ready}`);
    return { child, pid, stop };
  } catch (error) {
    await stop(1_000);
    throw error;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: API answers are read ad hoc
export type ApiBody = Record<string, any>;

/** The REST API with a bearer token; a non-2xx answer throws with its body. */
export function apiClient(base: string, token?: string) {
  return async (method: string, url: string, body?: unknown): Promise<ApiBody> => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 2_000)}`);
    return text ? (JSON.parse(text) as ApiBody) : {};
  };
}

/** The first administrator (from serve's setup token), signed in once to mint an admin API token. */
export async function adminToken(base: string, setupToken: string): Promise<string> {
  const password = `bench-${crypto.randomUUID()}`;
  await apiClient(base)("POST", "/api/setup", { setupToken, username: "admin", password });
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ name: "bench", scope: "admin" }),
  });
  if (!created.ok) throw new Error(`API token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}
