import { GraphError } from "../graph/errors.js";
import type { Attendee, EventFields, ExtendedProperty, Location } from "./model.js";
import { NEVER } from "./model.js";

/** Body properties Graph accepts on an event but that a client cannot set; they are ignored. */
const READ_ONLY = new Set([
  "@odata.type",
  "@odata.etag",
  "@odata.context",
  "id",
  "changeKey",
  "iCalUId",
  "createdDateTime",
  "lastModifiedDateTime",
  "type",
  "seriesMasterId",
  "originalStart",
  "originalStartTimeZone",
  "originalEndTimeZone",
  "organizer",
  "isOrganizer",
  "responseStatus",
  "isCancelled",
  "bodyPreview",
  "webLink",
  "hasAttachments",
  "onlineMeeting",
  "onlineMeetingUrl",
  "uid",
  "occurrenceId",
]);

const ENUMS: Record<string, { type: string; values: string[] }> = {
  importance: { type: "importance", values: ["low", "normal", "high"] },
  sensitivity: { type: "sensitivity", values: ["normal", "personal", "private", "confidential"] },
  showAs: {
    type: "freeBusyStatus",
    values: ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"],
  },
  onlineMeetingProvider: {
    type: "onlineMeetingProviderType",
    values: ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"],
  },
};

const bodyRead = (message: string) => new GraphError(400, "RequestBodyRead", message);

