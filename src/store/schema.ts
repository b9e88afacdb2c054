import type { Generated, Selectable } from "kysely";
import type { AdminTables } from "./admin-schema.js";
import type { ConnectionsTable } from "./connections.js";

/**
 * The store's tables as Kysely sees them. Columns are snake_case in SQL and camelCase here: the
 * CamelCasePlugin installed by `openDatabase` translates. Timestamps are ISO-8601 UTC text with
 * milliseconds (see timestamps.ts), so they compare correctly as text in both dialects.
 */

export type Side = "A" | "B";

// Each closed set once, as a list (for schemas and checks) with its type derived from it. The migrations
// keep their own copies on purpose: a migration is never edited after it lands.

export const PROFILE_STATUSES = ["draft", "active", "paused", "error", "needs_confirmation"] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];
/** only_new: what exists at the start is a baseline, not copied; merge: everything in the window is. */
export const START_MODES = ["only_new", "merge"] as const;
export type StartMode = (typeof START_MODES)[number];
/** How a profile came to be: by hand (API), a CSV import or pasted lines, a group binding, a config file. */
export const PROFILE_SOURCES = ["manual", "import", "group", "config"] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];
/** Whether both mailboxes were found in their tenants, readable by the connection (migration 007). */
export const MAILBOX_CHECKS = ["unverified", "verified", "invalid"] as const;
export type MailboxCheck = (typeof MAILBOX_CHECKS)[number];
export type LinkKind = "single" | "series" | "occurrence" | "exception";
export const RUN_OUTCOMES = ["ok", "failed", "needs_confirmation", "skipped"] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];
export const DECISION_ACTIONS = [
  "create",
  "update",
  "delete",
  "link",
  "unlink",
  "tombstone",
  "baseline",
  "skip",
  "restore",
] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** ISO-8601 UTC with milliseconds, e.g. "2025-03-01T09:00:00.000Z". */
export type Timestamp = string;

export interface ProfilesTable {
  id: string;
  sync: string;
  name: string;
  mailboxA: string;
  mailboxB: string;
  status: ProfileStatus;
  statusReason: string | null;
  startMode: StartMode;
  baselineTakenAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  source: Generated<ProfileSource>;
  /** The group binding that keeps this profile (source "group"). */
  bindingId: string | null;
  mailboxCheck: Generated<MailboxCheck>;
  /** Why the check failed, naming the mailbox (null when verified or unverified). */
  mailboxCheckReason: string | null;
  mailboxCheckedAt: Timestamp | null;
}

