/**
 * Every query's key, in one place. The first element names the API collection (`tokens`, `connections`…),
 * so invalidating `["tokens"]` refreshes every query about tokens. A screen adds its keys here:
 *
 *   connections: ["connections"] as const,
 *   connection: (id: string) => ["connections", id] as const,
 */
export const queryKeys = {
  /** GET /api/auth/me: the signed-in administrator, or null. */
  session: ["session"] as const,
  /** GET /api/setup: whether the first administrator is still to be created. */
  setup: ["setup"] as const,
  /** GET /api/tokens. */
  tokens: ["tokens"] as const,
  /** GET /api/overview. */
  overview: ["overview"] as const,
  /** GET /api/connections, and one connection. */
  connections: ["connections"] as const,
  connection: (id: string) => ["connections", id] as const,
  /** GET /api/syncs, and one sync. */
  syncs: ["syncs"] as const,
  sync: (id: string) => ["syncs", id] as const,
  /** POST /api/syncs/preview-copy: the copy a draft would make of one event (a read, cached by request). */
  syncPreview: (request: unknown) => ["syncs", "preview-copy", request] as const,
  /** GET /api/syncs/{syncId}/profiles searched by the sync editor's test area. */
  syncProfiles: (id: string, search: string) => ["profiles", "of-sync", id, search] as const,
  /** GET /api/profiles (any filter, sort or page), one profile, and what belongs to it. */
  profiles: ["profiles"] as const,
  profile: (id: string) => ["profiles", id] as const,
  /** The Profiles screen's list (its filters and sort), paged by cursor as the admin scrolls. */
  profileList: (params: object) => ["profiles", "list", params] as const,
  /** A profile's decisions (its filters) and why for one event: refreshed when the profile runs. */
  profileDecisions: (id: string, filters: object) => ["profiles", id, "decisions", filters] as const,
  why: (profileId: string, eventId: string) => ["profiles", profileId, "why", eventId] as const,
  /** A profile's recent runs: under "runs", so every run event refreshes them. */
  profileRuns: (id: string) => ["runs", "profile", id] as const,
  /** Look-ups in a sync's tenants: events of a mailbox, one mailbox checked, groups found; its bindings. */
  syncEvents: (syncId: string, params: object) => ["syncs", syncId, "events", params] as const,
  mailboxCheck: (syncId: string, side: string, mailbox: string) =>
    ["syncs", syncId, "mailbox-check", side, mailbox] as const,
  groupSearch: (syncId: string, side: string, search: string) =>
    ["syncs", syncId, "groups", side, search] as const,
  groupBindings: (syncId: string) => ["syncs", syncId, "group-bindings"] as const,
  /** GET /api/runs and /api/decisions (any filter). */
  runs: ["runs"] as const,
  decisions: ["decisions"] as const,
  /** One list of runs or decisions (its filters), paged by cursor; one run with its decisions. */
  runList: (filters: object) => ["runs", "list", filters] as const,
  run: (id: string) => ["runs", id] as const,
  decisionList: (filters: object) => ["decisions", "list", filters] as const,
  /** GET /api/jobs and one job. */
  jobs: ["jobs"] as const,
  job: (id: string) => ["jobs", id] as const,
  /** Jobs the admin started in this session, shown with their progress until dismissed (kept here only). */
  trackedJobs: ["jobs", "tracked"] as const,
  /** GET /api/jobs?status=… (the overview's running jobs). */
  jobList: (status: string) => ["jobs", "list", status] as const,
};
