import { Type } from "typebox";
import { MAX_NAME_LENGTH } from "../../profiles/profile-lines.js";
import { PROFILE_SORTS, type ProfileView } from "../../store/profile-views.js";
import {
  MAILBOX_CHECKS,
  PROFILE_SOURCES,
  PROFILE_STATUSES,
  RUN_OUTCOMES,
  START_MODES,
} from "../../store/schema.js";
import { ErrorResponse } from "../errors.js";
import { PlainText } from "./schemas.js";

/** The profiles API's shapes: a profile with its counts, the inputs, and an import's report. */

const DateTime = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    description ? { description } : {},
  );

/** Bulk inputs are limited in rows (MAX_IMPORT_ROWS); the import route's body limit bounds their bytes. */
export const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

export const Profile = Type.Object({
  id: Type.String(),
  sync: Type.String({ description: "the sync's id" }),
  name: Type.String(),
  mailboxA: Type.String(),
  mailboxB: Type.String(),
  status: literals(PROFILE_STATUSES),
  statusReason: Nullable(Type.String({ description: "why it is in error, paused or needs confirmation" })),
  startMode: literals(START_MODES),
  source: literals(PROFILE_SOURCES, "how it was added: by hand, an import, a group binding, a config file"),
  bindingId: Nullable(Type.String({ description: "the group binding that keeps it" })),
  mailboxCheck: Type.Object({
    status: literals(MAILBOX_CHECKS, "both mailboxes found in their tenants and readable: verified"),
    reason: Nullable(Type.String({ description: "why not, naming the mailbox" })),
    checkedAt: Nullable(DateTime),
  }),
  counts: Type.Object({
    copiesAToB: Type.Integer({ description: "copies written in B of originals in A" }),
    copiesBToA: Type.Integer({ description: "copies written in A of originals in B" }),
    linked: Type.Integer({ description: "meetings found in both mailboxes and linked instead of copied" }),
    lastRun: Nullable(
      Type.Object({
        startedAt: DateTime,
        finishedAt: Nullable(DateTime),
        outcome: Nullable(literals(RUN_OUTCOMES, "null while it runs")),
      }),
    ),
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const profileOut = (view: ProfileView) => ({
  id: view.id,
  sync: view.sync,
  name: view.name,
  mailboxA: view.mailboxA,
  mailboxB: view.mailboxB,
  status: view.status,
  statusReason: view.statusReason,
  startMode: view.startMode,
  source: view.source,
  bindingId: view.bindingId,
  mailboxCheck: {
    status: view.mailboxCheck,
    reason: view.mailboxCheckReason,
    checkedAt: view.mailboxCheckedAt,
  },
  counts: view.counts,
  createdAt: view.createdAt,
  updatedAt: view.updatedAt,
});

export const SyncParams = Type.Object({ syncId: Type.String({ minLength: 1, maxLength: 100 }) });
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

const listFilters = {
  status: Type.Optional(literals(PROFILE_STATUSES)),
  source: Type.Optional(literals(PROFILE_SOURCES)),
  mailboxCheck: Type.Optional(literals(MAILBOX_CHECKS)),
  search: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "part of the name or of either address" }),
  ),
  sort: Type.Optional(
    literals(PROFILE_SORTS, "name (default), status, sync (its name), lastRun (its start), createdAt"),
  ),
  order: Type.Optional(literals(["asc", "desc"], "asc (default) or desc; ties by name, then id")),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  cursor: Type.Optional(
    Type.String({ description: "nextCursor of the previous page (same filters and sort)" }),
  ),
};

/** A sync's profiles (the sync is in the path). */
export const ProfilesQuery = Type.Object(listFilters);

/** Every sync's profiles, or one sync's. */
export const AllProfilesQuery = Type.Object({
  sync: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "a sync's id" })),
  ...listFilters,
});

export const ProfilesPage = Type.Object({
  profiles: Type.Array(Profile),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: "null on the last page" }),
  total: Type.Integer({ description: "how many profiles the filters match, on every page" }),
});

const Name = PlainText({ maxLength: MAX_NAME_LENGTH, description: "the person's name" });
const Address = Type.String({ minLength: 3, maxLength: 254, description: "the mailbox's address (UPN)" });

