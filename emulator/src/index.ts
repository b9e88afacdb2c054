/**
 * The emulator's public surface, for tests that start it in-process: the server, the seed format and the
 * world it builds, and the shapes its services hand out. Everything else under src/ is internal.
 * The TLS helpers are a separate entry point (`m365-emulator/tls`), light enough for a test runner's config.
 */
export type { MailboxChange, MailboxChangeListener } from "./bus.js";
export type { EmulatorContext, EmulatorSettings } from "./context.js";
export { describeTenants, type TenantSummary } from "./control/describe.js";
export { GraphError } from "./graph/errors.js";
export { type EmulatorOptions, type RunningEmulator, startEmulator } from "./server.js";
export type { StatsSnapshot } from "./stats.js";
export { buildDemoSeed, DEMO_DOMAINS } from "./world/demo-seed.js";
export { EXCHANGE_APPLICATION_ROLES, resolveRoleAssignments } from "./world/exchange-roles.js";
export { applySeed, loadSeed } from "./world/seed.js";
export type {
  Seed,
  SeedApp,
  SeedEvent,
  SeedExchangeRoleAssignment,
  SeedGroup,
  SeedTenant,
  SeedUser,
} from "./world/seed-types.js";
export type {
  AppRegistration,
  ExchangeRoleAssignment,
  Group,
  ServicePrincipal,
  Tenant,
  User,
} from "./world/types.js";
export { WorldError } from "./world/world.js";
