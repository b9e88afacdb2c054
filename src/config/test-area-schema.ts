import { type Static, Type } from "typebox";
import type { CalendarEvent, EventContent } from "../core/event.js";
import { IMPORTANCES, RESPONSES, SENSITIVITIES, SHOW_AS } from "../core/mapping/vocabulary.js";
import { MappingRefSchema, NewSyncBody } from "./sync-document-schema.js";

/**
 * The sync editor's test area on the wire: events of a sync's mailboxes in the API's neutral shape (the
 * words of the rule conditions: subject, sensitivity, showAs, isAllDay, categories, response, organizer…),
 * a pasted event in the same shape, and the preview of the copy a sync document would write.
 */

const closed = { additionalProperties: false };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const literals = <const T extends string[]>(values: readonly [...T], description?: string) =>
  Type.Enum(values, description ? { description } : {});
const SideSchema = literals(["A", "B"], "the mailbox of side A (connection A) or side B");

const ZonedTime = Type.Object(
  {
    dateTime: Type.String({
      pattern: "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d{1,7})?)?$",
      description: "a wall-clock time without offset, e.g. 2025-03-04T12:30:00",
    }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: "an IANA zone, e.g. Europe/Berlin" }),
  },
  closed,
);
const Person = Type.Object(
  { name: Type.String({ maxLength: 256 }), address: Type.String({ minLength: 1, maxLength: 320 }) },
  closed,
);
const Attendee = Type.Object(
  {
    name: Type.String({ maxLength: 256 }),
    address: Type.String({ minLength: 1, maxLength: 320 }),
    type: literals(["required", "optional", "resource"]),
    response: literals(RESPONSES),
  },
  closed,
);
const Body = Type.Object(
  { type: literals(["text", "html"]), content: Type.String({ maxLength: 200_000 }) },
  closed,
);
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const Recurrence = Type.Object(
  {
    pattern: Type.Object(
      {
        type: literals([
          "daily",
          "weekly",
          "absoluteMonthly",
          "relativeMonthly",
          "absoluteYearly",
          "relativeYearly",
        ]),
        interval: Type.Integer({ minimum: 1, maximum: 99 }),
        daysOfWeek: Type.Optional(Type.Array(literals(DAYS), { maxItems: 7 })),
        firstDayOfWeek: Type.Optional(literals(DAYS)),
        dayOfMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
        month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
        index: Type.Optional(literals(["first", "second", "third", "fourth", "last"])),
      },
      closed,
    ),
    range: Type.Object(
      {
        type: literals(["endDate", "noEnd", "numbered"]),
        startDate: Type.String({ format: "date" }),
        endDate: Type.Optional(Type.String({ format: "date" })),
        numberOfOccurrences: Type.Optional(Type.Integer({ minimum: 1 })),
        timeZone: Type.String({ minLength: 1, maxLength: 64 }),
      },
      closed,
    ),
  },
  { ...closed, description: "a series' pattern, as Graph's patternedRecurrence" },
);

/** What a copy holds: the fields a mapping decides (a copy never has attendees: it would email them). */
const contentFields = {
  subject: Type.String(),
  body: Body,
  location: Type.String(),
  start: ZonedTime,
  end: ZonedTime,
  isAllDay: Type.Boolean(),
  showAs: literals(SHOW_AS),
  sensitivity: literals(SENSITIVITIES),
  importance: literals(IMPORTANCES),
  categories: Type.Array(Type.String()),
  isReminderOn: Type.Boolean(),
  reminderMinutesBeforeStart: Type.Integer({ minimum: 0 }),
};

export const CopyView = Type.Object(
  { ...contentFields, recurrence: Nullable(Recurrence) },
  { description: "the copy as it would be written (an instance's recurrence is its series')" },
);

export const EventView = Type.Object(
  {
    id: Nullable(Type.String({ description: "null for a pasted event" })),
    kind: literals(["single", "series", "occurrence", "exception"]),
    seriesId: Nullable(Type.String({ description: "an occurrence's or exception's series" })),
    ...contentFields,
    recurrence: Nullable(Recurrence),
    organizer: Nullable(Person),
    attendees: Type.Array(Attendee),
    response: literals(RESPONSES, "the mailbox owner's own response"),
    isOrganizer: Type.Boolean(),
    isCancelled: Type.Boolean(),
    isOnlineMeeting: Type.Boolean(),
    joinUrl: Nullable(Type.String()),
    isCopy: Type.Boolean({ description: "crosscal wrote it: copies are never copied" }),
  },
  { description: "an event as read from a mailbox (or pasted)" },
);

