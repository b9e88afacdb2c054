import { integerOption, linkWith, pageOf as slicePage } from "../graph/odata/paging.js";

/** Outlook collections answer 10 items per page unless `$top` or `odata.maxpagesize` says otherwise. */
export const DEFAULT_PAGE_SIZE = 10;
const MAX_TOP = 1000;

/** Keeps the selected properties (plus `@odata.etag` and `id`, which Graph always returns). */
export function applySelect(
  payload: Record<string, unknown>,
  select: string | undefined,
): Record<string, unknown> {
  if (!select) return payload;
  const wanted = new Set(select.split(",").map((name) => name.trim().toLowerCase()));
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    const always = key.startsWith("@odata.") || key === "id" || key === "singleValueExtendedProperties";
    if (always || wanted.has(key.toLowerCase())) result[key] = value;
  }
  return result;
}

export interface PageRequest {
  baseUrl: string;
  /** The request URL (path and query) the nextLink repeats with a new `$skip`. */
  url: string;
  query: Record<string, string | undefined>;
  maxPageSize?: number;
}

/** One page by `$skip` and page size (`$top`, else maxpagesize, else 10), with Graph's `$skip` nextLink. */
export function pageOf<T>(items: T[], request: PageRequest): { items: T[]; nextLink?: string } {
  const top = integerOption("$top", request.query.$top, { min: 0, max: MAX_TOP });
  const skip = integerOption("$skip", request.query.$skip, { min: 0 }) ?? 0;
  const size = top ?? request.maxPageSize ?? DEFAULT_PAGE_SIZE;
  const page = slicePage(items, { pageSize: size, offset: skip }, (next) =>
    linkWith(request.baseUrl, request.url, { $skip: String(next) }),
  );
  return { items: page.value, ...(page.nextLink && { nextLink: page.nextLink }) };
}
