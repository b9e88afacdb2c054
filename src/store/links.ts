import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { LinkKind, LinkRow, Side } from "./schema.js";
import { type Instant, toOptionalTimestamp, toTimestamp } from "./timestamps.js";

/** An original tied to its counterpart in the other mailbox: a copy crosscal wrote, or (not owned) a twin. */
export interface Link extends Omit<LinkRow, "owned"> {
  owned: boolean;
}

export interface LinkKey {
  profileId: string;
  sourceSide: Side;
  sourceId: string;
}

export interface NewLink extends LinkKey {
  copyId: string;
  owned: boolean;
  icalUid?: string | null;
  kind: LinkKind;
  seriesSourceId?: string | null;
  originalStart?: Instant | null;
  sourceVersion: string;
  copyVersion: string;
  contentHash: string;
}

/** What a later write may change on a link. */
export interface LinkPatch {
  copyId?: string;
  owned?: boolean;
  icalUid?: string | null;
  sourceVersion?: string;
  copyVersion?: string;
  contentHash?: string;
}

const toLink = (row: LinkRow): Link => ({ ...row, owned: row.owned === 1 });

/** Inserts a link; a second link for the same original throws StoreConflictError. */
export async function insertLink(db: Store, link: NewLink, now: Instant): Promise<Link> {
  const at = toTimestamp(now);
  const row: LinkRow = {
    profileId: link.profileId,
    sourceSide: link.sourceSide,
    sourceId: link.sourceId,
    copyId: link.copyId,
    owned: link.owned ? 1 : 0,
    icalUid: link.icalUid ?? null,
    kind: link.kind,
    seriesSourceId: link.seriesSourceId ?? null,
    originalStart: toOptionalTimestamp(link.originalStart),
    sourceVersion: link.sourceVersion,
    copyVersion: link.copyVersion,
    contentHash: link.contentHash,
    createdAt: at,
    updatedAt: at,
  };
  await insertUnique(`link for ${link.sourceSide}:${link.sourceId} in profile ${link.profileId}`, () =>
    db.insertInto("links").values(row).execute(),
  );
  return toLink(row);
}

export async function findLinkBySource(db: Store, key: LinkKey): Promise<Link | undefined> {
  const row = await db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", key.profileId)
    .where("sourceSide", "=", key.sourceSide)
    .where("sourceId", "=", key.sourceId)
    .executeTakeFirst();
  return row && toLink(row);
}

/** The link whose counterpart is `copyId` (event ids are unique across a profile's two mailboxes). */
export async function findLinkByCopy(
  db: Store,
  profileId: string,
  copyId: string,
): Promise<Link | undefined> {
  const row = await db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", profileId)
    .where("copyId", "=", copyId)
    .executeTakeFirst();
  return row && toLink(row);
}

/** Every link of a profile, in a stable order: what the planner starts from. */
export async function listLinks(db: Store, profileId: string): Promise<Link[]> {
  const rows = await db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", profileId)
    .orderBy("sourceSide")
    .orderBy("sourceId")
    .execute();
  return rows.map(toLink);
}

/** The links of a series' occurrences and exceptions, by the original series' id. */
export async function listLinksOfSeries(
  db: Store,
  profileId: string,
  sourceSide: Side,
  seriesSourceId: string,
): Promise<Link[]> {
  const rows = await db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", profileId)
    .where("sourceSide", "=", sourceSide)
    .where("seriesSourceId", "=", seriesSourceId)
    .orderBy("originalStart")
    .orderBy("sourceId")
    .execute();
  return rows.map(toLink);
}

/** Counts a profile's links, optionally only the copies crosscal owns (the mass-deletion guard's base). */
export async function countLinks(db: Store, profileId: string, onlyOwned = false): Promise<number> {
  let query = db
    .selectFrom("links")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("profileId", "=", profileId);
  if (onlyOwned) query = query.where("owned", "=", 1);
  const { count } = await query.executeTakeFirstOrThrow();
  // pg returns count(*) (a bigint) as a string.
  return Number(count);
}

/** Records a write to the copy or a new version of the original. Returns false if there is no such link. */
export async function updateLink(db: Store, key: LinkKey, patch: LinkPatch, now: Instant): Promise<boolean> {
  const { owned, ...rest } = patch;
  const result = await db
    .updateTable("links")
    .set({ ...rest, ...(owned === undefined ? {} : { owned: owned ? 1 : 0 }), updatedAt: toTimestamp(now) })
    .where("profileId", "=", key.profileId)
    .where("sourceSide", "=", key.sourceSide)
    .where("sourceId", "=", key.sourceId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteLink(db: Store, key: LinkKey): Promise<boolean> {
  const result = await db
    .deleteFrom("links")
    .where("profileId", "=", key.profileId)
    .where("sourceSide", "=", key.sourceSide)
    .where("sourceId", "=", key.sourceId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes every link of a profile (cleanup, resync). Returns how many went. */
export async function deleteLinksOfProfile(db: Store, profileId: string): Promise<number> {
  const result = await db.deleteFrom("links").where("profileId", "=", profileId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
