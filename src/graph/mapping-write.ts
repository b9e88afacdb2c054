import type { DateTimeTimeZone, Event } from "@microsoft/microsoft-graph-types";
import type { CopyTag, EventContent, ZonedTime } from "../core/event.js";
import { recurrenceToGraph } from "./mapping-recurrence.js";
import { tagProperty } from "./tag.js";
import { graphZoneName } from "./time-zones.js";

/**
 * EventContent -> the body of a POST or PATCH. Copies never carry attendees (sync semantics 7): with no
 * attendees the event is a plain appointment, so creating, updating or deleting it emails nobody. No
 * property here can add any (`attendees` is never written, and online meetings are never switched on).
 */

type Writable = Pick<
  Event,
  | "subject"
  | "body"
  | "location"
  | "start"
  | "end"
  | "isAllDay"
  | "showAs"
  | "sensitivity"
  | "importance"
  | "categories"
  | "isReminderOn"
  | "reminderMinutesBeforeStart"
  | "recurrence"
  | "singleValueExtendedProperties"
  | "transactionId"
>;

export type GraphEventWrite = Partial<Writable>;

function timeToGraph(time: ZonedTime): DateTimeTimeZone {
  return { dateTime: time.dateTime, timeZone: graphZoneName(time.timeZone) };
}

type FieldWriter<K extends keyof EventContent> = (value: EventContent[K]) => GraphEventWrite;

const WRITERS: { [K in keyof EventContent]-?: FieldWriter<K> } = {
  subject: (subject) => ({ subject }),
  body: (body) => ({ body: { contentType: body.type, content: body.content } }),
  location: (displayName) => ({ location: { displayName } }),
  start: (start) => ({ start: timeToGraph(start) }),
  end: (end) => ({ end: timeToGraph(end) }),
  isAllDay: (isAllDay) => ({ isAllDay }),
  showAs: (showAs) => ({ showAs }),
  sensitivity: (sensitivity) => ({ sensitivity }),
  importance: (importance) => ({ importance }),
  categories: (categories) => ({ categories: [...categories] }),
  reminder: (reminder) => ({
    isReminderOn: reminder.on,
    reminderMinutesBeforeStart: reminder.minutesBefore,
  }),
  recurrence: (recurrence) => (recurrence ? { recurrence: recurrenceToGraph(recurrence) } : {}),
};

/** The Graph properties for the content fields present in `content`. */
function fieldsToGraph(content: Partial<EventContent>): GraphEventWrite {
  const body: GraphEventWrite = {};
  for (const key of Object.keys(content) as Array<keyof EventContent>) {
    if (content[key] === undefined) continue;
    const write = WRITERS[key] as FieldWriter<typeof key>;
    Object.assign(body, write(content[key] as EventContent[typeof key]));
  }
  return body;
}

/** A copy's POST body: its content, its tag, and the transactionId that makes a retried POST harmless. */
export function toGraphCreate(content: EventContent, tag: CopyTag, transactionId: string): GraphEventWrite {
  if (!transactionId) throw new Error("a copy is created with a transactionId");
  return {
    ...fieldsToGraph(content),
    singleValueExtendedProperties: [tagProperty(tag)],
    transactionId,
  };
}

/**
 * A copy's PATCH body: only the fields given. transactionId is create-only in Graph, and the tag never
 * changes once written, so neither is sent.
 */
export function toGraphUpdate(content: Partial<EventContent>): GraphEventWrite {
  return fieldsToGraph(content);
}
