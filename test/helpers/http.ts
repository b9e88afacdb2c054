import type { RunningEmulator } from "m365-emulator";

// biome-ignore lint/suspicious/noExplicitAny: tests read Graph and control bodies ad hoc
type Json = Record<string, any>;

/** A raw Graph GET with an optional bearer token, for status codes and headers the Graph client hides. */
export async function graphGet(
  emulator: RunningEmulator,
  token: string | undefined,
  path: string,
  headers: Record<string, string> = {},
) {
  const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${emulator.url}/v1.0${path}`, { headers: { ...auth, ...headers } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // plain text ($count)
  }
  return { status: response.status, body: body as Json, headers: response.headers };
}

/** A request to the `/_emulator` control API, with a JSON body when one is given. */
export function controlFetch(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A control API call answered with its status and its JSON body (undefined when empty). */
export async function controlCall(emulator: RunningEmulator, method: string, path: string, body?: unknown) {
  const response = await controlFetch(emulator, method, path, body);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
