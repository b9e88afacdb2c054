import { createHash, randomBytes } from "node:crypto";
import { inParallel } from "../core/in-parallel.js";
import { GraphRequestError } from "../graph/errors.js";
import { normaliseMailbox } from "../graph/mailbox-key.js";
import type { GraphRequester } from "../graph/requester.js";
import {
  createSubscription,
  deleteSubscription,
  reauthorizeSubscription,
  renewSubscription,
  type SubscriptionInfo,
} from "../graph/subscriptions.js";
import type { Store } from "../store/database.js";
import {
  deleteSubscriptionRow,
  insertSubscription,
  recordRenewal,
  replaceSubscription,
  type StoredSubscription,
} from "../store/subscriptions.js";
import { firstExpiry, RENEW_BEFORE_MS, renewedExpiry } from "./renewal-spread.js";

/**
 * Keeping one Graph subscription per watched mailbox: a pure planner (what to create, renew, recreate or
 * delete) and an executor that applies a plan and records it, never leaving a Graph subscription the store
 * does not know (it would notify, unrecognised, until it expired).
 */

/** A mailbox some active profile needs notifications for, with the connection that reads it. */
export interface WatchedMailbox {
  connection: string;
  mailbox: string;
}

/**
 * Renewed when less than this is left. A day leaves many periodic reconciles (and Graph's own
 * `reauthorizationRequired` warning) to retry a failed renewal before the subscription lapses.
 */
export { RENEW_BEFORE_MS } from "./renewal-spread.js";

export type SubscriptionStep =
  /** `ordinal`: how many subscriptions exist before this one, which places its renewals (renewal-spread.ts). */
  | { action: "create"; connection: string; mailbox: string; ordinal: number }
  | { action: "renew"; subscription: StoredSubscription }
  /** Past its expiry: Graph deleted it silently, so a new one takes its place. */
  | { action: "recreate"; subscription: StoredSubscription }
  | { action: "delete"; subscription: StoredSubscription };

const keyOf = (connection: string, mailbox: string) => `${connection}\n${normaliseMailbox(mailbox)}`;

/** What to do so that exactly the `wanted` mailboxes hold a live subscription with time to spare. */
export function planSubscriptions(
  wanted: readonly WatchedMailbox[],
  stored: readonly StoredSubscription[],
  now: Date,
  renewBeforeMs: number = RENEW_BEFORE_MS,
): SubscriptionStep[] {
  const wantedKeys = new Map(wanted.map((w) => [keyOf(w.connection, w.mailbox), w]));
  const storedKeys = new Set(stored.map((s) => keyOf(s.connection, s.mailbox)));
  const steps: SubscriptionStep[] = [];
  for (const subscription of stored) {
    const left = Date.parse(subscription.expiresAt) - now.getTime();
    if (!wantedKeys.has(keyOf(subscription.connection, subscription.mailbox))) {
      steps.push({ action: "delete", subscription });
    } else if (left <= 0) {
      steps.push({ action: "recreate", subscription });
    } else if (left < renewBeforeMs) {
      steps.push({ action: "renew", subscription });
    }
  }
  let ordinal = stored.length;
  for (const [key, { connection, mailbox }] of wantedKeys) {
    if (!storedKeys.has(key)) {
      steps.push({ action: "create", connection, mailbox: normaliseMailbox(mailbox), ordinal: ordinal++ });
    }
  }
  return steps;
}

export interface SubscriptionContext {
  db: Store;
  /** The Graph client of a connection. */
  requester(connection: string): GraphRequester;
  /** Where Graph posts change notifications and lifecycle notifications (both HTTPS, both answering the handshake). */
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  now(): Date;
}

export interface StepOutcome {
  action: "created" | "renewed" | "recreated" | "deleted" | "reauthorized";
  connection: string;
  mailbox: string;
}

export interface StepFailure {
  action: SubscriptionStep["action"];
  connection: string;
  mailbox: string;
  error: Error;
}

/**
 * What applying a plan did. A `recreated` mailbox went without notifications for a while: its profiles
 * need a reconcile. Failures are reported (each with its cause), not thrown, so one mailbox does not hold
 * up the others; the next plan retries them.
 */
export interface SubscriptionReport {
  done: StepOutcome[];
  failed: StepFailure[];
}

/** How many subscription requests run at once: creating one waits for Graph's handshake with our endpoint. */
const CONCURRENCY = 8;

export async function applySubscriptionPlan(
  context: SubscriptionContext,
  steps: readonly SubscriptionStep[],
): Promise<SubscriptionReport> {
  const report: SubscriptionReport = { done: [], failed: [] };
  await inParallel([...steps], CONCURRENCY, async (step) => {
    const target = step.action === "create" ? step : step.subscription;
    try {
      const action = await applyStep(context, step);
      report.done.push({ action, connection: target.connection, mailbox: target.mailbox });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      report.failed.push({
        action: step.action,
        connection: target.connection,
        mailbox: target.mailbox,
        error: failure,
      });
    }
  });
  return report;
}

async function applyStep(
  context: SubscriptionContext,
  step: SubscriptionStep,
): Promise<StepOutcome["action"]> {
  switch (step.action) {
    case "create":
      await subscribe(context, step.connection, step.mailbox, firstExpiry(context.now(), step.ordinal));
      return "created";
    case "renew":
      return renew(context, step.subscription);
    case "recreate":
      await recreateSubscription(context, step.subscription);
      return "recreated";
    case "delete":
      await unsubscribe(context, step.subscription);
      return "deleted";
  }
}

