import type { FakeRequest, Routes } from "../../test/fake-api";
import type { Profile, Sync } from "./use-profiles";

/** Test data for the Profiles screen and a profile's page: syncs, connections, profiles, a job. */

export const SYNC: Sync = {
  id: "s1",
  name: "contoso-fabrikam",
  connectionA: "c1",
  connectionB: "c2",
  direction: "two-way",
  mapping: { preset: "full-details" },
  startMode: "only-new",
  window: { pastDays: 30 },
  policies: { copyReminders: false, massDeletionShare: 0.5, massDeletionMinimum: 10, emptySideGuard: true },
  rules: [],
  profiles: { total: 0, draft: 0, active: 0, paused: 0, error: 0, needs_confirmation: 0 },
  createdAt: "2025-03-01T09:00:00.000Z",
  updatedAt: "2025-03-01T09:00:00.000Z",
} as unknown as Sync;

export const CONNECTIONS = [
  { id: "c1", name: "contoso", tenant: "contoso.com" },
  { id: "c2", name: "fabrikam", tenant: "fabrikam.com" },
];

export function profile(index: number, overrides: Partial<Profile> = {}): Profile {
  const local = `person${String(index).padStart(5, "0")}`;
  return {
    id: `p${index}`,
    sync: "s1",
    name: `Person ${String(index).padStart(5, "0")}`,
    mailboxA: `${local}@contoso.com`,
    mailboxB: `${local}@fabrikam.com`,
    status: "active",
    statusReason: null,
    startMode: "only_new",
    source: "import",
    bindingId: null,
    mailboxCheck: { status: "verified", reason: null, checkedAt: "2025-03-01T09:00:00.000Z" },
    counts: {
      copiesAToB: 3,
      copiesBToA: 2,
      linked: 0,
      lastRun: {
        startedAt: "2025-03-01T10:00:00.000Z",
        finishedAt: "2025-03-01T10:00:01.000Z",
        outcome: "ok",
      },
    },
    createdAt: "2025-03-01T09:00:00.000Z",
    updatedAt: "2025-03-01T09:00:00.000Z",
    ...overrides,
  };
}

/**
 * GET /api/profiles over `count` generated profiles (filtered by status and search as the API does),
 * paged by a cursor that is the next index.
 */
export function profileListRoute(all: Profile[]) {
  return (request: FakeRequest): [number, unknown] => {
    const query = new URL(request.path, "http://x").searchParams;
    const status = query.get("status");
    const search = query.get("search")?.toLowerCase();
    const matching = all.filter(
      (p) =>
        (!status || p.status === status) &&
        (!search || `${p.name} ${p.mailboxA} ${p.mailboxB}`.toLowerCase().includes(search)),
    );
    const start = Number(query.get("cursor") ?? 0);
    const limit = Number(query.get("limit") ?? 100);
    const page = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? String(start + limit) : null;
    return [200, { profiles: page, nextCursor: next, total: matching.length }];
  };
}

export const job = (overrides: Record<string, unknown> = {}) => ({
  id: "j1",
  kind: "profile_action",
  action: "pause",
  status: "queued",
  total: 10,
  done: 0,
  failed: 0,
  cancelRequested: false,
  filter: null,
  mode: null,
  reason: null,
  sync: null,
  error: null,
  createdBy: "admin",
  createdAt: "2025-03-01T09:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  updatedAt: "2025-03-01T09:00:00.000Z",
  failures: [],
  ...overrides,
});

export const baseRoutes: Routes = {
  "GET /api/syncs": [200, { syncs: [SYNC] }],
  "GET /api/connections": [200, { connections: CONNECTIONS }],
};
