import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../context.js";
import { faultError } from "./faults.js";
import { addressedMailbox } from "./mailbox-lookup.js";
import { mailboxConcurrencyBody, sendTooManyRequests, tooManyRequestsBody } from "./responses.js";
import type { FaultPick } from "./traffic.js";

const BATCH_PATH = /^\/v1\.0\/\$batch(\?|$)/i;

async function applyFaults(
  ctx: EmulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  pick: FaultPick,
): Promise<FastifyReply | undefined> {
  // The $batch envelope itself carries no global latency: its inner requests each pay it.
  const globalMs = BATCH_PATH.test(request.url) ? 0 : ctx.traffic.latencyMs;
  const delayMs = pick.latencyMs + globalMs;
  if (delayMs > 0) await sleep(delayMs);
  const { error } = pick;
  if (!error) return undefined;
  if (error.status === 429 && error.code === undefined) {
    return sendTooManyRequests(reply, tooManyRequestsBody(ctx.clock.nowDate()), error.retryAfterSeconds);
  }
  throw faultError(error);
}

/**
 * Per (app, mailbox) throttling as Exchange Online applies it to Outlook resources, then injected faults.
 * Registered after the auth hook, so `request.principal` is known.
 */
export async function registerTrafficHooks(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  const releases = new WeakMap<FastifyRequest, () => void>();

  app.addHook("onRequest", async (request, reply) => {
    const principal = request.principal;
    if (!principal) return;
    const mailbox = addressedMailbox(ctx, principal, request.url);
    if (mailbox) request.mailboxUser = mailbox;
    ctx.stats.countRequest(principal.clientId, mailbox?.userPrincipalName);
    if (mailbox) {
      const admission = ctx.traffic.admit(principal.clientId, mailbox.id);
      if (!admission.ok) {
        ctx.stats.countThrottled(principal.clientId, mailbox.userPrincipalName);
        const now = ctx.clock.nowDate();
        const body = admission.reason === "rate" ? tooManyRequestsBody(now) : mailboxConcurrencyBody(now);
        return sendTooManyRequests(reply, body, admission.retryAfterSeconds);
      }
      releases.set(request, admission.release);
      // A client that hangs up never gets a response: give the slot back when the connection closes.
      reply.raw.once("close", admission.release);
    }
    const target = { method: request.method, path: request.url, clientId: principal.clientId, mailbox };
    return applyFaults(ctx, request, reply, ctx.traffic.pickFaults(target));
  });
  // The slot is free as the response leaves, so a client that waits for it never trips the limit.
  app.addHook("onSend", async (request, _reply, payload) => {
    releases.get(request)?.();
    return payload;
  });
}