const optional = <T extends Parameters<typeof Type.Optional>[0]>(schema: T, description: string) =>
  Type.Optional(Type.Union([schema], { description }));

/** A pasted event: subject, start and end; everything else takes Outlook's default for a new event. */
export const PastedEvent = Type.Object(
  {
    subject: Type.String({ maxLength: 1000 }),
    start: ZonedTime,
    end: ZonedTime,
    body: optional(Body, "default: empty text"),
    location: optional(Type.String({ maxLength: 1000 }), 'default ""'),
    isAllDay: optional(Type.Boolean(), "default false"),
    showAs: optional(literals(SHOW_AS), "default busy"),
    sensitivity: optional(literals(SENSITIVITIES), "default normal"),
    importance: optional(literals(IMPORTANCES), "default normal"),
    categories: optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 50 }), "default none"),
    isReminderOn: optional(Type.Boolean(), "default false"),
    reminderMinutesBeforeStart: optional(Type.Integer({ minimum: 0, maximum: 40_320 }), "default 0"),
    recurrence: optional(Recurrence, "makes it a series"),
    organizer: optional(Person, "default: none"),
    attendees: optional(Type.Array(Attendee, { maxItems: 500 }), "default none"),
    response: optional(literals(RESPONSES), "default organizer (or notResponded when isOrganizer is false)"),
    isOrganizer: optional(Type.Boolean(), "default true"),
    isCancelled: optional(Type.Boolean(), "default false"),
    isOnlineMeeting: optional(Type.Boolean(), "default false"),
    joinUrl: optional(Type.String({ maxLength: 2000 }), "default none"),
  },
  { ...closed, description: "an event in the neutral shape; what is left out takes Outlook's defaults" },
);

export const EventRef = Type.Object(
  {
    syncId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "the saved sync whose mailbox holds it",
    }),
    profileId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "one of its profiles" }),
    ),
    mailbox: Type.Optional(
      Type.String({ minLength: 3, maxLength: 254, description: "or a mailbox of side's tenant" }),
    ),
    side: SideSchema,
    eventId: Type.String({ minLength: 1, maxLength: 1000, description: "from GET /api/syncs/{id}/events" }),
  },
  { ...closed, description: "a real event: the profile's (or the mailbox's) mailbox on side" },
);

export const PreviewCopyBody = Type.Object(
  {
    sync: Type.Union([NewSyncBody], {
      description: "a sync document as POST /api/syncs takes it (the editor's draft, saved or not)",
    }),
    event: Type.Union([
      EventRef,
      Type.Object(
        { pasted: PastedEvent, side: Type.Optional(Type.Union([SideSchema], { description: "default A" })) },
        { ...closed, description: "a pasted event, as if read from side's mailbox" },
      ),
    ]),
  },
  closed,
);

const RuleRef = Type.Object(
  {
    rule: Type.String({ description: "the rule's name" }),
    index: Type.Integer({ description: "its place" }),
  },
  closed,
);

export const PreviewCopyAnswer = Type.Object({
  outcome: literals(["copied", "skipped"]),
  decidedBy: Type.Union(
    [
      RuleRef,
      literals(
        ["mapping", "direction", "outside-window", "cancelled", "copy"],
        "mapping: no rule matched, the sync's own mapping; otherwise the step that skipped it",
      ),
    ],
    { description: "a rule, the sync's mapping, or the step that skipped the event" },
  ),
  explanation: Type.String({ description: "one line in plain language" }),
  mapping: Nullable(
    Type.Union([MappingRefSchema], {
      description: "the mapping the copy is written with; null when skipped",
    }),
  ),
  copySide: SideSchema,
  copy: Nullable(CopyView),
  source: EventView,
  series: Nullable(Type.Union([EventView], { description: "an instance's series: it decides for it" })),
});