export const NewProfileBody = Type.Object(
  {
    name: Name,
    mailboxA: Type.Union([Address], { description: "the mailbox in connection A's tenant" }),
    mailboxB: Type.Union([Address], { description: "the mailbox in connection B's tenant" }),
    startMode: Type.Optional(literals(START_MODES, "default: the sync's start mode")),
  },
  { additionalProperties: false },
);

export const ProfilePatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    mailboxA: Type.Optional(Type.Union([Address], { description: "only while the profile is a draft" })),
    mailboxB: Type.Optional(Type.Union([Address], { description: "only while the profile is a draft" })),
    startMode: Type.Optional(literals(START_MODES)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ImportBody = Type.Object(
  {
    csv: Type.Optional(
      Type.String({ description: "a CSV file's text: header name,email_a,email_b (any order), then rows" }),
    ),
    csvBase64: Type.Optional(
      Type.String({ description: "the CSV file's bytes, base64: the file must be UTF-8 (BOM allowed)" }),
    ),
    lines: Type.Optional(
      Type.String({ description: 'pasted lines: "name, email_a, email_b" or "email_a email_b" per line' }),
    ),
  },
  { additionalProperties: false, description: "exactly one of csv, csvBase64, lines" },
);

export const ImportQuery = Type.Object({
  dryRun: Type.Boolean({ default: false, description: "report what would happen, write nothing" }),
});

const Problem = Type.Object({
  field: literals(["name", "mailboxA", "mailboxB", "row"]),
  code: Type.String({ description: "missing, not_an_email, duplicate, mailbox_in_use, mailbox_not_found…" }),
  message: Type.String(),
});

const ImportCounts = {
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  invalid: Type.Integer(),
};

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  written: Type.Boolean({ description: "whether the import changed the store (never partly)" }),
  totals: Type.Object(ImportCounts, {
    description: "what was written: created and updated are 0 on a dry run or a refused import",
  }),
  planned: Type.Object(ImportCounts, { description: "what the import does, or would do, row by row" }),
  problem: Nullable(
    Type.Object(
      {
        code: literals(["wrong_encoding", "csv_header", "csv_syntax", "empty"]),
        message: Type.String(),
        row: Type.Optional(Type.Integer()),
      },
      { description: "a problem with the input as a whole (then rows is empty)" },
    ),
  ),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer({ description: "the line the row starts on (a CSV's header is line 1)" }),
      name: Type.String(),
      mailboxA: Type.String(),
      mailboxB: Type.String(),
      outcome: literals(["created", "updated", "unchanged", "invalid"]),
      profileId: Nullable(Type.String()),
      problems: Type.Array(Problem),
    }),
  ),
});

export const ImportRejected = Type.Object(
  { error: ErrorResponse.properties.error, report: ImportReport },
  { description: "nothing was written: the report says which rows (or what in the input) to fix" },
);

export const MailboxVerdictOut = Type.Object({
  mailbox: Type.String(),
  status: literals(["verified", "not_found", "out_of_scope", "connection_failed", "unreachable", "error"]),
  reason: Type.String(),
});

export const MailboxCheckBody = Type.Object(
  {
    side: literals(["A", "B"], "the mailbox in connection A's tenant, or in connection B's"),
    mailbox: Type.String({ minLength: 1, maxLength: 254, description: "the address, as typed" }),
  },
  { additionalProperties: false },
);

export const MailboxCheckAnswer = Type.Object({
  side: literals(["A", "B"]),
  mailbox: Type.String({ description: "as a profile would store it (trimmed, lower case)" }),
  status: MailboxVerdictOut.properties.status,
  reason: Type.String({ description: "a sentence naming the mailbox and the tenant" }),
  inUse: Nullable(
    Type.Object(
      { profileId: Type.String(), name: Type.String(), partner: Type.String() },
      { description: "the profile of this sync that already syncs this mailbox, with its partner" },
    ),
  ),
});

export const VerifiedProfile = Type.Object({
  profile: Profile,
  mailboxes: Type.Object({ A: MailboxVerdictOut, B: MailboxVerdictOut }),
});
