import { ChangeBus } from "./bus.js";
import { Clock } from "./clock.js";
import { MailboxStore } from "./events/store.js";
import { IdentityService } from "./identity/service.js";
import { Stats } from "./stats.js";
import { SubscriptionService } from "./subscriptions/service.js";
import { TrafficControl } from "./throttle/traffic.js";
import type { TlsMaterial } from "./tls.js";
import type { Seed } from "./world/seed-types.js";
import { World } from "./world/world.js";

export interface EmulatorSettings {
  /** Lifetime of issued access tokens, in seconds (Entra: 3599). */
  tokenLifetimeSeconds: number;
  /** Accept http:// notification URLs (real Graph requires HTTPS). */
  allowHttpNotificationUrls: boolean;
}

/**
 * Everything one emulator instance holds. Route modules receive it; nothing in the emulator is global,
 * so several emulators can run in one test process.
 */
export class EmulatorContext {
  readonly clock = new Clock();
  readonly world = new World();
  readonly stats = new Stats();
  readonly bus = new ChangeBus();
  readonly identity: IdentityService;
  readonly mailboxes: MailboxStore;
  readonly subscriptions: SubscriptionService;
  readonly traffic: TrafficControl;
  /** The seed loaded at start-up, replayed by a reset. */
  startupSeed?: Seed;
  /** The base URL (https://127.0.0.1:PORT), known once the server listens. */
  url = "";

  constructor(
    readonly tls: TlsMaterial,
    readonly settings: EmulatorSettings,
  ) {
    this.identity = new IdentityService(this);
    this.mailboxes = new MailboxStore(this);
    this.subscriptions = new SubscriptionService(this);
    this.traffic = new TrafficControl(this);
  }
}
