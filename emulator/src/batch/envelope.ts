import { badRequest } from "../graph/errors.js";

/** Graph's documented cap on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** One inner request of `POST /$batch`, checked. */
export interface BatchItem {
  id: string;
  method: string;
  /** Relative to the version root, without its leading slash: `users/x/events?$top=5`. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

const malformed = (detail: string) => badRequest(`Invalid batch payload format: ${detail}`);

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function stringHeaders(value: unknown, id: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw malformed(`headers of request ${id}`);
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]));
}

function relativeUrl(value: unknown, id: string): string {
  if (typeof value !== "string" || value.trim() === "") throw malformed(`url of request ${id}`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw badRequest("Invalid request URL", "BadRequest");
  return value.replace(/^\/+/, "");
}

function parseItem(raw: unknown, index: number): BatchItem {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw malformed(`request #${index + 1}`);
  const source = raw as Record<string, unknown>;
  if (typeof source.id !== "string" || source.id === "") throw malformed(`id of request #${index + 1}`);
  const id = source.id;
  const method = typeof source.method === "string" ? source.method.toUpperCase() : "";
  if (!METHODS.has(method)) throw malformed(`method of request ${id}`);
  const headers = stringHeaders(source.headers, id);
  const dependsOn = source.dependsOn ?? [];
  if (!Array.isArray(dependsOn) || dependsOn.some((dep) => typeof dep !== "string")) {
    throw malformed(`dependsOn of request ${id}`);
  }
  const item: BatchItem = { id, method, url: relativeUrl(source.url, id), headers, dependsOn };
  const hasBody = source.body !== undefined && source.body !== null;
  if (hasBody) item.body = source.body;
  // Graph refuses the whole batch when a write (or any request with a body) lacks Content-Type or body.
  if ((hasBody || WRITE_METHODS.has(method)) && (!hasBody || !headerValue(headers, "content-type"))) {
    throw badRequest(`Write request id : ${id} does not contain Content-Type header or body.`);
  }
  if (/^\$batch(\?|$)/i.test(item.url)) throw malformed(`request ${id} nests a batch`);
  return item;
}

/** Fails when dependsOn names an unknown request, the request itself, or forms a cycle. */
function checkDependencies(items: BatchItem[]): void {
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!byId.has(dep) || dep === item.id) {
        throw badRequest(`Request ${item.id} depends on request ${dep}, which is not in the batch.`);
      }
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const visit = (item: BatchItem): void => {
    if (state.get(item.id) === "done") return;
    if (state.get(item.id) === "visiting") throw badRequest("The batch request dependencies form a cycle.");
    state.set(item.id, "visiting");
    for (const dep of item.dependsOn) visit(byId.get(dep)!);
    state.set(item.id, "done");
  };
  for (const item of items) visit(item);
}

/** The checked inner requests of a batch body, or the 400 Graph answers for the whole batch. */
export function parseBatch(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (typeof body !== "object" || body === null || !Array.isArray(requests)) {
    throw malformed("the body must be a JSON object with a 'requests' array");
  }
  if (requests.length === 0) throw malformed("the batch contains no requests");
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const items = requests.map(parseItem);
  const seen = new Set<string>();
  for (const item of items) {
    // Graph compares batch ids case-insensitively (microsoft-graph-docs#4449).
    const key = item.id.toLowerCase();
    if (seen.has(key)) throw badRequest(`Request Id ${item.id} has to be unique in a batch.`);
    seen.add(key);
  }
  checkDependencies(items);
  return items;
}
