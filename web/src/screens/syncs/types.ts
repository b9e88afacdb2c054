import type { Answer, RequestBody } from "../../api/types";

/** A sync as the API answers it, and the pieces of its document the editor works on. */
export type SyncInfo = Answer<"/api/syncs", "get">["syncs"][number];
export type NewSync = RequestBody<"/api/syncs", "post">;
export type SyncPatch = RequestBody<"/api/syncs/{id}", "patch">;
export type Direction = SyncInfo["direction"];
export type StartMode = SyncInfo["startMode"];
/** A preset's name, or a custom mapping { preset, fields }. */
export type MappingRef = SyncInfo["mapping"];
export type CustomMapping = Exclude<MappingRef, string>;
export type Preset = CustomMapping["preset"];
export type MappingFields = NonNullable<CustomMapping["fields"]>;
export type MappedField = keyof MappingFields;
export type Rule = SyncInfo["rules"][number];
export type Conditions = Rule["when"];
export type RuleThen = Rule["then"];

export type PreviewRequest = RequestBody<"/api/syncs/preview-copy", "post">;
export type Preview = Answer<"/api/syncs/preview-copy", "post">;
export type PastedEvent = Extract<PreviewRequest["event"], { pasted: unknown }>["pasted"];
export type EventRef = Exclude<PreviewRequest["event"], { pasted: unknown }>;
export type Side = EventRef["side"];
export type SyncEvent = Answer<"/api/syncs/{id}/events", "get">["events"][number];
export type SyncEventsPage = Answer<"/api/syncs/{id}/events", "get">;
export type EventView = Preview["source"];
export type CopyView = NonNullable<Preview["copy"]>;
export type ShowAs = EventView["showAs"];
export type Sensitivity = EventView["sensitivity"];
export type Importance = EventView["importance"];
export type ResponseValue = EventView["response"];
export type ZonedTime = EventView["start"];
