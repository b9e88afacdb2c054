import { v5 as uuidV5 } from "uuid";

/**
 * crosscal's own UUID namespace for profile ids. It must never change: copies carry the profile id in
 * their tag, and `cleanup` finds them after the database is lost by computing the id again.
 */
const PROFILE_NAMESPACE = "0f8a3c52-6a3e-4d3b-9b1e-5c2d7e4f9a61";

/**
 * The id of the profile serving mailboxes `a` and `b` in sync `sync`: a name-based UUID (v5), the same on
 * every machine and after any loss of the store. Mailboxes are compared case-insensitively, as Exchange
 * does; the sync name is taken as written (config names are case-sensitive).
 */
export function profileIdOf(sync: string, mailboxA: string, mailboxB: string): string {
  const name = JSON.stringify([sync, mailboxA.trim().toLowerCase(), mailboxB.trim().toLowerCase()]);
  return uuidV5(name, PROFILE_NAMESPACE);
}
