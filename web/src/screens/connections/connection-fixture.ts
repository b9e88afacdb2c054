import type { Connection } from "./use-connections";

/** A connection as GET /api/connections answers it, for component tests (a fake fetch stands in). */
export const connection = (id: string, name: string, more: Partial<Connection> = {}): Connection => ({
  id,
  name,
  tenant: `${name}.onmicrosoft.com`,
  clientId: "6f1c2a9e-5b0d-4c1e-9a43-2d7e8f0b1c3a",
  credentialKind: "secret",
  hasSecret: true,
  certificateThumbprint: null,
  cloud: "global",
  endpoints: null,
  probeMailbox: null,
  status: "connected",
  statusReason: "read the calendar of adele@contoso.com",
  checkedAt: "2025-03-01T09:00:00.000Z",
  recheckAt: null,
  createdAt: "2025-03-01T09:00:00.000Z",
  updatedAt: "2025-03-01T09:00:00.000Z",
  ...more,
});
