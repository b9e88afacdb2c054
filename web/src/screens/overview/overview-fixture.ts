import type { Job, Overview } from "./use-overview";

/** A full answer of GET /api/overview, for the component and accessibility tests. */
export const OVERVIEW: Overview = {
  at: "2025-03-01T09:00:00.000Z",
  windowMinutes: 60,
  profiles: {
    total: 1250,
    byStatus: { draft: 3, active: 1210, paused: 30, error: 5, needs_confirmation: 2 },
    latestReasons: {
      error: [
        {
          profile: { id: "77b1", name: "Megan Bowen" },
          sync: { id: "9e1c", name: "contoso-fabrikam" },
          reason: "reading mailbox B (megan@fabrikam.com): access denied",
          since: "2025-03-01T08:51:12.004Z",
        },
      ],
      needs_confirmation: [
        {
          profile: { id: "4e0d", name: "=cmd|' /C calc'!A0" },
          sync: { id: "9e1c", name: null },
          reason: "the run would delete 80% of the copies",
          since: "2025-03-01T08:40:00.000Z",
        },
      ],
      paused: [],
    },
  },
  changeLag: { runs: 412, p50Ms: 640, p99Ms: 2950 },
  connections: [
    {
      id: "0b7c",
      name: "contoso",
      status: "connected",
      connected: true,
      statusReason: null,
      checkedAt: "2025-03-01T08:00:00.000Z",
      graph: { requests: 5120, throttled: 3 },
    },
    {
      id: "1d2e",
      name: "fabrikam",
      status: "consent_missing",
      connected: false,
      statusReason: "no admin consent yet for the app in fabrikam.com",
      checkedAt: null,
      graph: { requests: 0, throttled: 0 },
    },
  ],
  subscriptions: {
    watchedMailboxes: 2420,
    subscriptions: 2408,
    expiringWithinDay: 12,
    missing: 12,
    lastNotificationAt: "2025-03-01T08:59:58.120Z",
  },
};

export const RUNNING_JOB: Job = {
  id: "5b0e",
  kind: "profile_action",
  action: "pause",
  status: "running",
  total: 1240,
  done: 75,
  failed: 1,
  cancelRequested: false,
  filter: { status: "active", search: "@contoso.com" },
  mode: null,
  reason: "tenant migration",
  sync: null,
  error: null,
  createdBy: "admin",
  createdAt: "2025-03-01T08:59:00.000Z",
  startedAt: "2025-03-01T08:59:01.000Z",
  finishedAt: null,
  updatedAt: "2025-03-01T09:00:00.000Z",
};

/** An installation with nothing yet: no connection, no profile. */
export const EMPTY_OVERVIEW: Overview = {
  ...OVERVIEW,
  profiles: {
    total: 0,
    byStatus: { draft: 0, active: 0, paused: 0, error: 0, needs_confirmation: 0 },
    latestReasons: { error: [], needs_confirmation: [], paused: [] },
  },
  changeLag: { runs: 0, p50Ms: null, p99Ms: null },
  connections: [],
  subscriptions: {
    watchedMailboxes: 0,
    subscriptions: 0,
    expiringWithinDay: 0,
    missing: 0,
    lastNotificationAt: null,
  },
};
