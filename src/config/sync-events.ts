import { fromGraphError, fromTokenError } from "../connections/connection-check.js";
import { checkMailbox } from "../connections/mailbox-check.js";
import type { StoredClients } from "../connections/stored-clients.js";
import type { CalendarEvent, Side } from "../core/event.js";
import { TokenAcquisitionError } from "../graph/auth.js";
import { GraphCalendar } from "../graph/calendar.js";
import { GraphRequestError } from "../graph/errors.js";
import { ConnectionUnusableError, type SideConnection, syncConnections } from "../profiles/sync-mailboxes.js";
import type { Store } from "../store/database.js";
import { findProfileById } from "../store/profiles.js";
import { findSync, type Sync } from "../store/syncs.js";
import { SyncRefusal } from "./sync-refusal.js";

/**
 * Events of a sync's mailboxes for the sync editor's test area: a person picks one to see what the draft
 * would make of it. Read-only, through the service's Graph clients; a mailbox named by address (a sync
 * without profiles yet) is checked in its tenant first, as adding a profile checks it.
 */

export interface TestAreaDeps {
  db: Store;
  /** Asked only when a mailbox is read; throws when this process runs without the service. */
  clients: () => StoredClients;
  now: () => Date;
}

/** Which mailbox: one of the sync's profiles' (its mailbox on `side`), or an address in side's tenant. */
export interface MailboxRef {
  side: Side;
  profile?: string | undefined;
  mailbox?: string | undefined;
}

/** Where in the request each part of a mailbox reference came from, for the refusals' fields. */
export interface RefFields {
  sync: string[];
  profile: string[];
  mailbox: string[];
}

const DAY = 86_400_000;
/** Recent and upcoming: what a person remembers well enough to pick from. */
const DEFAULT_PAST_DAYS = 14;
const DEFAULT_FUTURE_DAYS = 90;
/** Graph's calendarView answers any range; a test area has no use for more than this. */
const MAX_RANGE_DAYS = 731;

/** The sync's mailbox a reference names, read through the sync's connection on that side. */
export interface SyncMailbox {
  sync: Sync;
  side: Side;
  mailbox: string;
  calendar: GraphCalendar;
}

async function requireSync(db: Store, syncId: string, at: string[]): Promise<Sync> {
  const sync = await findSync(db, syncId);
  if (!sync)
    throw new SyncRefusal(
      "not_found",
      "sync_not_found",
      `no sync with id ${syncId}`,
      at.length ? at : undefined,
    );
  return sync;
}

async function sidesOf(deps: TestAreaDeps, sync: Sync): Promise<Record<Side, SideConnection>> {
  try {
    return await syncConnections(deps.db, deps.clients(), sync);
  } catch (error) {
    if (error instanceof ConnectionUnusableError)
      throw new SyncRefusal("conflict", error.code, error.message);
    throw error;
  }
}

/** The mailbox a reference names; an address is verified in side's tenant first. */
export async function openSyncMailbox(
  deps: TestAreaDeps,
  syncId: string,
  ref: MailboxRef,
  fields: RefFields,
): Promise<SyncMailbox> {
  const sync = await requireSync(deps.db, syncId, fields.sync);
  if ((ref.profile === undefined) === (ref.mailbox === undefined)) {
    const message =
      "name the mailbox by profile (one of the sync's profiles) or by mailbox (an address), not both";
    throw new SyncRefusal("invalid", "invalid_request", message, fields.profile);
  }
  let mailbox: string;
  if (ref.profile !== undefined) {
    const profile = await findProfileById(deps.db, ref.profile);
    if (!profile || profile.sync !== sync.id) {
      const message = `sync ${sync.name} has no profile with id ${ref.profile}`;
      throw new SyncRefusal("not_found", "profile_not_found", message, fields.profile);
    }
    mailbox = ref.side === "A" ? profile.mailboxA : profile.mailboxB;
  } else mailbox = ref.mailbox!.trim().toLowerCase();
  const connection = (await sidesOf(deps, sync))[ref.side];
  if (ref.mailbox !== undefined) {
    const verdict = await checkMailbox(connection, mailbox);
    if (verdict.status !== "verified") throw mailboxRefusal(verdict.status, verdict.reason, fields.mailbox);
  }
  const calendar = new GraphCalendar({ requester: connection.requester, mailbox });
  return { sync, side: ref.side, mailbox, calendar };
}

function mailboxRefusal(status: string, reason: string, at: string[]): SyncRefusal {
  if (status === "not_found") return new SyncRefusal("refused", "mailbox_not_found", reason, at);
  if (status === "out_of_scope") return new SyncRefusal("refused", "mailbox_out_of_scope", reason, at);
  return new SyncRefusal("upstream", status === "unreachable" ? "unreachable" : "connection_failed", reason);
}

/**
 * A failed read of a mailbox, judged as the connection's live check judges it: a mailbox missing or out of
 * scope is refused (422), anything else is the tenant's failure (502), named so an admin can act on it.
 */
export async function reading<T>(
  target: { mailbox: string; sync: Sync },
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const found =
      error instanceof TokenAcquisitionError
        ? fromTokenError(error)
        : error instanceof GraphRequestError
          ? fromGraphError(error, target.mailbox, undefined)
          : undefined;
    if (!found) throw error;
    const reason = `could not read the calendar of ${target.mailbox} (sync ${target.sync.name}): ${found.reason}`;
    if (found.status === "mailbox_not_found" || found.status === "mailbox_out_of_scope")
      throw new SyncRefusal("refused", found.status, reason);
    throw new SyncRefusal("upstream", found.status, reason);
  }
}

export interface SyncEventsQuery extends MailboxRef {
  search?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
}

export interface SyncEvents {
  side: Side;
  mailbox: string;
  since: string;
  until: string;
  events: CalendarEvent[];
}

/** The range to list: what the query asks, else from 14 days ago to 90 days ahead. */
function rangeOf(query: SyncEventsQuery, now: Date): { since: string; until: string } {
  const since = query.since ? new Date(query.since) : new Date(now.getTime() - DEFAULT_PAST_DAYS * DAY);
  const until = query.until ? new Date(query.until) : new Date(now.getTime() + DEFAULT_FUTURE_DAYS * DAY);
  if (since >= until)
    throw new SyncRefusal("invalid", "invalid_request", "since must be before until", ["until"]);
  if (until.getTime() - since.getTime() > MAX_RANGE_DAYS * DAY) {
    const message = `list at most ${MAX_RANGE_DAYS} days at once`;
    throw new SyncRefusal("invalid", "invalid_request", message, ["until"]);
  }
  return { since: since.toISOString(), until: until.toISOString() };
}

const QUERY_FIELDS: RefFields = { sync: [], profile: ["profile"], mailbox: ["mailbox"] };

/** Recent and upcoming events of one mailbox of a sync, by start (a series as its occurrences). */
export async function listSyncEvents(
  deps: TestAreaDeps,
  syncId: string,
  query: SyncEventsQuery,
): Promise<SyncEvents> {
  const range = rangeOf(query, deps.now());
  const target = await openSyncMailbox(deps, syncId, query, QUERY_FIELDS);
  const events = await reading(target, () =>
    target.calendar.listRange(
      { start: range.since, end: range.until },
      { limit: query.limit, ...(query.search !== undefined && { subject: query.search }) },
    ),
  );
  return { side: target.side, mailbox: target.mailbox, ...range, events };
}
