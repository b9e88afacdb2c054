import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { compileEventFilter } from "./list-filter.js";
import type { EventView } from "./model.js";
import { applySelect, pageOf } from "./query-options.js";
import { contextUrl, type MailboxRequest } from "./route-context.js";
import { renderEvent } from "./serialize.js";

type Payload = Record<string, unknown>;

function pathValue(payload: Payload, path: string): unknown {
  let current: unknown = payload;
  for (const segment of path.split("/")) {
    current = current && typeof current === "object" ? (current as Payload)[segment] : undefined;
  }
  return current;
}

/** `$orderby=prop[/sub] [asc|desc]` on one property (what clients use: start/dateTime). */
function sorter(orderby: string | undefined): ((a: Payload, b: Payload) => number) | undefined {
  if (!orderby) return undefined;
  const match = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(orderby.split(",")[0]!);
  if (!match) throw new GraphError(400, "BadRequest", `Invalid $orderby: ${orderby}`);
  const direction = match[2]?.toLowerCase() === "desc" ? -1 : 1;
  return (a, b) => {
    const x = String(pathValue(a, match[1]!) ?? "");
    const y = String(pathValue(b, match[1]!) ?? "");
    return x < y ? -direction : x > y ? direction : 0;
  };
}

/**
 * A listed collection (/events or calendarView): filtered and ordered on the UTC payload, paged, then
 * rendered as the caller asked (time zone, body type, $select).
 */
export function listBody(ctx: EmulatorContext, mailbox: MailboxRequest, views: EventView[], segment: string) {
  const { query, render } = mailbox;
  // Filters and ordering read the UTC payload; it is only rendered when one of them is asked for.
  const utcOptions = { ...render, timeZone: undefined };
  const needsUtc = Boolean(query.$filter || query.$orderby);
  let rows = views.map((view) => ({ view, utc: needsUtc ? renderEvent(view, utcOptions) : {} }));
  if (query.$filter) {
    const predicate = compileEventFilter(query.$filter);
    rows = rows.filter((row) => {
      const master = row.view.kind === "stored" ? row.view.event : row.view.master;
      return predicate(row.utc, master.extendedProperties);
    });
  }
  const sort = sorter(query.$orderby);
  if (sort) rows.sort((a, b) => sort(a.utc, b.utc));
  const page = pageOf(rows, {
    baseUrl: ctx.url,
    url: mailbox.url,
    query,
    ...(mailbox.prefs.maxPageSize && { maxPageSize: mailbox.prefs.maxPageSize }),
  });
  const body: Payload = { "@odata.context": contextUrl(ctx, mailbox.owner, segment) };
  body.value = page.items.map((row) => applySelect(renderEvent(row.view, render), query.$select));
  if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
  return body;
}
