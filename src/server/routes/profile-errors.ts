import type { FastifyReply } from "fastify";
import { ImportRejected } from "../../profiles/import-profiles.js";
import { ProfileRefusal, type ProfileRefusalKind } from "../../profiles/profile-refusal.js";
import { ConnectionUnusableError } from "../../profiles/sync-mailboxes.js";
import { ApiError, errorBody } from "../errors.js";

/** The profiles room's refusals as the API's answers. */

const STATUS: Record<ProfileRefusalKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  refused: 422,
  upstream: 502,
};

/** Fields by refusal code, for what the room does not name because it came in the path (an id). */
type PathFields = Readonly<Record<string, string>>;

const apiErrorOf = (refusal: ProfileRefusal, pathFields: PathFields = {}) =>
  new ApiError(
    STATUS[refusal.kind],
    refusal.code,
    refusal.message,
    refusal.at ? ["body", ...refusal.at].join("/") : pathFields[refusal.code],
  );

/** Rethrows a refusal as its ApiError (a sync connection that cannot be used: 409); anything else as it is. */
export function profileErrors(error: unknown, pathFields?: PathFields): never {
  if (error instanceof ProfileRefusal) throw apiErrorOf(error, pathFields);
  if (error instanceof ConnectionUnusableError) throw new ApiError(409, error.code, error.message);
  throw error;
}

/** A refused import answers with its report beside the error: nothing was written, and this says why. */
export function importErrors(reply: FastifyReply) {
  return (error: unknown) => {
    if (!(error instanceof ImportRejected)) return profileErrors(error);
    const api = apiErrorOf(error);
    reply.code(api.statusCode);
    return { ...errorBody(api), report: error.report };
  };
}