/** A fresh clientState: 256 random bits, well inside Graph's 128-character limit. */
export function newClientState(): string {
  return randomBytes(32).toString("base64url");
}

/** What the store keeps of a clientState (see safeEqual for how notifications are checked against it). */
export function hashClientState(clientState: string): string {
  return createHash("sha256").update(clientState, "utf8").digest("hex");
}

/** A new Graph subscription with a fresh clientState, and the row the store keeps of it. */
async function newSubscription(
  context: SubscriptionContext,
  connection: string,
  mailbox: string,
  expiresAt: Date,
) {
  const clientState = newClientState();
  const created = await createFor(context, connection, mailbox, clientState, expiresAt);
  const row = {
    subscriptionId: created.id,
    clientStateHash: hashClientState(clientState),
    expiresAt: created.expiresAt,
  };
  return { created, row };
}

/** Subscribes to a mailbox and records it; a subscription that cannot be recorded is deleted again. */
async function subscribe(context: SubscriptionContext, connection: string, mailbox: string, expiresAt: Date) {
  const { created, row } = await newSubscription(context, connection, mailbox, expiresAt);
  return recordOrUndo(context, connection, mailbox, created, () =>
    insertSubscription(context.db, { connection, mailbox, ...row }, context.now()),
  );
}

/**
 * Replaces a subscription Graph no longer has (expired, `subscriptionRemoved`) with a new one. The row is
 * swapped only if it still names the old subscription; otherwise someone else already dealt with it.
 */
export async function recreateSubscription(
  context: SubscriptionContext,
  previous: StoredSubscription,
): Promise<StoredSubscription> {
  const { connection, mailbox } = previous;
  // The one it replaces had its place in the spread: the new one keeps it.
  const expiresAt = renewedExpiry(new Date(previous.expiresAt), context.now());
  const { created, row } = await newSubscription(context, connection, mailbox, expiresAt);
  return recordOrUndo(context, connection, mailbox, created, async () => {
    const replaced = await replaceSubscription(context.db, previous.subscriptionId, row, context.now());
    if (!replaced)
      throw new Error(`the stored subscription ${previous.subscriptionId} was replaced or removed meanwhile`);
    return replaced;
  });
}

/** Answers `reauthorizationRequired`; a subscription Graph has dropped meanwhile is recreated instead. */
export async function reauthorize(
  context: SubscriptionContext,
  subscription: StoredSubscription,
): Promise<StepOutcome["action"]> {
  const requester = context.requester(subscription.connection);
  try {
    await reauthorizeSubscription(requester, {
      id: subscription.subscriptionId,
      mailbox: subscription.mailbox,
    });
    return "reauthorized";
  } catch (error) {
    if (!isGone(error)) throw error;
    await recreateSubscription(context, subscription);
    return "recreated";
  }
}

async function renew(
  context: SubscriptionContext,
  subscription: StoredSubscription,
): Promise<StepOutcome["action"]> {
  const requester = context.requester(subscription.connection);
  const target = { id: subscription.subscriptionId, mailbox: subscription.mailbox };
  let renewed: SubscriptionInfo;
  try {
    const expiresAt = renewedExpiry(new Date(subscription.expiresAt), context.now());
    renewed = await renewSubscription(requester, target, expiresAt);
  } catch (error) {
    if (!isGone(error)) throw error;
    await recreateSubscription(context, subscription);
    return "recreated";
  }
  const recorded = await recordRenewal(
    context.db,
    subscription.subscriptionId,
    renewed.expiresAt,
    context.now(),
  );
  if (recorded) return "renewed";
  // Unsubscribed meanwhile (the mailbox's profiles were paused): do not keep what nobody tracks.
  await deleteSubscription(requester, target);
  throw new Error(
    `renew the subscription to events of ${subscription.mailbox}: it was removed from the store meanwhile, so it was deleted from Graph`,
  );
}

/** Deletes the subscription in Graph (already gone is fine), then forgets it. */
async function unsubscribe(context: SubscriptionContext, subscription: StoredSubscription): Promise<void> {
  const requester = context.requester(subscription.connection);
  await deleteSubscription(requester, { id: subscription.subscriptionId, mailbox: subscription.mailbox });
  await deleteSubscriptionRow(context.db, subscription.subscriptionId);
}

function createFor(
  context: SubscriptionContext,
  connection: string,
  mailbox: string,
  clientState: string,
  expiresAt: Date,
) {
  return createSubscription(
    context.requester(connection),
    {
      mailbox,
      notificationUrl: context.notificationUrl,
      lifecycleNotificationUrl: context.lifecycleNotificationUrl,
      clientState,
      expiresAt,
    },
    context.now(),
  );
}

/** Runs `record`; when it fails, deletes the Graph subscription just made, and says what became of it. */
async function recordOrUndo(
  context: SubscriptionContext,
  connection: string,
  mailbox: string,
  created: SubscriptionInfo,
  record: () => Promise<StoredSubscription>,
): Promise<StoredSubscription> {
  try {
    return await record();
  } catch (error) {
    const what = `record the subscription to events of ${mailbox} (connection ${connection})`;
    try {
      await deleteSubscription(context.requester(connection), { id: created.id, mailbox });
    } catch (undoError) {
      throw new Error(
        `${what}: failed, and deleting it from Graph failed too; Graph drops it at ${created.expiresAt.toISOString()}`,
        { cause: new AggregateError([error, undoError]) },
      );
    }
    throw new Error(`${what}: failed, so it was deleted from Graph again`, { cause: error });
  }
}

const isGone = (error: unknown) => error instanceof GraphRequestError && error.kind === "not-found";
