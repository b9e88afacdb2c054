import type { FastifyInstance } from "fastify";
import { parseWindowBound } from "../calendar/timezones.js";
import type { EmulatorContext } from "../context.js";
import { calendarViewDelta } from "./delta.js";
import { listBody } from "./list.js";
import type { EventView } from "./model.js";
import { seriesInWindow } from "./occurrences.js";
import { DEFAULT_PAGE_SIZE } from "./query-options.js";
import { applyPreferenceHeader, mailboxRequest, type Query } from "./route-context.js";
import { calendarCall, epochOf, overlaps, type Window } from "./times.js";

type IdParams = { user: string; id: string };

/** startDateTime/endDateTime, required, read by their own offset (UTC if none), never by Prefer. */
function windowOf(query: Query): Window {
  const value = (name: string) =>
    query[name] ?? Object.entries(query).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return calendarCall(() => ({
    start: parseWindowBound(value("startDateTime"), "startDateTime"),
    end: parseWindowBound(value("endDateTime"), "endDateTime"),
  }));
}

const startOf = (view: EventView) => (view.kind === "stored" ? epochOf(view.event.fields.start) : view.start);

/** calendarView, instances and calendarView/delta. */
export function registerViewRoutes(app: FastifyInstance, ctx: EmulatorContext, prefix: string): void {
  const store = ctx.mailboxes;

  app.get(`${prefix}/calendarView`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "read");
    const window = windowOf(mailbox.query);
    const views: EventView[] = [];
    for (const event of mailbox.calendar.events.values()) {
      if (event.type === "seriesMaster") views.push(...seriesInWindow(event, window));
      else if (overlaps(epochOf(event.fields.start), epochOf(event.fields.end), window)) {
        views.push({ kind: "stored", event });
      }
    }
    views.sort((a, b) => startOf(a) - startOf(b));
    applyPreferenceHeader(reply, mailbox.prefs);
    return listBody(ctx, mailbox, views, "calendarView");
  });

  app.get<{ Params: IdParams }>(`${prefix}/events/:id/instances`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "read");
    const window = windowOf(mailbox.query);
    const view = store.find(mailbox.owner, request.params.id);
    const views =
      view.kind === "stored" && view.event.type === "seriesMaster" ? seriesInWindow(view.event, window) : [];
    applyPreferenceHeader(reply, mailbox.prefs);
    return listBody(ctx, mailbox, views, `events('${request.params.id}')/instances`);
  });

  app.get(`${prefix}/calendarView/delta`, async (request, reply) => {
    const mailbox = mailboxRequest(ctx, request, "read");
    const pageSize = mailbox.prefs.maxPageSize ?? DEFAULT_PAGE_SIZE;
    const body = calendarViewDelta(store, {
      owner: mailbox.owner,
      path: mailbox.path,
      query: mailbox.query,
      render: mailbox.render,
      pageSize,
    });
    const applied = mailbox.prefs.maxPageSize ? [`odata.maxpagesize=${mailbox.prefs.maxPageSize}`] : [];
    applyPreferenceHeader(reply, mailbox.prefs, applied);
    return body;
  });
}
