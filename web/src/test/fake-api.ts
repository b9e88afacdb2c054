import { vi } from "vitest";

/** What a fake route answers: a status and a JSON body (none for 204). */
export type FakeAnswer = [status: number, body?: unknown];

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

export type Routes = Record<string, FakeAnswer | ((request: FakeRequest) => FakeAnswer)>;

/**
 * Stands in for the service: `fetch` answers from `routes`, keyed `"POST /api/auth/login"`; anything else
 * is the API's 404. Returns the requests made, to check what the dashboard sent.
 */
export function fakeApi(routes: Routes): FakeRequest[] {
  const requests: FakeRequest[] = [];
  vi.stubGlobal("fetch", async (input: Request) => {
    const url = new URL(input.url);
    const text = input.method === "GET" ? "" : await input.text();
    const request = {
      method: input.method,
      path: url.pathname + url.search,
      body: text ? JSON.parse(text) : undefined,
      headers: input.headers,
    };
    requests.push(request);
    const route = routes[`${input.method} ${url.pathname}`];
    const [status, body] = (typeof route === "function" ? route(request) : route) ?? [
      404,
      { error: { code: "not_found", message: "no such route" } },
    ];
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    });
  });
  return requests;
}

/** The routes every screen meets: an administrator exists, and whether someone is signed in. */
export const signedOut: Routes = {
  "GET /api/setup": [200, { needed: false }],
  "GET /api/auth/me": [401, { error: { code: "unauthenticated", message: "sign in or send an API token" } }],
};

export const signedIn: Routes = {
  "GET /api/setup": [200, { needed: false }],
  "GET /api/auth/me": [
    200,
    { username: "admin", via: "session", csrfToken: "csrf-1", expiresAt: "2099-01-01T00:00:00.000Z" },
  ],
};
