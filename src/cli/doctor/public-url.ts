import { randomUUID } from "node:crypto";
import { type Finding, ok, problem, warning } from "./findings.js";

const SUBJECT = "public URL";
/** Graph gives a notification endpoint 10 seconds to answer its validation request. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** A token as Graph writes them: spaces and colons, so an endpoint that does not URL-decode it fails. */
const validationToken = () =>
  `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;

const FIX =
  "make POST <public URL>/api/webhooks/graph reach crosscal serve from the internet: the reverse proxy must pass that path with its query string to serve and answer within 10 s (see docs/microsoft-365.md)";

/**
 * Does what Graph does before it creates a subscription: POSTs `?validationToken=` to the webhook URL and
 * expects the token back as text/plain within 10 s. From this machine: the path from Microsoft's network
 * is only proven by running this check from outside yours.
 */
export async function checkPublicUrl(publicUrl: string | undefined): Promise<Finding[]> {
  if (!publicUrl)
    return [
      warning(
        SUBJECT,
        "no public URL: Graph cannot send change notifications, so changes wait for the periodic reconcile",
        "give serve and doctor --public-url (or CROSSCAL_PUBLIC_URL): the https origin Microsoft Graph reaches the service at",
      ),
    ];
  const url = `${publicUrl}/api/webhooks/graph`;
  const token = validationToken();
  let status: number;
  let type: string;
  let text: string;
  try {
    const answer = await fetch(`${url}?validationToken=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: "",
      redirect: "manual",
      signal: AbortSignal.timeout(HANDSHAKE_TIMEOUT_MS),
    });
    [status, type, text] = [answer.status, answer.headers.get("content-type") ?? "", await answer.text()];
  } catch (error) {
    const cause = (error as Error).name === "TimeoutError" ? "no answer within 10 s" : describeFailure(error);
    return [problem(SUBJECT, `${url} cannot be reached from this machine (${cause})`, FIX)];
  }
  if (status !== 200)
    return [problem(SUBJECT, `${url} answered Graph's validation request with ${status}, not 200`, FIX)];
  if (!/^text\/plain\b/i.test(type) || text !== token)
    return [
      problem(
        SUBJECT,
        `${url} answered 200 but not with the validation token as text/plain: it is not crosscal serve's webhook endpoint`,
        FIX,
      ),
    ];
  return [
    ok(
      SUBJECT,
      `${url} answered Graph's validation handshake (from this machine; run crosscal doctor outside your network to check the path Microsoft takes)`,
    ),
  ];
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
