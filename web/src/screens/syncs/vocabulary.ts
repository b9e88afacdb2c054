import type { Direction, Importance, MappedField, Preset, ResponseValue, Sensitivity, ShowAs } from "./types";

/** The API's closed vocabularies in the dashboard's words (values are sent as they are). */

export const SHOW_AS: Record<ShowAs, string> = {
  free: "Free",
  tentative: "Tentative",
  busy: "Busy",
  oof: "Away (out of office)",
  workingElsewhere: "Working elsewhere",
  unknown: "Unknown",
};

export const SENSITIVITY: Record<Sensitivity, string> = {
  normal: "Normal",
  personal: "Personal",
  private: "Private",
  confidential: "Confidential",
};

export const IMPORTANCE: Record<Importance, string> = { low: "Low", normal: "Normal", high: "High" };

export const RESPONSE: Record<ResponseValue, string> = {
  accepted: "Accepted",
  tentativelyAccepted: "Tentatively accepted",
  declined: "Declined",
  notResponded: "Not responded",
  organizer: "Organizer",
  none: "None",
};

export const PRESETS: Record<Preset, { label: string; description: string }> = {
  "full-details": {
    label: "Full details",
    description:
      "Subject, location, body, show-as, privacy, importance and categories; the attendees are listed in the body (a copy never invites anyone).",
  },
  busy: {
    label: "Busy",
    description: "Only the time, show-as and privacy, titled “Busy”: the other side sees when, nothing else.",
  },
};

export const DIRECTIONS: Record<Direction, string> = {
  "two-way": "Two-way: A's meetings to B and B's to A",
  "a-to-b": "A → B only",
  "b-to-a": "B → A only",
};

/** Fields of a copy a mapping decides: src/core/mapping/custom.ts MAPPED_FIELDS, in its order. */
export const MAPPED_FIELDS: readonly MappedField[] = [
  "subject",
  "body",
  "location",
  "showAs",
  "sensitivity",
  "importance",
  "categories",
  "reminder",
];

/** The text fields a template can fill. */
export const TEMPLATE_FIELDS: readonly MappedField[] = ["subject", "body", "location"];

export const FIELD_LABELS: Record<MappedField, string> = {
  subject: "Subject",
  body: "Body",
  location: "Location",
  showAs: "Show as",
  sensitivity: "Privacy",
  importance: "Importance",
  categories: "Categories",
  reminder: "Reminder",
};

/** What each preset makes of each field, for "as the preset". */
export const PRESET_FIELDS: Record<Preset, Record<MappedField, string>> = {
  "full-details": {
    subject: "the original's",
    body: "the original's, with organizer, attendees and join link",
    location: "the original's",
    showAs: "the original's",
    sensitivity: "the original's",
    importance: "the original's",
    categories: "the original's",
    reminder: "off (unless the policy copies reminders)",
  },
  busy: {
    subject: "“Busy”",
    body: "empty",
    location: "empty",
    showAs: "the original's",
    sensitivity: "the original's",
    importance: "normal",
    categories: "none",
    reminder: "off (unless the policy copies reminders)",
  },
};

/** Placeholders a template may use ({body} in the body only): docs/config.md. */
export const PLACEHOLDERS =
  "{subject} {location} {start} {end} {organizer} {organizer.name} {organizer.address} {attendees} {showAs} {sensitivity} {importance} {categories} {response} {joinUrl}, and {body} in the body";
