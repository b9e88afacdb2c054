import { subscriptionHealth } from "../../notifications/subscription-health.js";
import type { Store } from "../../store/database.js";
import { type Finding, ok, warning } from "./findings.js";

const SUBJECT = "subscriptions";

/**
 * How well Graph's change notifications cover the mailboxes being synced: watched mailboxes without a
 * subscription, subscriptions that should have been renewed already. (When the last notification arrived
 * is known to the running serve only: see /api/overview.)
 */
export async function checkSubscriptions(
  db: Store,
  now: Date,
  publicUrl: string | undefined,
): Promise<Finding[]> {
  const health = await subscriptionHealth(db, now);
  if (health.watchedMailboxes === 0) return [ok(SUBJECT, "no mailbox is synced yet (no active profile)")];
  if (!publicUrl)
    return [
      ok(
        SUBJECT,
        `${health.watchedMailboxes} mailboxes synced without subscriptions (no public URL): each is read at every reconcile`,
      ),
    ];
  const findings: Finding[] = [];
  if (health.missing > 0)
    findings.push(
      warning(
        SUBJECT,
        `${health.missing} of ${health.watchedMailboxes} synced mailboxes ${health.missing === 1 ? "has" : "have"} no subscription: their changes wait for the periodic reconcile`,
        "check that crosscal serve runs with this --public-url and that the public URL check passes; serve's log says why a subscription failed ('subscription create failed')",
      ),
    );
  if (health.expiringWithinDay > 0)
    findings.push(
      warning(
        SUBJECT,
        `${health.expiringWithinDay === 1 ? "1 subscription lapses" : `${health.expiringWithinDay} subscriptions lapse`} within a day: serve renews them a day ahead, so renewals are failing or serve is not running`,
        "check that crosscal serve runs, and its log for 'subscription renew failed'",
      ),
    );
  if (findings.length === 0)
    findings.push(
      ok(
        SUBJECT,
        `all ${health.watchedMailboxes} synced mailboxes have a subscription, none lapsing within a day`,
      ),
    );
  return findings;
}
