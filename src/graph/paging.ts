import { GraphRequestError } from "./errors.js";

export interface Page<T> {
  value: T[];
  /** Present on the last page of a delta round: where the next round starts. */
  deltaLink?: string;
}

interface PageBody<T> {
  value?: T[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

/**
 * Follows `@odata.nextLink` from `first` until a page has none, yielding each page. Every page is one
 * request of its own (retried, and re-authenticated after a 401, on its own), so a token that expires in
 * the middle of a long round resumes from the same nextLink.
 */
export async function* followPages<T>(
  first: string,
  fetchPage: (url: string) => Promise<{ body: unknown }>,
  describe: { context?: string; path: (url: string) => string },
): AsyncGenerator<Page<T>> {
  const seen = new Set<string>();
  let next: string | undefined = first;
  while (next !== undefined) {
    const url: string = next;
    seen.add(url);
    const body = (await fetchPage(url)).body as PageBody<T> | undefined;
    if (typeof body !== "object" || body === null || !Array.isArray(body.value)) {
      throw malformedPage(url, describe, "a page without a value array");
    }
    const deltaLink = body["@odata.deltaLink"];
    yield deltaLink === undefined ? { value: body.value } : { value: body.value, deltaLink };
    next = body["@odata.nextLink"];
    // A server that hands back a link already followed would keep this loop going forever.
    if (next !== undefined && seen.has(next))
      throw malformedPage(url, describe, "a nextLink already followed");
  }
}

function malformedPage(
  url: string,
  describe: { context?: string; path: (url: string) => string },
  what: string,
) {
  return new GraphRequestError({
    kind: "unknown",
    context: describe.context,
    method: "GET",
    path: describe.path(url),
    message: `${describe.context ? `${describe.context}: ` : ""}GET ${describe.path(url)} returned ${what} [unknown]`,
  });
}
