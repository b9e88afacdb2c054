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
  /** GET /api/profiles (any filter, sort or page), one profile, and what belongs to it. */
  profiles: ["profiles"] as const,
  profile: (id: string) => ["profiles", id] as const,
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
  /** GET /api/jobs?status=… (the overview's running jobs). */
  jobList: (status: string) => ["jobs", "list", status] as const,
};
