import type { EmulatorContext } from "../context.js";

/** Graph subscriptions and change-notification delivery. */
export class SubscriptionService {
  constructor(readonly ctx: EmulatorContext) {}

  /** Stops delivery timers so the process can exit. */
  async close(): Promise<void> {}
}
