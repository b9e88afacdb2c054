import type { StoredClients } from "../connections/stored-clients.js";
import type { GraphClient } from "../graph/client.js";
import {
  applySubscriptionPlan,
  planSubscriptions,
  reauthorize,
  recreateSubscription,
  type SubscriptionContext,
  type SubscriptionReport,
  type SubscriptionStep,
} from "../notifications/subscriptions.js";
import type { WebhookWork } from "../notifications/webhooks.js";
import { findConnection } from "../store/connections.js";
import type { Store } from "../store/database.js";
import { deleteSubscriptionRow, listSubscriptions } from "../store/subscriptions.js";
import { profilesOfMailbox, watchedMailboxes } from "../store/watched.js";
import type { RunRequester } from "./service-types.js";

export interface UpkeepDeps {
  db: Store;
  clients: StoredClients;
  /** Without a public URL Graph cannot reach us: no subscriptions (the periodic reconcile does it all). */
  publicUrl: string | undefined;
  now: () => Date;
  runs: RunRequester;
}

export const webhookUrls = (publicUrl: string) => ({
  notificationUrl: `${publicUrl}/api/webhooks/graph`,
  lifecycleNotificationUrl: `${publicUrl}/api/webhooks/graph/lifecycle`,
});

const connectionOf = (step: SubscriptionStep) =>
  step.action === "create" ? step.connection : step.subscription.connection;

/** The Graph clients the steps need, by connection id; a connection deleted meanwhile has none. */
async function clientsFor(
  deps: UpkeepDeps,
  connections: Iterable<string>,
): Promise<Map<string, GraphClient>> {
  const clients = new Map<string, GraphClient>();
  for (const id of new Set(connections)) {
    const row = await findConnection(deps.db, id);
    if (row) clients.set(id, deps.clients.clientOf(row));
  }
  return clients;
}

function contextOf(deps: UpkeepDeps, clients: Map<string, GraphClient>): SubscriptionContext {
  return {
    db: deps.db,
    requester: (connection) => {
      const client = clients.get(connection);
      if (!client) throw new Error(`connection ${connection} no longer exists`);
      return client;
    },
    ...webhookUrls(deps.publicUrl ?? "https://invalid.example"),
    now: deps.now,
  };
}

/**
 * Makes the subscriptions match the runnable profiles: one per watched mailbox, renewed a day before it
 * lapses, recreated when Graph dropped it, deleted when no runnable profile reads the mailbox any more
 * (pause, remove). A mailbox whose subscription was recreated went without notifications for a while:
 * its profiles run. Subscriptions of a deleted connection are forgotten (Graph drops them when they lapse).
 */
export async function keepSubscriptions(deps: UpkeepDeps): Promise<SubscriptionReport> {
  const wanted = deps.publicUrl ? await watchedMailboxes(deps.db) : [];
  const steps = planSubscriptions(wanted, await listSubscriptions(deps.db), deps.now());
  const clients = await clientsFor(deps, steps.map(connectionOf));
  const orphaned = steps.filter((step) => !clients.has(connectionOf(step)));
  for (const step of orphaned) {
    if (step.action !== "create") await deleteSubscriptionRow(deps.db, step.subscription.subscriptionId);
  }
  const live = steps.filter((step) => clients.has(connectionOf(step)));
  const report = await applySubscriptionPlan(contextOf(deps, clients), live);
  for (const done of report.done.filter((outcome) => outcome.action === "recreated")) {
    await runMailbox(deps, done.connection, done.mailbox, "subscription-recreated");
  }
  return report;
}

async function runMailbox(deps: UpkeepDeps, connection: string, mailbox: string, trigger: string) {
  const targets = await profilesOfMailbox(deps.db, connection, mailbox);
  if (targets.length > 0) await deps.runs.requestRuns([...new Set(targets.map((t) => t.profileId))], trigger);
}

/** What a lifecycle notification asks for: reauthorize, or recreate and catch up with a run. */
export async function lifecycleUpkeep(
  deps: UpkeepDeps,
  work: Extract<WebhookWork, { kind: "reauthorize" | "recreate" }>,
): Promise<void> {
  const { subscription } = work;
  // No runnable profile reads the mailbox any more (paused meanwhile): the plan deletes it instead.
  if ((await profilesOfMailbox(deps.db, subscription.connection, subscription.mailbox)).length === 0) {
    await keepSubscriptions(deps);
    return;
  }
  const clients = await clientsFor(deps, [subscription.connection]);
  if (!clients.has(subscription.connection)) {
    await deleteSubscriptionRow(deps.db, subscription.subscriptionId);
    return;
  }
  const context = contextOf(deps, clients);
  let outcome = "recreated";
  if (work.kind === "reauthorize") outcome = await reauthorize(context, subscription);
  else await recreateSubscription(context, subscription);
  if (outcome === "recreated")
    await runMailbox(deps, subscription.connection, subscription.mailbox, "subscription-recreated");
}
