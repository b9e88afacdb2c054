import type { EmulatorContext } from "../context.js";
import { applySeedEvents } from "../world/seed.js";

/**
 * Back to the state right after start-up: calendars hold the start-up seed's events again, and
 * subscriptions, faults, limits, counters and the clock are cleared. Tenants, users, groups and apps stay,
 * so credentials handed out remain valid; `everything` clears those too and leaves an empty emulator.
 */
export async function resetEmulator(ctx: EmulatorContext, options: { everything: boolean }): Promise<void> {
  ctx.subscriptions.reset();
  ctx.traffic.reset();
  ctx.identity.reset();
  ctx.mailboxes.reset();
  ctx.clock.reset();
  if (options.everything) {
    ctx.world.tenants.clear();
    ctx.world.apps.clear();
    ctx.startupSeed = undefined;
  } else if (ctx.startupSeed) {
    applySeedEvents(ctx, ctx.startupSeed);
  }
  ctx.stats.reset();
}
