import type { FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { type CalendarAccess, resolveMailbox } from "../graph/mailbox.js";
import type { Actor, User } from "../world/types.js";
import { expandedPropertyFilter } from "./extended-properties.js";
import type { MailboxCalendar } from "./mailbox-calendar.js";
import type { EventView } from "./model.js";
import { type Preferences, readPreferences } from "./prefer.js";
import { applySelect } from "./query-options.js";
import { type RenderOptions, renderEvent } from "./serialize.js";

export type Query = Record<string, string | undefined>;

export interface MailboxRequest {
  owner: User;
  calendar: MailboxCalendar;
  actor: Actor;
  prefs: Preferences;
  render: RenderOptions;
  query: Query;
  /** The request path without its query, e.g. "/v1.0/users/x/calendarView". */
  path: string;
  /** The request URL (path and query). */
  url: string;
}

type Params = { user: string; calendarId?: string };

function queryOf(request: FastifyRequest): Query {
  const query: Query = {};
  for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    query[key] = Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
  }
  return query;
}

/** Resolves and authorizes the addressed mailbox, and reads Prefer and the render-related query options. */
export function mailboxRequest(
  ctx: EmulatorContext,
  request: FastifyRequest,
  access: CalendarAccess,
): MailboxRequest {
  const principal = request.principal;
  if (!principal) throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  const params = request.params as Params;
  const owner = resolveMailbox(ctx, principal, params.user, access);
  const calendar = ctx.mailboxes.calendarOf(owner);
  if (params.calendarId !== undefined && params.calendarId !== calendar.calendarId) {
    throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  }
  const prefs = readPreferences(request.headers.prefer);
  const query = queryOf(request);
  const render: RenderOptions = { ownerAddress: owner.mail };
  if (prefs.timeZone) render.timeZone = prefs.timeZone;
  if (prefs.bodyType) render.bodyType = prefs.bodyType;
  const filter = expandedPropertyFilter(query.$expand);
  if (filter) render.extendedProperties = filter;
  const actor: Actor = {
    kind: "app",
    tenantId: principal.tenantId,
    clientId: principal.clientId,
    roles: principal.roles,
  };
  return { owner, calendar, actor, prefs, render, query, path: request.url.split("?")[0]!, url: request.url };
}

export function applyPreferenceHeader(reply: FastifyReply, prefs: Preferences, extra: string[] = []): void {
  const applied = [...prefs.applied, ...extra];
  if (applied.length) reply.header("Preference-Applied", applied.join(", "));
}

export function contextUrl(ctx: EmulatorContext, owner: User, segment: string): string {
  return `${ctx.url}/v1.0/$metadata#users('${owner.id}')/${segment}`;
}

/** One event as a GET/POST/PATCH answers it. */
export function singleEventBody(ctx: EmulatorContext, mailbox: MailboxRequest, view: EventView) {
  const payload = applySelect(renderEvent(view, mailbox.render), mailbox.query.$select);
  return { "@odata.context": contextUrl(ctx, mailbox.owner, "events/$entity"), ...payload };
}
