import type { InputProblem } from "./sync-document.js";

/**
 * Why a sync operation of the API was refused, in the kinds the API turns into its statuses (see
 * server/routes/syncs.ts); `at` is the field at fault, as a path inside the request's body.
 */
export type SyncRefusalKind =
  /** The body says something impossible: a sync of a connection with itself, settings that do not compile. */
  | "invalid"
  /** No such sync, or no such connection. */
  | "not_found"
  /** The store as it is forbids it: the name is taken, the sync still has profiles. */
  | "conflict"
  /** Well formed, refused on its merits: a mailbox not found in the tenant, or outside the app's scope. */
  | "refused"
  /** A tenant failed to answer: its state or crosscal's permissions there, not the request. */
  | "upstream";

export class SyncRefusal extends Error {
  override readonly name = "SyncRefusal";

  constructor(
    readonly kind: SyncRefusalKind,
    readonly code: string,
    message: string,
    readonly at?: readonly (string | number)[],
  ) {
    super(message);
  }
}

/** Everything wrong with a sync's body at once (the settings' compilation found them). */
export class SyncInputError extends Error {
  override readonly name = "SyncInputError";

  constructor(readonly problems: InputProblem[]) {
    super(problems.map((problem) => problem.message).join("; "));
  }
}
