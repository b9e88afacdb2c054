import type { Importance, Response, Sensitivity, ShowAs } from "../event.js";

/** The event model's closed vocabularies as lists, for specs, config schemas and their messages. */

export const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;
export const SENSITIVITIES = ["normal", "personal", "private", "confidential"] as const;
export const IMPORTANCES = ["low", "normal", "high"] as const;
export const RESPONSES = [
  "none",
  "organizer",
  "tentativelyAccepted",
  "accepted",
  "declined",
  "notResponded",
] as const;

// Each list must name exactly its type's values: adding one to event.ts without adding it here fails here.
type Exactly<List extends readonly string[], Union extends string> = [Union] extends [List[number]]
  ? [List[number]] extends [Union]
    ? true
    : never
  : never;
const exact: [
  Exactly<typeof SHOW_AS, ShowAs>,
  Exactly<typeof SENSITIVITIES, Sensitivity>,
  Exactly<typeof IMPORTANCES, Importance>,
  Exactly<typeof RESPONSES, Response>,
] = [true, true, true, true];
void exact;
