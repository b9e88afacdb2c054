import type { EmulatorContext } from "../context.js";
import { type DirectoryDeltaSnapshot, deltaStoreOf } from "../directory/delta-state.js";
import type { MailboxesSnapshot } from "../events/store.js";
import type { SubscriptionsSnapshot } from "../subscriptions/service.js";
import type { Seed } from "../world/seed-types.js";
import { restoreWorld, type WorldSnapshot, worldSnapshot } from "../world/world-snapshot.js";

export const SNAPSHOT_FORMAT = "m365-emulator-world";
export const SNAPSHOT_VERSION = 1;

/**
 * What makes a restarted emulator the same Microsoft 365 as before: the directory and consent, every
 * mailbox with its ids, changeKeys and change log, the delta sync states behind tokens already handed out,
 * live subscriptions, the clock's offset and the start-up seed (replayed by a reset).
 * Not kept: counters, throttling windows, injected faults and latency, notifications not yet delivered,
 * the consent decision; they describe a test's traffic, not the tenants.
 */
export interface EmulatorSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  savedAt: string;
  clockOffsetMs: number;
  startupSeed?: Seed;
  world: WorldSnapshot;
  mailboxes: MailboxesSnapshot;
  directoryDelta: DirectoryDeltaSnapshot;
  subscriptions: SubscriptionsSnapshot;
}

export function takeSnapshot(ctx: EmulatorContext): EmulatorSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    savedAt: new Date().toISOString(),
    clockOffsetMs: ctx.clock.offset,
    ...(ctx.startupSeed && { startupSeed: ctx.startupSeed }),
    world: worldSnapshot(ctx.world),
    mailboxes: ctx.mailboxes.snapshot(),
    directoryDelta: deltaStoreOf(ctx).snapshot(),
    subscriptions: ctx.subscriptions.snapshot(),
  };
}

/** The directory first: calendars and subscriptions refer to its users. */
export function restoreSnapshot(ctx: EmulatorContext, snapshot: EmulatorSnapshot): void {
  restoreWorld(ctx.world, snapshot.world);
  ctx.clock.restore(snapshot.clockOffsetMs);
  ctx.startupSeed = snapshot.startupSeed;
  ctx.mailboxes.restore(snapshot.mailboxes);
  deltaStoreOf(ctx).restore(snapshot.directoryDelta);
  ctx.subscriptions.restore(snapshot.subscriptions);
}