/** A sync entered through the API or `crosscal apply` (migration 007); `settings` is SyncSettings as JSON. */
export interface SyncsTable {
  id: string;
  name: string;
  /** Connection ids (connections.id). */
  connectionA: string;
  connectionB: string;
  startMode: StartMode;
  settings: string;
  /** What a config file last wrote into the row (see config/drift.ts); null: never a config file. */
  appliedHash: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type GroupMatch = "local-part" | "display-name" | "attribute";

/** A group in each tenant whose matched members are the sync's profiles (migration 007). */
export interface GroupBindingsTable {
  id: string;
  syncId: string;
  /** Group object ids in connection A's and B's tenant. */
  groupA: string;
  groupB: string;
  matchBy: GroupMatch;
  /** The user property compared when matchBy is "attribute" (e.g. employeeId). */
  matchAttribute: string | null;
  refreshMinutes: number;
  /** New matched profiles start in this mode; null leaves them as drafts. */
  autoStart: StartMode | null;
  lastRefreshedAt: Timestamp | null;
  /** JSON of the last refresh's report (matched, created, paused, unmatched members). */
  lastReport: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** An admin-consent request on its way through Entra ID (migration 007). */
export interface ConsentRequestsTable {
  /** SHA-256 (hex) of the `state` sent to Entra ID. */
  stateHash: string;
  /** The connection the callback creates. */
  connectionName: string;
  tenant: string | null;
  actor: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

export interface CursorsTable {
  profileId: string;
  side: Side;
  windowStart: Timestamp;
  windowEnd: Timestamp;
  cursor: string;
  /** Fingerprint of the sync settings the run that saved the cursor planned with (null: saved before 002). */
  settingsHash: string | null;
  updatedAt: Timestamp;
}

export interface LinksTable {
  profileId: string;
  sourceSide: Side;
  sourceId: string;
  copyId: string;
  /** 1: crosscal wrote the copy; 0: the other mailbox already held the same meeting (merge). */
  owned: number;
  icalUid: string | null;
  kind: LinkKind;
  seriesSourceId: string | null;
  originalStart: Timestamp | null;
  sourceVersion: string;
  copyVersion: string;
  contentHash: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface TombstonesTable {
  profileId: string;
  sourceSide: Side;
  sourceId: string;
  reason: string;
  icalUid: string | null;
  createdAt: Timestamp;
}

export interface RunsTable {
  id: string;
  profileId: string;
  trigger: string;
  startedAt: Timestamp;
  finishedAt: Timestamp | null;
  outcome: RunOutcome | null;
  /** JSON text of RunCounts. */
  counts: string;
  error: string | null;
  /** Milliseconds from the change notification a run answered to its end (migration 010); null otherwise. */
  lagMs: Generated<number | null>;
}

export interface DecisionsTable {
  id: string;
  runId: string;
  profileId: string;
  /** Position within its run, so a run's decisions read back in the order they were made. */
  seq: number;
  side: Side;
  sourceId: string;
  copyId: string | null;
  action: DecisionAction;
  reason: string;
  subjectHint: string | null;
  at: Timestamp;
}

export interface ProfileLeasesTable {
  profileId: string;
  owner: string;
  acquiredAt: Timestamp;
  expiresAt: Timestamp;
}

/** A Graph subscription to one mailbox's events, made with one connection (migration 003). */
export interface SubscriptionsTable {
  connection: string;
  /** Lower-case (see normaliseMailbox). */
  mailbox: string;
  subscriptionId: string;
  /** SHA-256 (hex) of the clientState Graph echoes in every notification of this subscription. */
  clientStateHash: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  renewedAt: Timestamp | null;
}

export const JOB_KINDS = ["profile_action", "apply_sync"] as const;
/** profile_action: an admin's action on a selection of profiles; apply_sync: runs of a sync's active profiles. */
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ["queued", "running", "done", "cancelled", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A background job of the admin's (migration 010); see store/jobs.ts. */
export interface JobsTable {
  id: string;
  kind: JobKind;
  /** A profile action (start, pause...) for profile_action; "run" for apply_sync. */
  action: string;
  /** JSON: what was asked besides the ids (a filter, a start mode, a pause reason, the sync). */
  parameters: string;
  /** JSON array of the profile ids the job works through, in order (a filter's matches at creation). */
  profileIds: string;
  total: number;
  /** Profiles processed so far, failed ones included: the job resumes from here. */
  done: Generated<number>;
  failed: Generated<number>;
  /** JSON array of the first failures: { id, code, message }. */
  failures: Generated<string>;
  status: JobStatus;
  /** Why the job itself failed (not one profile: the store or a bug). */
  error: string | null;
  cancelRequested: Generated<number>;
  /** The serve process working through it, while its lease lasts. */
  owner: string | null;
  leaseExpiresAt: Timestamp | null;
  createdBy: string;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  updatedAt: Timestamp;
}

/** Graph requests and 429 answers of one connection in one minute ("2025-03-01T09:00"), all processes added. */
export interface GraphUsageTable {
  connectionId: string;
  minute: string;
  requests: number;
  throttled: number;
}

export interface Database extends AdminTables {
  profiles: ProfilesTable;
  cursors: CursorsTable;
  links: LinksTable;
  tombstones: TombstonesTable;
  runs: RunsTable;
  decisions: DecisionsTable;
  profileLeases: ProfileLeasesTable;
  subscriptions: SubscriptionsTable;
  connections: ConnectionsTable;
  syncs: SyncsTable;
  groupBindings: GroupBindingsTable;
  consentRequests: ConsentRequestsTable;
  jobs: JobsTable;
  graphUsage: GraphUsageTable;
}

export type ProfileRow = Selectable<ProfilesTable>;
export type CursorRow = Selectable<CursorsTable>;
export type LinkRow = Selectable<LinksTable>;
export type TombstoneRow = Selectable<TombstonesTable>;
export type RunRow = Selectable<RunsTable>;
export type DecisionRow = Selectable<DecisionsTable>;
export type LeaseRow = Selectable<ProfileLeasesTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type SyncRow = Selectable<SyncsTable>;
export type GroupBindingRow = Selectable<GroupBindingsTable>;
export type ConsentRequestRow = Selectable<ConsentRequestsTable>;
export type JobRow = Selectable<JobsTable>;
