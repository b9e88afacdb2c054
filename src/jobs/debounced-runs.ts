import type { Side } from "../core/event.js";
import { sidesToRun } from "../notifications/echoes.js";
import type { WebhookBatch, WebhookWork } from "../notifications/webhooks.js";
import type { Store } from "../store/database.js";

/** A profile a connection's mailbox belongs to, and on which side. */
export interface ProfileSide {
  profileId: string;
  side: Side;
}

export interface DebouncedRunsOptions {
  db: Store;
  /** The profiles (and their side) that sync this mailbox of this connection. */
  profilesOf(connection: string, mailbox: string): Promise<ProfileSide[]>;
  /** One run of a profile for the given mailboxes. Failures are the run's own business (recorded there). */
  run(profileId: string, sides: Side[], why: RunReason): Promise<void>;
  /** Subscription upkeep a lifecycle notification asks for (reauthorize, recreate). */
  upkeep?(work: Extract<WebhookWork, { kind: "reauthorize" | "recreate" }>): Promise<void>;
  /** Quiet time after the last notification before a profile runs (Exchange sends bursts). */
  debounceMs?: number;
  /** Where failures of upkeep or of a run's scheduling go (never swallowed). */
  onError(error: unknown): void;
}

/** Why a run happens: what asked for it, since when, and whether a person confirmed what guards stopped. */
export interface RunReason {
  /** "notification", "reconcile", "start"...; several joined with "+". */
  trigger: string;
  /** When the first request this run answers arrived (epoch ms): change-to-copy lag is measured from it. */
  since: number;
  confirmed: boolean;
}

interface Pending {
  sides: Set<Side>;
  triggers: Set<string>;
  since?: number;
  confirmed: boolean;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 300;

/**
 * Turns webhook work into runs: each profile's notifications are collected until `debounceMs` pass without
 * another, then the profile runs once for the mailboxes they named. Echoes of what the store already
 * holds cause no run (sidesToRun). While a profile runs, its new notifications are not filtered (the store
 * is being written) and lead to one more run after it; runs of one profile never overlap here (and the
 * store's lease keeps them apart across processes).
 */
export class DebouncedRuns {
  private readonly pending = new Map<string, Pending>();
  private readonly debounceMs: number;
  private closed = false;

  constructor(private readonly options: DebouncedRunsOptions) {
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  }

  /** Takes one webhook POST's work (the route has acknowledged it already). */
  async accept(batch: WebhookBatch): Promise<void> {
    for (const work of batch.work) {
      if (work.kind === "reauthorize" || work.kind === "recreate") {
        await this.options.upkeep?.(work).catch((error) => this.options.onError(error));
        continue;
      }
      for (const target of await this.options.profilesOf(work.connection, work.mailbox)) {
        if (work.kind === "reconcile") this.schedule(target.profileId, ["A", "B"], "reconcile");
        else await this.changes(target, work.hints);
      }
    }
  }

  /**
   * Runs a profile after the quiet time, merged with any notifications for it (reconcile sweeps, actions
   * of an admin). `confirmed`: the run goes through what the guards stopped.
   */
  request(profileId: string, sides: Side[], trigger: string, confirmed = false): void {
    this.schedule(profileId, sides, trigger, confirmed);
  }

  /**
   * No run starts any more: those waiting for their quiet time are dropped (the truth is in the store: the
   * next start's reconcile runs every profile) and later requests ignored. Resolves when the runs going on
   * have ended.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [profileId, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      entry.sides.clear();
      if (!entry.running) this.pending.delete(profileId);
    }
    await this.idle();
  }

  /** Resolves once no profile is waiting or running. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending.values()].map((p) => p.running ?? this.waitFor(p)));
    }
  }

  private async changes(target: ProfileSide, hints: Extract<WebhookWork, { kind: "changes" }>["hints"]) {
    const sided = hints.map((hint) => ({ ...hint, side: target.side }));
    const busy = this.pending.get(target.profileId)?.running !== undefined;
    const sides = busy ? [target.side] : await sidesToRun(this.options.db, target.profileId, sided);
    if (sides.length > 0) this.schedule(target.profileId, sides, "notification");
  }

  private schedule(profileId: string, sides: Side[], trigger: string, confirmed = false): void {
    if (this.closed) return;
    const entry = this.pending.get(profileId) ?? { sides: new Set<Side>(), triggers: new Set(), confirmed };
    this.pending.set(profileId, entry);
    for (const side of sides) entry.sides.add(side);
    entry.triggers.add(trigger);
    entry.since ??= Date.now();
    entry.confirmed ||= confirmed;
    if (entry.running) return; // picked up when the current run ends
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.start(profileId, entry), this.debounceMs);
  }

  private start(profileId: string, entry: Pending): void {
    entry.timer = undefined;
    const sides = [...entry.sides].sort();
    const why = {
      trigger: [...entry.triggers].join("+"),
      since: entry.since ?? Date.now(),
      confirmed: entry.confirmed,
    };
    entry.sides.clear();
    entry.triggers.clear();
    entry.since = undefined;
    entry.confirmed = false;
    entry.running = this.options
      .run(profileId, sides, why)
      .catch((error) => this.options.onError(error))
      .finally(() => {
        entry.running = undefined;
        if (entry.sides.size > 0)
          this.start(profileId, entry); // asked for while it ran: no quiet time
        else this.pending.delete(profileId);
      });
  }

  /** A waiting profile's timer fires soon: poll until it has started or finished. */
  private async waitFor(entry: Pending): Promise<void> {
    while (entry.timer !== undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    await entry.running;
  }
}
