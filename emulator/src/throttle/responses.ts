import type { FastifyReply } from "fastify";
import { graphErrorBody } from "../graph/errors.js";

/**
 * Graph's generic throttling answer (learn.microsoft.com/graph/throttling): besides the usual inner
 * details it repeats the status in `innerError`.
 */
export function tooManyRequestsBody(now: Date) {
  const body = graphErrorBody("TooManyRequests", "Please retry again later.", now);
  return {
    error: {
      ...body.error,
      innerError: { ...body.error.innerError, code: "429", message: "Please retry after", status: "429" },
    },
  };
}

/** Exchange Online's answer when an app runs more than its concurrent requests against one mailbox. */
export function mailboxConcurrencyBody(now: Date) {
  return graphErrorBody("ApplicationThrottled", "Application is over its MailboxConcurrency limit.", now);
}

/** Sends a 429 from a hook, before any route runs. */
export function sendTooManyRequests(
  reply: FastifyReply,
  body: object,
  retryAfterSeconds: number | undefined,
): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header("Retry-After", String(retryAfterSeconds));
  return reply.code(429).send(body);
}
