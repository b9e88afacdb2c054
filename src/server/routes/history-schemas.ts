import { Type } from "typebox";
import { DECISION_ACTIONS, RUN_OUTCOMES } from "../../store/schema.js";

/** The history API's shapes: what runs and decisions look like on the wire, and the filters it takes. */

const DateTime = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Side = Type.Union([Type.Literal("A"), Type.Literal("B")]);

export const ProfileRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sync: Type.String({ description: "the sync's id" }),
  syncName: Type.String(),
});

const Counts = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  deleted: Type.Integer(),
  skipped: Type.Integer(),
  linked: Type.Integer(),
  tombstoned: Type.Integer(),
});

export const Run = Type.Object({
  id: Type.String(),
  profile: ProfileRef,
  trigger: Type.String({ description: "what started it: manual, schedule, notification, start…" }),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  outcome: Nullable(
    Type.Union(
      RUN_OUTCOMES.map((outcome) => Type.Literal(outcome)),
      { description: "null while the run is in progress" },
    ),
  ),
  counts: Counts,
  error: Nullable(Type.String()),
});

export const Decision = Type.Object({
  id: Type.String(),
  runId: Type.String(),
  profile: ProfileRef,
  seq: Type.Integer({ description: "its place among its run's decisions" }),
  at: DateTime,
  side: Type.Union([Side], { description: "the original's mailbox (for a skip: the skipped event's)" }),
  sourceId: Type.String({ description: "the original's event id (for a skip: the skipped event's)" }),
  copyId: Nullable(Type.String({ description: "the copy's (or the twin's) event id in the other mailbox" })),
  action: Type.Union(DECISION_ACTIONS.map((action) => Type.Literal(action))),
  reason: Type.String({ description: "e.g. new original, original-changed, rules: <rule name>" }),
  subjectHint: Nullable(Type.String()),
});

export const Link = Type.Object({
  sourceSide: Side,
  sourceId: Type.String({ description: "the original's event id" }),
  copySide: Side,
  copyId: Type.String(),
  owned: Type.Boolean({ description: "true: crosscal wrote the copy; false: a twin the other mailbox held" }),
  kind: Type.String({ description: "single, series, occurrence or exception" }),
  icalUid: Nullable(Type.String()),
  sourceVersion: Type.String({ description: "the original's change key last mirrored" }),
  copyVersion: Type.String({ description: "the copy's change key after crosscal's last write" }),
  createdAt: DateTime,
  updatedAt: Type.Union([DateTime], { description: "when crosscal last wrote the link" }),
});

export const Tombstone = Type.Object({
  sourceSide: Side,
  sourceId: Type.String(),
  reason: Type.String({ description: "copy-deleted, counterpart-deleted or baseline" }),
  createdAt: DateTime,
});

const Limit = (fallback: number, maximum: number) => Type.Integer({ minimum: 1, maximum, default: fallback });
const Cursor = Type.Optional(Type.String({ description: "nextCursor of the previous page" }));

const ProfileFilters = {
  sync: Type.Optional(Type.String({ minLength: 1, description: "a sync's name" })),
  profile: Type.Optional(
    Type.String({ minLength: 1, description: "a profile's id, or its name (with sync: within that sync)" }),
  ),
};

const TimeRange = (what: string) => ({
  since: Type.Optional(Type.String({ format: "date-time", description: `${what} at or after this instant` })),
  until: Type.Optional(
    Type.String({ format: "date-time", description: `${what} strictly before this instant` }),
  ),
});

const RunFilters = {
  ...ProfileFilters,
  outcome: Type.Optional(
    Type.Union(
      [...RUN_OUTCOMES, "running" as const].map((outcome) => Type.Literal(outcome)),
      { description: "running: not finished yet" },
    ),
  ),
  trigger: Type.Optional(Type.String({ minLength: 1 })),
  ...TimeRange("runs started"),
};

export const RunsQuery = Type.Object({ ...RunFilters, limit: Limit(50, 200), cursor: Cursor });
/** Every run the filters match, as one CSV file. */
export const RunsCsvQuery = Type.Object(RunFilters);

export const RunQuery = Type.Object({ limit: Limit(100, 500), cursor: Cursor });

const DecisionFilters = {
  ...ProfileFilters,
  event: Type.Optional(
    Type.String({ minLength: 1, description: "an event id, original or copy, either mailbox" }),
  ),
  action: Type.Optional(
    Type.Array(Type.Union(DECISION_ACTIONS.map((action) => Type.Literal(action))), {
      description: "one or more (repeat the parameter)",
    }),
  ),
  ...TimeRange("decisions made"),
};

export const DecisionsQuery = Type.Object({ ...DecisionFilters, limit: Limit(50, 200), cursor: Cursor });
/** Every decision the filters match, as one CSV file. */
export const DecisionsCsvQuery = Type.Object(DecisionFilters);

export const CsvFile = Type.String({
  description:
    "CSV, UTF-8 with a byte order mark, a header row; cells that would start a formula begin with '",
});

export const WhyQuery = Type.Object({
  profile: Type.String({
    minLength: 1,
    description: "the profile's id, or its name (with sync if ambiguous)",
  }),
  sync: Type.Optional(Type.String({ minLength: 1 })),
  limit: Limit(20, 200),
});

const NextCursor = Type.Union([Type.String(), Type.Null()], { description: "null on the last page" });

export const RunsPage = Type.Object({ runs: Type.Array(Run), nextCursor: NextCursor });
export const DecisionsPage = Type.Object({ decisions: Type.Array(Decision), nextCursor: NextCursor });
export const RunWithDecisions = Type.Object({
  run: Run,
  decisions: Type.Array(Decision, { description: "in the order the run made them" }),
  nextCursor: NextCursor,
});

export const Why = Type.Object({
  eventId: Type.String(),
  profile: ProfileRef,
  role: Type.Union([Type.Literal("original"), Type.Literal("copy")], {
    description: "what this id is: an original, or a copy crosscal wrote (or the twin it linked)",
  }),
  explanation: Type.String({ description: "one line in plain language" }),
  link: Nullable(Link),
  tombstone: Nullable(Tombstone),
  decisions: Type.Array(Decision, { description: "newest first" }),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: "more decisions: GET /api/decisions?profile=<id>&event=<eventId>&cursor=<this>",
  }),
});