function unknownProperty(name: string): GraphError {
  return bodyRead(
    `The property '${name}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  );
}

function enumValue(name: string, value: unknown): string {
  const spec = ENUMS[name]!;
  const match = spec.values.find((v) => typeof value === "string" && v.toLowerCase() === value.toLowerCase());
  if (!match) {
    throw bodyRead(
      `Cannot convert the literal '${String(value)}' to the expected type 'microsoft.graph.${spec.type}'.`,
    );
  }
  return match;
}

function expect<T>(name: string, value: unknown, check: (v: unknown) => boolean): T {
  if (!check(value)) {
    throw bodyRead(`Cannot convert the value of property '${name}' to the expected type.`);
  }
  return value as T;
}

const isString = (v: unknown) => typeof v === "string";
const isBool = (v: unknown) => typeof v === "boolean";
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

export function toLocation(value: unknown): Location {
  const input = expect<Record<string, unknown>>("location", value, isObject);
  const displayName = typeof input.displayName === "string" ? input.displayName : "";
  const location: Location = {
    displayName,
    locationType: typeof input.locationType === "string" ? input.locationType : "default",
    uniqueIdType:
      typeof input.uniqueIdType === "string" ? input.uniqueIdType : displayName ? "private" : "unknown",
  };
  const uniqueId = typeof input.uniqueId === "string" ? input.uniqueId : displayName || undefined;
  if (uniqueId) location.uniqueId = uniqueId;
  if (typeof input.locationUri === "string") location.locationUri = input.locationUri;
  if (isObject(input.address)) location.address = input.address as Record<string, unknown>;
  if (isObject(input.coordinates)) location.coordinates = input.coordinates as Record<string, unknown>;
  return location;
}

/** The single `location` Exchange derives from several `locations`. */
export function locationFromList(locations: Location[]): Location {
  if (locations.length === 1) return locations[0]!;
  const displayName = locations.map((l) => l.displayName).join("; ");
  return { displayName, locationType: "default", uniqueIdType: displayName ? "private" : "unknown" };
}

export const emptyLocation = (): Location => ({
  displayName: "",
  locationType: "default",
  uniqueIdType: "unknown",
});

function toAttendee(value: unknown): Attendee {
  const input = expect<Record<string, unknown>>("attendees", value, isObject);
  const email = expect<Record<string, unknown>>("emailAddress", input.emailAddress, isObject);
  const address = expect<string>("address", email.address, isString);
  const type = typeof input.type === "string" ? input.type.toLowerCase() : "required";
  if (!["required", "optional", "resource"].includes(type)) {
    throw bodyRead(
      `Cannot convert the literal '${input.type}' to the expected type 'microsoft.graph.attendeeType'.`,
    );
  }
  return {
    type: type as Attendee["type"],
    emailAddress: { name: typeof email.name === "string" ? email.name : address, address },
    status: { response: "none", time: NEVER },
  };
}

function toBody(value: unknown): EventFields["body"] {
  const input = expect<Record<string, unknown>>("body", value, isObject);
  const contentType = String(input.contentType ?? "text").toLowerCase();
  if (contentType !== "text" && contentType !== "html") {
    throw bodyRead(
      `Cannot convert the literal '${input.contentType}' to the expected type 'microsoft.graph.bodyType'.`,
    );
  }
  return { contentType, content: typeof input.content === "string" ? input.content : "" };
}

function toDateTime(name: string, value: unknown): EventFields["start"] {
  const input = expect<Record<string, unknown>>(name, value, isObject);
  const dateTime = expect<string>(`${name}/dateTime`, input.dateTime, isString);
  const timeZone = input.timeZone === undefined || input.timeZone === null ? "UTC" : input.timeZone;
  return { dateTime, timeZone: expect<string>(`${name}/timeZone`, timeZone, isString) };
}

type FieldReader = (value: unknown) => unknown;

const FIELD_READERS: Record<keyof EventFields, FieldReader> = {
  subject: (v) => (v === null ? "" : expect<string>("subject", v, isString)),
  body: toBody,
  start: (v) => toDateTime("start", v),
  end: (v) => toDateTime("end", v),
  isAllDay: (v) => expect<boolean>("isAllDay", v, isBool),
  location: toLocation,
  locations: (v) => expect<unknown[]>("locations", v, Array.isArray).map(toLocation),
  attendees: (v) => expect<unknown[]>("attendees", v, Array.isArray).map(toAttendee),
  categories: (v) => expect<unknown[]>("categories", v, Array.isArray).map(String),
  importance: (v) => enumValue("importance", v),
  sensitivity: (v) => enumValue("sensitivity", v),
  showAs: (v) => enumValue("showAs", v),
  isReminderOn: (v) => expect<boolean>("isReminderOn", v, isBool),
  reminderMinutesBeforeStart: (v) =>
    expect<number>("reminderMinutesBeforeStart", v, (n) => Number.isInteger(n) && (n as number) >= 0),
  responseRequested: (v) => expect<boolean>("responseRequested", v, isBool),
  allowNewTimeProposals: (v) => expect<boolean>("allowNewTimeProposals", v, isBool),
  hideAttendees: (v) => expect<boolean>("hideAttendees", v, isBool),
  isOnlineMeeting: (v) => expect<boolean>("isOnlineMeeting", v, isBool),
  onlineMeetingProvider: (v) => enumValue("onlineMeetingProvider", v),
};

function toExtendedProperties(value: unknown): ExtendedProperty[] {
  return expect<unknown[]>("singleValueExtendedProperties", value, Array.isArray).map((item) => {
    const input = expect<Record<string, unknown>>("singleValueExtendedProperties", item, isObject);
    const id = expect<string>("id", input.id, isString);
    return { id, value: input.value === null || input.value === undefined ? "" : String(input.value) };
  });
}

export interface EventInput {
  fields: Partial<EventFields>;
  /** undefined: not in the body; null: removed. */
  recurrence?: unknown;
  extendedProperties?: ExtendedProperty[];
  transactionId?: string;
  isDraft?: boolean;
}

/** Reads a POST or PATCH body, rejecting unknown properties and ill-typed values as Graph does. */
export function readEventInput(body: unknown, mode: "create" | "update"): EventInput {
  if (body === undefined || body === null) {
    if (mode === "update") return { fields: {} };
    throw bodyRead("Empty Payload. JSON content expected.");
  }
  if (!isObject(body)) throw bodyRead("A JSON object is expected as the request body.");
  const input: EventInput = { fields: {} };
  const fields = input.fields as Record<string, unknown>;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name in FIELD_READERS) fields[name] = FIELD_READERS[name as keyof EventFields](value);
    else if (name === "recurrence") input.recurrence = value;
    else if (name === "singleValueExtendedProperties") input.extendedProperties = toExtendedProperties(value);
    else if (name === "transactionId" && mode === "create") {
      if (value !== null) input.transactionId = expect<string>("transactionId", value, isString);
    } else if (name === "isDraft") input.isDraft = expect<boolean>("isDraft", value, isBool);
    else if (name === "transactionId" || READ_ONLY.has(name) || name.includes("@odata.")) continue;
    else if (name === "multiValueExtendedProperties" || name === "extensions" || name === "attachments")
      continue;
    else throw unknownProperty(name);
  }
  if (input.fields.location && !input.fields.locations) {
    input.fields.locations = input.fields.location.displayName ? [input.fields.location] : [];
  } else if (input.fields.locations && !input.fields.location) {
    input.fields.location = input.fields.locations.length
      ? locationFromList(input.fields.locations)
      : emptyLocation();
  }
  return input;
}

export function defaultFields(): Omit<EventFields, "start" | "end"> {
  return {
    subject: "",
    body: { contentType: "html", content: "" },
    isAllDay: false,
    location: emptyLocation(),
    locations: [],
    attendees: [],
    categories: [],
    importance: "normal",
    sensitivity: "normal",
    showAs: "busy",
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    responseRequested: true,
    allowNewTimeProposals: true,
    hideAttendees: false,
    isOnlineMeeting: false,
    onlineMeetingProvider: "unknown",
  };
}
