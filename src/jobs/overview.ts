import { type SubscriptionHealth, subscriptionHealth } from "../notifications/subscription-health.js";
import { type ConnectionStatus, listConnections } from "../store/connections.js";
import type { Store } from "../store/database.js";
import { graphUsageSince } from "../store/graph-usage.js";
import { latestStatusReasons, type StatusReason } from "../store/profile-views.js";
import { profileStatusCounts } from "../store/profiles.js";
import { runLagsSince } from "../store/runs.js";
import { PROFILE_STATUSES, type ProfileStatus } from "../store/schema.js";
import type { ServiceActivity } from "./service-types.js";

/**
 * The dashboard's overview, as of one moment: profiles per status with the latest reasons of those that
 * wait for someone, the change-to-copy lag of the last hour's runs, each connection's status and Graph
 * requests in the last hour, and how well change notifications cover the watched mailboxes.
 */

/** Statuses whose reasons the overview lists: those that wait for a person or a fix. */
export const WAITING_STATUSES = ["error", "needs_confirmation", "paused"] as const satisfies ProfileStatus[];
export type WaitingStatus = (typeof WAITING_STATUSES)[number];

const REASONS_PER_STATUS = 5;
const WINDOW_MS = 60 * 60_000;
/** The percentiles are taken over at most this many of the hour's runs (the newest). */
const MAX_LAGS = 100_000;

export interface ChangeLag {
  /** Runs of the last hour that mirrored a change notification. */
  runs: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface ConnectionOverview {
  id: string;
  name: string;
  status: ConnectionStatus;
  statusReason: string | null;
  checkedAt: string | null;
  /** HTTP requests to Graph and 429 answers in the last hour, every process counted. */
  requests: number;
  throttled: number;
}

export interface Overview {
  at: Date;
  windowMinutes: number;
  profiles: {
    total: number;
    byStatus: Record<ProfileStatus, number>;
    latestReasons: Record<WaitingStatus, StatusReason[]>;
  };
  changeLag: ChangeLag;
  connections: ConnectionOverview[];
  subscriptions: SubscriptionHealth & { lastNotificationAt: Date | null };
}

export interface OverviewDeps {
  db: Store;
  now: () => Date;
  /** The running service's own knowledge (notifications it received, Graph counts not yet stored). */
  activity?: ServiceActivity;
}

/** The value below which `share` of the sorted values lie (nearest rank). */
function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

async function profilesPart(db: Store): Promise<Overview["profiles"]> {
  const [counts, reasons] = await Promise.all([
    profileStatusCounts(db),
    latestStatusReasons(db, WAITING_STATUSES, REASONS_PER_STATUS),
  ]);
  const byStatus = Object.fromEntries(PROFILE_STATUSES.map((status) => [status, 0])) as Record<
    ProfileStatus,
    number
  >;
  for (const { status, count } of counts) byStatus[status] += count;
  const latestReasons = Object.fromEntries(
    WAITING_STATUSES.map((status) => [status, reasons.filter((reason) => reason.status === status)]),
  ) as Record<WaitingStatus, StatusReason[]>;
  const total = Object.values(byStatus).reduce((sum, count) => sum + count, 0);
  return { total, byStatus, latestReasons };
}

async function connectionsPart(db: Store, since: Date): Promise<ConnectionOverview[]> {
  const [connections, usage] = await Promise.all([listConnections(db), graphUsageSince(db, since)]);
  const used = new Map(usage.map((row) => [row.connectionId, row]));
  return connections.map((connection) => ({
    id: connection.id,
    name: connection.name,
    status: connection.status,
    statusReason: connection.statusReason,
    checkedAt: connection.checkedAt,
    requests: used.get(connection.id)?.requests ?? 0,
    throttled: used.get(connection.id)?.throttled ?? 0,
  }));
}

export async function readOverview(deps: OverviewDeps): Promise<Overview> {
  const { db } = deps;
  const at = deps.now();
  const since = new Date(at.getTime() - WINDOW_MS);
  // This process's latest Graph counts first, so that they are in what is read.
  await deps.activity?.flushGraphUsage();
  const [profiles, lags, connections, subscriptions] = await Promise.all([
    profilesPart(db),
    runLagsSince(db, since, MAX_LAGS),
    connectionsPart(db, since),
    subscriptionHealth(db, at),
  ]);
  return {
    at,
    windowMinutes: WINDOW_MS / 60_000,
    profiles,
    changeLag: { runs: lags.length, p50Ms: percentile(lags, 0.5), p99Ms: percentile(lags, 0.99) },
    connections,
    subscriptions: { ...subscriptions, lastNotificationAt: deps.activity?.lastNotificationAt() ?? null },
  };
}
