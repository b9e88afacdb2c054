import { randomUUID } from "node:crypto";
import { fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { MailboxCheck, ProfileRow, ProfileSource, ProfileStatus, StartMode } from "./schema.js";
import { type Instant, toTimestamp } from "./timestamps.js";

export type Profile = ProfileRow;

export interface NewProfile {
  /** Defaults to a random UUID. */
  id?: string;
  sync: string;
  name: string;
  mailboxA: string;
  mailboxB: string;
  startMode: StartMode;
  /** Defaults to draft: a profile syncs only once started. */
  status?: ProfileStatus;
  /** Defaults to manual. */
  source?: ProfileSource;
  bindingId?: string | null;
}

const findProfileByIdQuery = fixedQuery((db: Store, p: { id: string }) =>
  db.selectFrom("profiles").selectAll().where("id", "=", p.id),
);

const updateStatusQuery = fixedQuery(
  (db: Store, p: { id: string; status: ProfileStatus; statusReason: string | null; updatedAt: string }) =>
    db
      .updateTable("profiles")
      .set({ status: p.status, statusReason: p.statusReason, updatedAt: p.updatedAt })
      .where("id", "=", p.id),
);

const setBaselineQuery = fixedQuery(
  (db: Store, p: { id: string; baselineTakenAt: string | null; updatedAt: string }) =>
    db
      .updateTable("profiles")
      .set({ baselineTakenAt: p.baselineTakenAt, updatedAt: p.updatedAt })
      .where("id", "=", p.id),
);

/** A new profile's row: no run yet, no baseline; its mailbox check as given (never checked by default). */
function profileRow(profile: NewProfile, at: string, check?: MailboxCheckResult): Profile {
  return {
    id: profile.id ?? randomUUID(),
    sync: profile.sync,
    name: profile.name,
    mailboxA: profile.mailboxA,
    mailboxB: profile.mailboxB,
    status: profile.status ?? "draft",
    statusReason: null,
    startMode: profile.startMode,
    baselineTakenAt: null,
    createdAt: at,
    updatedAt: at,
    source: profile.source ?? "manual",
    bindingId: profile.bindingId ?? null,
    mailboxCheck: check?.check ?? "unverified",
    mailboxCheckReason: check?.reason ?? null,
    mailboxCheckedAt: check ? at : null,
  };
}

export async function insertProfile(db: Store, profile: NewProfile, now: Instant): Promise<Profile> {
  const row = profileRow(profile, toTimestamp(now));
  await insertUnique(`profile ${profile.mailboxA} / ${profile.mailboxB} in sync ${profile.sync}`, () =>
    db.insertInto("profiles").values(row).execute(),
  );
  return row;
}

export async function findProfileById(db: Store, id: string): Promise<Profile | undefined> {
  const [profile] = await findProfileByIdQuery.rows(db, { id });
  return profile;
}

export async function findProfileByMailboxes(
  db: Store,
  sync: string,
  mailboxA: string,
  mailboxB: string,
): Promise<Profile | undefined> {
  return db
    .selectFrom("profiles")
    .selectAll()
    .where("sync", "=", sync)
    .where("mailboxA", "=", mailboxA)
    .where("mailboxB", "=", mailboxB)
    .executeTakeFirst();
}

/** The sync's profile that holds `mailbox` (stored form: lower case) on one side, if any. */
export async function findProfileByMailbox(
  db: Store,
  sync: string,
  side: "A" | "B",
  mailbox: string,
): Promise<Profile | undefined> {
  return db
    .selectFrom("profiles")
    .selectAll()
    .where("sync", "=", sync)
    .where(side === "A" ? "mailboxA" : "mailboxB", "=", mailbox)
    .executeTakeFirst();
}

export interface ProfileFilter {
  sync?: string;
  status?: ProfileStatus;
}

/** Profiles ordered by sync and name, optionally only one sync's or those in one status. */
export async function listProfiles(db: Store, filter: ProfileFilter = {}): Promise<Profile[]> {
  let query = db.selectFrom("profiles").selectAll();
  if (filter.sync !== undefined) query = query.where("sync", "=", filter.sync);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  return query.orderBy("sync").orderBy("name").orderBy("id").execute();
}

/** Sets the status and why (null clears the reason). Returns false if no such profile. */
export async function updateProfileStatus(
  db: Store,
  id: string,
  status: ProfileStatus,
  reason: string | null,
  now: Instant,
): Promise<boolean> {
  const updated = await updateStatusQuery.affected(db, {
    id,
    status,
    statusReason: reason,
    updatedAt: toTimestamp(now),
  });
  return updated > 0n;
}

export interface ProfileDetails {
  name?: string;
  startMode?: StartMode;
}

/**
 * Profiles the command line stored under a sync's name, before that sync had a row of its own, now name
 * the row (migration 009 did the same for syncs that existed then).
 */
export async function adoptProfilesOfSyncName(db: Store, name: string, syncId: string): Promise<void> {
  await db.updateTable("profiles").set({ sync: syncId }).where("sync", "=", name).execute();
}

/** Renames a profile or changes its start mode. Returns false if no such profile. */
export async function updateProfileDetails(
  db: Store,
  id: string,
  details: ProfileDetails,
  now: Instant,
): Promise<boolean> {
  const result = await db
    .updateTable("profiles")
    .set({ ...details, updatedAt: toTimestamp(now) })
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records when the only-new baseline was taken (null: none yet, e.g. after a resync). */
export async function setProfileBaseline(
  db: Store,
  id: string,
  takenAt: Instant | null,
  now: Instant,
): Promise<boolean> {
  const updated = await setBaselineQuery.affected(db, {
    id,
    baselineTakenAt: takenAt === null ? null : toTimestamp(takenAt),
    updatedAt: toTimestamp(now),
  });
  return updated > 0n;
}

/** Deletes a profile with all its state and history (cursors, links, tombstones, runs, decisions, lease). */
export async function deleteProfile(db: Store, id: string): Promise<boolean> {
  const result = await db.deleteFrom("profiles").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The outcome of checking a profile's two mailboxes against their tenants (reason: why not, or null). */
export interface MailboxCheckResult {
  check: MailboxCheck;
  reason: string | null;
}

/** Records a mailbox check. Returns false if no such profile. */
export async function setMailboxCheck(
  db: Store,
  id: string,
  result: MailboxCheckResult,
  now: Instant,
): Promise<boolean> {
  const at = toTimestamp(now);
  const updated = await db
    .updateTable("profiles")
    .set({
      mailboxCheck: result.check,
      mailboxCheckReason: result.reason,
      mailboxCheckedAt: at,
      updatedAt: at,
    })
    .where("id", "=", id)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** A new profile whose mailboxes were already checked (one added by hand, or an import's row). */
export interface CheckedProfile extends NewProfile {
  id: string;
  mailboxCheck: MailboxCheckResult;
}

/** Rows per INSERT of `insertCheckedProfiles`: well under SQLite's 32,766 bound parameters at 16 columns. */
export const PROFILE_INSERT_BATCH = 500;

/**
 * Inserts profiles in one statement (at most PROFILE_INSERT_BATCH; callers split larger sets inside one
 * transaction). A pair of mailboxes already in the sync is a StoreConflictError.
 */
export async function insertCheckedProfiles(
  db: Store,
  profiles: readonly CheckedProfile[],
  now: Instant,
): Promise<Profile[]> {
  if (profiles.length > PROFILE_INSERT_BATCH)
    throw new RangeError(`at most ${PROFILE_INSERT_BATCH} profiles per insert, got ${profiles.length}`);
  if (profiles.length === 0) return [];
  const at = toTimestamp(now);
  const rows = profiles.map((profile) => profileRow(profile, at, profile.mailboxCheck));
  const first = profiles[0]!;
  const what =
    profiles.length === 1 ? `profile ${first.mailboxA} / ${first.mailboxB}` : "one of these profiles";
  await insertUnique(`${what} in sync ${first.sync}`, () => db.insertInto("profiles").values(rows).execute());
  return rows;
}

/**
 * New mailboxes for a draft profile, with the check that approved them. Returns false if no such draft (one
 * started while its new mailboxes were being verified keeps the old ones: its copies and cursors are theirs).
 */
export async function updateProfileMailboxes(
  db: Store,
  id: string,
  mailboxes: { mailboxA: string; mailboxB: string },
  result: MailboxCheckResult,
  now: Instant,
): Promise<boolean> {
  const at = toTimestamp(now);
  const updated = await insertUnique(`profile ${mailboxes.mailboxA} / ${mailboxes.mailboxB}`, () =>
    db
      .updateTable("profiles")
      .set({
        ...mailboxes,
        mailboxCheck: result.check,
        mailboxCheckReason: result.reason,
        mailboxCheckedAt: at,
        updatedAt: at,
      })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst(),
  );
  return updated.numUpdatedRows > 0n;
}

/** How many profiles each sync has in each status (syncs without profiles are absent); `sync` narrows to one. */
export async function profileStatusCounts(
  db: Store,
  sync?: string,
): Promise<{ sync: string; status: ProfileStatus; count: number }[]> {
  let query = db
    .selectFrom("profiles")
    .select(["sync", "status", (eb) => eb.fn.countAll<number | string | bigint>().as("count")])
    .groupBy(["sync", "status"]);
  if (sync !== undefined) query = query.where("sync", "=", sync);
  const rows = await query.execute();
  // PostgreSQL's count is a bigint, which pg hands over as text.
  return rows.map((row) => ({ sync: row.sync, status: row.status, count: Number(row.count) }));
}

/**
 * A run's verdict on its profile (active after a good run, error or needs_confirmation after a bad one),
 * written unless a person paused the profile (or it became a draft) while the run went on: the run read
 * the profile before, and must not undo that pause. Returns false if nothing was written.
 */
export async function updateStatusAfterRun(
  db: Store,
  id: string,
  status: ProfileStatus,
  reason: string | null,
  now: Instant,
): Promise<boolean> {
  return updateProfileStatusFrom(db, id, ["active", "error", "needs_confirmation"], status, reason, now);
}

/**
 * Sets the status only if the profile is still in one of `from` (an admin action checked it a moment ago):
 * two actions racing on one profile cannot both win. Returns false if nothing was written.
 */
export async function updateProfileStatusFrom(
  db: Store,
  id: string,
  from: readonly ProfileStatus[],
  status: ProfileStatus,
  reason: string | null,
  now: Instant,
): Promise<boolean> {
  const updated = await db
    .updateTable("profiles")
    .set({ status, statusReason: reason, updatedAt: toTimestamp(now) })
    .where("id", "=", id)
    .where("status", "in", [...from])
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
