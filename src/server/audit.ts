import type { FastifyRequest } from "fastify";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import type { Store } from "../store/database.js";
import { actorOf, principalOf } from "./auth/authenticate.js";

/**
 * One audit entry for an admin action made through a request: who (the signed-in admin, or the admin and
 * the API token), from where, what, and details that name things but never carry a secret. `db` may be a
 * transaction, so the entry commits with what it records.
 */
export async function auditRequest(
  db: Store,
  request: FastifyRequest,
  action: string,
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await recordAudit(db, { action, actor: actorOf(principalOf(request)), ip: request.ip, detail }, now);
}

/** Who made the request, as a room function that records its own audit entry takes it. */
export function auditActorOf(request: FastifyRequest): AuditActor {
  return { actor: actorOf(principalOf(request)), ip: request.ip };
}
