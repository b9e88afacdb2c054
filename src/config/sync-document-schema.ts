import { type Static, Type } from "typebox";
import {
  ConditionsSchema,
  DEFAULTS,
  DIRECTIONS,
  MAPPINGS,
  MappingSchema,
  PoliciesSchema,
  START_MODES,
} from "./schema.js";

/**
 * A sync as the REST API reads and writes it: a config file's sync entry with connection ids instead of
 * names, its name inside, and rules that carry their mapping (a preset or { preset, fields }) since the
 * API has no `mappings:` section. Field schemas are the config file's own, so both stay equivalent.
 */

const closed = { additionalProperties: false } as const;

const SyncName = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
  description: 'unique; letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit',
});
const ConnectionId = Type.String({
  minLength: 1,
  maxLength: 100,
  description: "a connection's id (see GET /api/connections)",
});
export const MappingRefSchema = Type.Union([Type.String({ minLength: 1 }), MappingSchema], {
  description: `a preset (${MAPPINGS.join(", ")}) or a custom mapping { preset, fields }`,
});
export const SyncRuleSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: "shown as the reason of what it skips" }),
    when: ConditionsSchema,
    // biome-ignore lint/suspicious/noThenProperty: the config file's word; a schema is never awaited.
    then: Type.Union([Type.Literal("skip"), Type.Object({ mapping: MappingRefSchema }, closed)], {
      description: "skip, or { mapping: a preset or { preset, fields } }",
    }),
  },
  { ...closed, description: "when the conditions hold: skip the event, or copy it with another mapping" },
);
const WindowSchema = Type.Object(
  {
    pastDays: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3650,
        description: `events that ended more than this many days ago are not processed (default ${DEFAULTS.pastDays})`,
      }),
    ),
  },
  { ...closed, description: "which events are processed (there is no limit on the future)" },
);

const optionalFields = {
  direction: Type.Optional(
    Type.Enum(DIRECTIONS, {
      description: `which side's originals are copied (default ${DEFAULTS.direction})`,
    }),
  ),
  mapping: Type.Optional(MappingRefSchema),
  startMode: Type.Optional(
    Type.Enum(START_MODES, {
      description: `how new profiles start: only new meetings, or merge existing ones (default ${DEFAULTS.startMode})`,
    }),
  ),
  window: Type.Optional(WindowSchema),
  policies: Type.Optional(PoliciesSchema),
  rules: Type.Optional(
    Type.Array(SyncRuleSchema, {
      maxItems: 200,
      description: "tried in order; the first that holds decides",
    }),
  ),
};

export const NewSyncBody = Type.Object(
  { name: SyncName, connectionA: ConnectionId, connectionB: ConnectionId, ...optionalFields },
  { ...closed, description: "a new sync; omitted fields take the config file's defaults" },
);

export const SyncPatchBody = Type.Object(
  {
    name: Type.Optional(SyncName),
    connectionA: Type.Optional(ConnectionId),
    connectionB: Type.Optional(ConnectionId),
    ...optionalFields,
  },
  {
    ...closed,
    description:
      "the fields to change; policies and window are merged key by key, every other field is replaced",
  },
);

const ProfileCounts = Type.Object(
  {
    total: Type.Integer(),
    draft: Type.Integer(),
    active: Type.Integer(),
    paused: Type.Integer(),
    error: Type.Integer(),
    needs_confirmation: Type.Integer(),
  },
  { description: "the sync's profiles, by status" },
);

export const SyncView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  connectionA: Type.String({ description: "connection id of side A" }),
  connectionB: Type.String({ description: "connection id of side B" }),
  direction: Type.Enum(DIRECTIONS),
  mapping: MappingRefSchema,
  startMode: Type.Enum(START_MODES),
  window: Type.Object({ pastDays: Type.Integer() }),
  policies: Type.Object({
    copyReminders: Type.Boolean(),
    massDeletionShare: Type.Number(),
    massDeletionMinimum: Type.Integer(),
    emptySideGuard: Type.Boolean(),
  }),
  rules: Type.Array(SyncRuleSchema),
  profiles: ProfileCounts,
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});

export type NewSyncInput = Static<typeof NewSyncBody>;
export type SyncPatch = Static<typeof SyncPatchBody>;
export type SyncViewData = Static<typeof SyncView>;
export type ProfileCountsData = Static<typeof ProfileCounts>;
