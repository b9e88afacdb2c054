import { Type } from "typebox";
import { type Overview, readOverview, WAITING_STATUSES } from "../../jobs/overview.js";
import { CONNECTION_STATUSES } from "../../store/connections.js";
import { PROFILE_STATUSES } from "../../store/schema.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

const DateTime = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const counts = <T extends readonly string[]>(keys: T) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer()])));

const Reason = Type.Object({
  profile: Type.Object({ id: Type.String(), name: Type.String() }),
  sync: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  reason: Nullable(Type.String()),
  since: Type.String({
    format: "date-time",
    description: "when the profile last changed (its status or an edit)",
  }),
});

const OverviewSchema = Type.Object({
  at: DateTime,
  windowMinutes: Type.Integer({
    description: "the window of changeLag and of the connections' Graph counts",
  }),
  profiles: Type.Object({
    total: Type.Integer(),
    byStatus: counts(PROFILE_STATUSES),
    latestReasons: Type.Object(
      Object.fromEntries(WAITING_STATUSES.map((status) => [status, Type.Array(Reason, { maxItems: 5 })])),
      { description: "the 5 most recently changed profiles of each status that waits for someone" },
    ),
  }),
  changeLag: Type.Object(
    {
      runs: Type.Integer({ description: "runs of the window that mirrored a change notification" }),
      p50Ms: Nullable(Type.Integer()),
      p99Ms: Nullable(Type.Integer()),
    },
    { description: "from a change notification to the end of the run that mirrored it, debounce included" },
  ),
  connections: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      status: Type.Enum(CONNECTION_STATUSES),
      connected: Type.Boolean(),
      statusReason: Nullable(Type.String()),
      checkedAt: Nullable(DateTime),
      graph: Type.Object(
        {
          requests: Type.Integer({ description: "HTTP requests to Graph, retries included" }),
          throttled: Type.Integer({ description: "429 answers, inner requests of a $batch included" }),
        },
        { description: "in the window, counted by every process (serve, its worker, crosscal worker)" },
      ),
    }),
  ),
  subscriptions: Type.Object({
    watchedMailboxes: Type.Integer({ description: "mailboxes an active profile (or one in error) reads" }),
    subscriptions: Type.Integer(),
    expiringWithinDay: Type.Integer(),
    missing: Type.Integer({ description: "watched mailboxes without a subscription" }),
    lastNotificationAt: Nullable(
      Type.String({ format: "date-time", description: "received by this serve process since it started" }),
    ),
  }),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

function overviewOut(overview: Overview) {
  const reasons = Object.fromEntries(
    Object.entries(overview.profiles.latestReasons).map(([status, list]) => [
      status,
      list.map((entry) => ({
        profile: { id: entry.id, name: entry.name },
        sync: { id: entry.sync, name: entry.syncName },
        reason: entry.reason,
        since: entry.since,
      })),
    ]),
  );
  return {
    at: overview.at.toISOString(),
    windowMinutes: overview.windowMinutes,
    profiles: { ...overview.profiles, latestReasons: reasons },
    changeLag: overview.changeLag,
    connections: overview.connections.map(({ requests, throttled, ...connection }) => ({
      ...connection,
      connected: connection.status === "connected",
      graph: { requests, throttled },
    })),
    subscriptions: {
      ...overview.subscriptions,
      lastNotificationAt: iso(overview.subscriptions.lastNotificationAt),
    },
  };
}

/** The dashboard's overview numbers, in one read. */
export async function overviewRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/overview",
    {
      schema: {
        summary: "Profiles per status with the latest reasons, change lag, Graph usage, subscription health",
        tags: ["overview"],
        response: responses({ 200: OverviewSchema }, [401]),
      },
    },
    async () => {
      const activity = settings.service?.activity;
      return overviewOut(
        await readOverview({ db: settings.db, now: settings.now, ...(activity && { activity }) }),
      );
    },
  );
}
