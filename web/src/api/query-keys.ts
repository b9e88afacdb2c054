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
};
