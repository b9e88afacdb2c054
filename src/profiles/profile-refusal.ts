/**
 * Why a profile operation was refused, in a few kinds the API turns into its statuses (see
 * server/routes/profile-errors.ts); `code` is the stable word clients branch on, `at` the field of the
 * input at fault, as a path inside the request's body ([] for the body as a whole).
 */
export type ProfileRefusalKind =
  /** The input is malformed: an address that is not one, two inputs where one is expected. */
  | "invalid"
  /** No such sync or profile. */
  | "not_found"
  /** It conflicts with the sync's profiles as they are: exists, mailbox in use, not a draft, changed meanwhile. */
  | "conflict"
  /** More than is taken at once. */
  | "too_large"
  /** Well formed, refused on its merits: a mailbox that did not verify, an import with invalid rows. */
  | "refused"
  /** A tenant's directory failed to answer: its state or crosscal's permissions there, not the request. */
  | "upstream";

export class ProfileRefusal extends Error {
  override readonly name = "ProfileRefusal";

  constructor(
    readonly kind: ProfileRefusalKind,
    readonly code: string,
    message: string,
    readonly at?: readonly string[],
  ) {
    super(message);
  }
}
