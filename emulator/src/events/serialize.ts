import type { EventView, ExtendedProperty } from "./model.js";
import { outputTime } from "./times.js";
import { factsOf, type ViewFacts } from "./view.js";

export interface RenderOptions {
  /** Zone named by `Prefer: outlook.timezone` (UTC if absent). */
  timeZone?: string;
  /** From `Prefer: outlook.body-content-type`. */
  bodyType?: "text" | "html";
  /** The mailbox owner's address (hideAttendees shows an attendee only themselves). */
  ownerAddress: string;
  /** From `$expand=singleValueExtendedProperties($filter=...)`. */
  extendedProperties?: (property: ExtendedProperty) => boolean;
}

/** Graph writes timestamps with seven fractional digits. */
export function graphTimestamp(iso: string): string {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!match) return iso;
  return `${match[1]}.${(match[2] ?? "").padEnd(7, "0").slice(0, 7)}Z`;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(style|head|script)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}

function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${escaped.replace(/\n/g, "<br>\r\n")}\r\n</body>\r\n</html>\r\n`;
}

function renderBody(body: ViewFacts["fields"]["body"], wanted?: "text" | "html") {
  const contentType = wanted ?? "html";
  if (contentType === body.contentType) return { ...body };
  const content = contentType === "text" ? htmlToText(body.content) : textToHtml(body.content);
  return { contentType, content };
}

const previews = new WeakMap<ViewFacts["fields"]["body"], string>();

/** The first 255 characters of the body as text (cached: bodies are replaced, never mutated). */
function bodyPreview(body: ViewFacts["fields"]["body"]): string {
  const cached = previews.get(body);
  if (cached !== undefined) return cached;
  const preview = previewOf(body);
  previews.set(body, preview);
  return preview;
}

function previewOf(body: ViewFacts["fields"]["body"]): string {
  const text = body.contentType === "html" ? htmlToText(body.content) : body.content;
  return text.replace(/\s+/g, " ").trim().slice(0, 255);
}

function attendeesFor(facts: ViewFacts, options: RenderOptions) {
  const { master, fields } = facts;
  const visible =
    fields.hideAttendees && !master.isOrganizer
      ? fields.attendees.filter(
          (a) => a.emailAddress.address.toLowerCase() === options.ownerAddress.toLowerCase(),
        )
      : fields.attendees;
  return visible.map((a) => ({ ...a, emailAddress: { ...a.emailAddress }, status: { ...a.status } }));
}

function recurrenceOf(facts: ViewFacts) {
  const recurrence = facts.type === "seriesMaster" ? facts.master.recurrence : undefined;
  if (!recurrence) return null;
  const { pattern, range } = recurrence;
  return {
    pattern: { ...pattern, ...(pattern.daysOfWeek && { daysOfWeek: [...pattern.daysOfWeek] }) },
    range: { ...range },
  };
}

/** The full Graph payload of an event, an occurrence or an exception. */
export function renderEvent(view: EventView, options: RenderOptions): Record<string, unknown> {
  const facts = factsOf(view);
  const { master, fields } = facts;
  const payload: Record<string, unknown> = {
    "@odata.etag": facts.etag,
    id: facts.id,
    createdDateTime: graphTimestamp(facts.createdDateTime),
    lastModifiedDateTime: graphTimestamp(facts.lastModifiedDateTime),
    changeKey: facts.changeKey,
    categories: [...fields.categories],
  };
  if (master.transactionId && facts.type !== "occurrence" && facts.type !== "exception") {
    payload.transactionId = master.transactionId;
  }
  Object.assign(payload, {
    originalStartTimeZone: master.originalStartTimeZone,
    originalEndTimeZone: master.originalEndTimeZone,
    iCalUId: master.iCalUId,
    uid: master.iCalUId,
    reminderMinutesBeforeStart: fields.reminderMinutesBeforeStart,
    isReminderOn: fields.isReminderOn,
    hasAttachments: false,
    subject: fields.subject,
    bodyPreview: bodyPreview(fields.body),
    importance: fields.importance,
    sensitivity: fields.sensitivity,
    isAllDay: fields.isAllDay,
    isCancelled: master.isCancelled,
    isOrganizer: master.isOrganizer,
    responseRequested: fields.responseRequested,
    seriesMasterId: facts.originalStart === undefined ? null : master.id,
    showAs: fields.showAs,
    type: facts.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(facts.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: fields.isOnlineMeeting,
    onlineMeetingProvider: fields.onlineMeetingProvider,
    allowNewTimeProposals: fields.allowNewTimeProposals,
    isDraft: master.isDraft,
    hideAttendees: fields.hideAttendees,
  });
  if (facts.originalStart !== undefined) {
    payload.originalStart = graphTimestamp(new Date(facts.originalStart).toISOString()).replace(
      /\.0+Z$/,
      "Z",
    );
  }
  Object.assign(payload, {
    responseStatus: { ...master.responseStatus },
    body: renderBody(fields.body, options.bodyType),
    start: outputTime(facts.start, fields, options.timeZone),
    end: outputTime(facts.end, fields, options.timeZone),
    location: { ...fields.location },
    locations: fields.locations.map((l) => ({ ...l })),
    recurrence: recurrenceOf(facts),
    attendees: attendeesFor(facts, options),
    organizer: { emailAddress: { ...master.organizer } },
    onlineMeeting: master.onlineMeeting && fields.isOnlineMeeting ? { ...master.onlineMeeting } : null,
  });
  // Occurrences and exceptions carry the series' properties: Exchange builds them from the master item.
  if (options.extendedProperties) {
    const expanded = master.extendedProperties.filter(options.extendedProperties);
    // Graph leaves the collection out, rather than sending it empty, when no property matched.
    if (expanded.length) payload.singleValueExtendedProperties = expanded.map((p) => ({ ...p }));
  }
  return payload;
}

/** What calendarView/delta sends for an occurrence or exception: a stub to hydrate from the master. */
export function renderStub(
  view: EventView,
  options: Pick<RenderOptions, "timeZone">,
): Record<string, unknown> {
  const facts = factsOf(view);
  return {
    "@odata.type": "#microsoft.graph.event",
    "@odata.etag": facts.etag,
    id: facts.id,
    seriesMasterId: facts.master.id,
    type: facts.type,
    start: outputTime(facts.start, facts.fields, options.timeZone),
    end: outputTime(facts.end, facts.fields, options.timeZone),
  };
}
