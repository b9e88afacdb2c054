import { type FixedQuery, fixedQuery } from "./compiled.js";
import type { Store } from "./database.js";
import { insertUnique } from "./errors.js";
import type { Database, LinkKind, LinkRow, Side } from "./schema.js";
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

const insertLinkQuery = fixedQuery((db: Store, p: LinkRow) =>
  db.insertInto("links").values({
    profileId: p.profileId,
    sourceSide: p.sourceSide,
    sourceId: p.sourceId,
    copyId: p.copyId,
    owned: p.owned,
    icalUid: p.icalUid,
    kind: p.kind,
    seriesSourceId: p.seriesSourceId,
    originalStart: p.originalStart,
    sourceVersion: p.sourceVersion,
    copyVersion: p.copyVersion,
    contentHash: p.contentHash,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  }),
);

const findLinkBySourceQuery = fixedQuery((db: Store, p: LinkKey) =>
  db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", p.profileId)
    .where("sourceSide", "=", p.sourceSide)
    .where("sourceId", "=", p.sourceId),
);

const listLinksQuery = fixedQuery((db: Store, p: { profileId: string }) =>
  db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", p.profileId)
    .orderBy("sourceSide")
    .orderBy("sourceId"),
);

const listLinksOfSeriesQuery = fixedQuery(
  (db: Store, p: { profileId: string; sourceSide: Side; seriesSourceId: string }) =>
    db
      .selectFrom("links")
      .selectAll()
      .where("profileId", "=", p.profileId)
      .where("sourceSide", "=", p.sourceSide)
      .where("seriesSourceId", "=", p.seriesSourceId)
      .orderBy("originalStart")
      .orderBy("sourceId"),
);

const deleteLinkQuery = fixedQuery((db: Store, p: LinkKey) =>
  db
    .deleteFrom("links")
    .where("profileId", "=", p.profileId)
    .where("sourceSide", "=", p.sourceSide)
    .where("sourceId", "=", p.sourceId),
);

type LinkColumns = Omit<LinkRow, "profileId" | "sourceSide" | "sourceId" | "createdAt">;

/** One compiled update per set of columns a patch changes (a handful occur). */
const updateLinkQueries = new Map<string, FixedQuery<Database, LinkKey & Partial<LinkColumns>, unknown>>();

function updateLinkQuery(columns: ReadonlyArray<keyof LinkColumns>) {
  const name = columns.join(",");
  let query = updateLinkQueries.get(name);
  if (!query) {
    query = fixedQuery((db: Store, p: LinkKey & Partial<LinkColumns>) =>
      db
        .updateTable("links")
        .set(Object.fromEntries(columns.map((column) => [column, p[column]])))
        .where("profileId", "=", p.profileId)
        .where("sourceSide", "=", p.sourceSide)
        .where("sourceId", "=", p.sourceId),
    );
    updateLinkQueries.set(name, query);
  }
  return query;
}

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
    insertLinkQuery.run(db, row),
  );
  return toLink(row);
}

export async function findLinkBySource(db: Store, key: LinkKey): Promise<Link | undefined> {
  const [row] = await findLinkBySourceQuery.rows(db, key);
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

const findLinkOfEventQuery = fixedQuery((db: Store, p: { profileId: string; side: Side; eventId: string }) =>
  db
    .selectFrom("links")
    .selectAll()
    .where("profileId", "=", p.profileId)
    .where((eb) =>
      eb.or([
        eb.and([eb("sourceSide", "=", p.side), eb("sourceId", "=", p.eventId)]),
        eb.and([eb("sourceSide", "!=", p.side), eb("copyId", "=", p.eventId)]),
      ]),
    )
    .limit(1),
);

/** The link an event of one mailbox belongs to: as the original there, or as the counterpart of one. */
export async function findLinkOfEvent(
  db: Store,
  profileId: string,
  side: Side,
  eventId: string,
): Promise<Link | undefined> {
  const [row] = await findLinkOfEventQuery.rows(db, { profileId, side, eventId });
  return row && toLink(row);
}

/** Every link of a profile, in a stable order: what the planner starts from. */
export async function listLinks(db: Store, profileId: string): Promise<Link[]> {
  const rows = await listLinksQuery.rows(db, { profileId });
  return rows.map(toLink);
}

/** The links of a series' occurrences and exceptions, by the original series' id. */
export async function listLinksOfSeries(
  db: Store,
  profileId: string,
  sourceSide: Side,
  seriesSourceId: string,
): Promise<Link[]> {
  const rows = await listLinksOfSeriesQuery.rows(db, { profileId, sourceSide, seriesSourceId });
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
  const values: Partial<LinkColumns> = {
    ...rest,
    ...(owned === undefined ? {} : { owned: owned ? 1 : 0 }),
    updatedAt: toTimestamp(now),
  };
  // As Kysely's set() does, a column whose value is undefined is left as it is.
  const columns = (Object.keys(values) as Array<keyof LinkColumns>)
    .filter((c) => values[c] !== undefined)
    .sort();
  const changed = await updateLinkQuery(columns).affected(db, {
    profileId: key.profileId,
    sourceSide: key.sourceSide,
    sourceId: key.sourceId,
    ...values,
  });
  return changed > 0n;
}

export async function deleteLink(db: Store, key: LinkKey): Promise<boolean> {
  return (await deleteLinkQuery.affected(db, key)) > 0n;
}

/** Deletes every link of a profile (cleanup, resync). Returns how many went. */
export async function deleteLinksOfProfile(db: Store, profileId: string): Promise<number> {
  const result = await db.deleteFrom("links").where("profileId", "=", profileId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