export const SyncEventsQuery = Type.Object({
  side: SideSchema,
  profile: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a profile's id" })),
  mailbox: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 254,
      description: "instead of profile: a mailbox of side's tenant",
    }),
  ),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "part of the subject" })),
  since: Type.Optional(Type.String({ format: "date-time", description: "default: 14 days ago" })),
  until: Type.Optional(Type.String({ format: "date-time", description: "default: 90 days ahead" })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const SyncEventItem = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  start: ZonedTime,
  end: ZonedTime,
  isAllDay: Type.Boolean(),
  sensitivity: literals(SENSITIVITIES),
  showAs: literals(SHOW_AS),
  organizer: Nullable(Person),
  attendees: Type.Integer({ description: "how many" }),
  isRecurring: Type.Boolean(),
  kind: literals(["single", "series", "occurrence", "exception"]),
  isCancelled: Type.Boolean(),
  isCopy: Type.Boolean({ description: "crosscal wrote it" }),
});

export const SyncEventsPage = Type.Object({
  side: SideSchema,
  mailbox: Type.String(),
  since: Type.String({ format: "date-time" }),
  until: Type.String({ format: "date-time" }),
  events: Type.Array(SyncEventItem, { description: "by start; a series as its occurrences" }),
});

export type PastedEventInput = Static<typeof PastedEvent>;
export type EventRefInput = Static<typeof EventRef>;
export type PreviewCopyInput = Static<typeof PreviewCopyBody>;
export type SyncEventsInput = Static<typeof SyncEventsQuery>;

const contentOut = (content: EventContent) => ({
  subject: content.subject,
  body: content.body,
  location: content.location,
  start: content.start,
  end: content.end,
  isAllDay: content.isAllDay,
  showAs: content.showAs,
  sensitivity: content.sensitivity,
  importance: content.importance,
  categories: content.categories,
  isReminderOn: content.reminder.on,
  reminderMinutesBeforeStart: content.reminder.minutesBefore,
  recurrence: content.recurrence ?? null,
});

export const copyOut = (content: EventContent): Static<typeof CopyView> => contentOut(content);

export const eventOut = (event: CalendarEvent, pasted = false): Static<typeof EventView> => ({
  id: pasted ? null : event.id,
  kind: event.kind,
  seriesId: event.seriesId ?? null,
  ...contentOut(event),
  organizer: event.organizer ?? null,
  attendees: event.attendees,
  response: event.response,
  isOrganizer: event.isOrganizer,
  isCancelled: event.isCancelled,
  isOnlineMeeting: event.isOnlineMeeting,
  joinUrl: event.joinUrl ?? null,
  isCopy: event.tag !== undefined,
});

export const eventItemOut = (event: CalendarEvent): Static<typeof SyncEventItem> => ({
  id: event.id,
  subject: event.subject,
  start: event.start,
  end: event.end,
  isAllDay: event.isAllDay,
  sensitivity: event.sensitivity,
  showAs: event.showAs,
  organizer: event.organizer ?? null,
  attendees: event.attendees.length,
  isRecurring: event.kind !== "single",
  kind: event.kind,
  isCancelled: event.isCancelled,
  isCopy: event.tag !== undefined,
});

/** A pasted event in the model, with Outlook's defaults for what it leaves out. */
export function eventOfPasted(pasted: PastedEventInput): CalendarEvent {
  const isOrganizer = pasted.isOrganizer ?? true;
  return {
    id: "pasted",
    version: "pasted",
    kind: pasted.recurrence ? "series" : "single",
    subject: pasted.subject,
    body: pasted.body ?? { type: "text", content: "" },
    location: pasted.location ?? "",
    start: pasted.start,
    end: pasted.end,
    isAllDay: pasted.isAllDay ?? false,
    showAs: pasted.showAs ?? "busy",
    sensitivity: pasted.sensitivity ?? "normal",
    importance: pasted.importance ?? "normal",
    categories: pasted.categories ?? [],
    reminder: { on: pasted.isReminderOn ?? false, minutesBefore: pasted.reminderMinutesBeforeStart ?? 0 },
    ...(pasted.recurrence && { recurrence: pasted.recurrence }),
    isCancelled: pasted.isCancelled ?? false,
    isOrganizer,
    ...(pasted.organizer && { organizer: pasted.organizer }),
    attendees: pasted.attendees ?? [],
    response: pasted.response ?? (isOrganizer ? "organizer" : "notResponded"),
    isOnlineMeeting: pasted.isOnlineMeeting ?? false,
    ...(pasted.joinUrl && { joinUrl: pasted.joinUrl }),
  };
}
