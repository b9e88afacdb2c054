import { closest } from "../config/did-you-mean.js";
import type { ConnectionRow } from "../store/connections.js";
import type { Profile } from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import { badInput, type ProfileSides } from "./errors.js";

/** `--sync NAME` and `--profile NAME`: which of the store's profiles a command is about. */
export interface Selection {
  profile?: string;
  sync?: string;
}

/** A stored profile with its sync and the sync's two connections. */
export interface Selected {
  profile: Profile;
  sync: Sync;
  a: ConnectionRow;
  b: ConnectionRow;
}

/** The records a selection is made from: the store's, or those a config file would leave in it. */
export interface Records {
  connections: readonly ConnectionRow[];
  syncs: readonly Sync[];
  profiles: readonly Profile[];
}

/**
 * The profiles named by `--sync` and `--profile` (all of them when neither is given), each with its sync
 * and connections; `where` says in messages where the names were looked for. Unknown names are bad input
 * with the name probably meant.
 */
export function selectProfiles(records: Records, selection: Selection, where: string): Selected[] {
  const connections = new Map(records.connections.map((row) => [row.id, row]));
  const syncs = new Map(records.syncs.map((row) => [row.id, row]));
  let all = records.profiles.flatMap((profile): Selected[] => {
    const sync = syncs.get(profile.sync);
    const a = sync && connections.get(sync.connectionA);
    const b = sync && connections.get(sync.connectionB);
    return sync && a && b ? [{ profile, sync, a, b }] : [];
  });
  if (selection.sync !== undefined) {
    const names = records.syncs.map((sync) => sync.name);
    if (!names.includes(selection.sync)) {
      throw badInput(`no sync named "${selection.sync}" in ${where}${suggestion(selection.sync, names)}`);
    }
    all = all.filter((item) => item.sync.name === selection.sync);
  }
  if (selection.profile === undefined) return all;
  const wanted = selection.profile;
  const matches = all.filter((item) => item.profile.name === wanted);
  if (matches.length === 0) {
    const names = all.map((item) => item.profile.name);
    const scope = selection.sync === undefined ? "" : ` of sync "${selection.sync}"`;
    throw badInput(`no profile named "${wanted}"${scope} in ${where}${suggestion(wanted, names)}`);
  }
  if (matches.length > 1) {
    const names = matches.map((item) => `"${item.sync.name}"`).join(", ");
    throw badInput(`profile "${wanted}" is in several syncs (${names}): add --sync to say which`);
  }
  return matches;
}

function suggestion(word: string, candidates: string[]): string {
  const match = closest(word, candidates);
  return match ? ` (did you mean "${match}"?)` : "";
}

/** `profile "Adele Vance" (sync contoso-fabrikam)`: how every message names a profile. */
export const profileLabel = (name: string, sync: string) => `profile "${name}" (sync ${sync})`;

export const labelOf = (item: Selected) => profileLabel(item.profile.name, item.sync.name);

/** The connection each mailbox is read through, for advice on a failure. */
export const sidesOf = (item: Selected): ProfileSides => ({
  A: { connection: item.a.name, mailbox: item.profile.mailboxA },
  B: { connection: item.b.name, mailbox: item.profile.mailboxB },
});
