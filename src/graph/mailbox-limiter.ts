/**
 * At most `limit` concurrent Graph requests per mailbox (Exchange Online allows 4 per app and mailbox),
 * first come first served. A request may take several slots at once: a $batch runs up to 4 of its inner
 * requests in parallel against the mailbox, so it reserves as many as it can use.
 *
 * Hand-written: p-limit and friends limit one pool, not thousands of keyed pools with weighted, strictly
 * FIFO acquisition; entries exist only while a mailbox has requests running or waiting, so idle mailboxes
 * cost nothing.
 */

export type Release = () => void;

interface Waiter {
  weight: number;
  grant: () => void;
}

interface MailboxState {
  inFlight: number;
  queue: Waiter[];
}

export class MailboxLimiter {
  private readonly mailboxes = new Map<string, MailboxState>();

  constructor(readonly limit = 4) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer: ${limit}`);
  }

  /** Takes `weight` slots of `mailbox` (capped at the limit) once they are free; call the release once done. */
  async acquire(mailbox: string, weight = 1): Promise<Release> {
    const key = mailbox.toLowerCase();
    const slots = Math.min(this.limit, Math.max(1, Math.floor(weight)));
    let state = this.mailboxes.get(key);
    if (!state) {
      state = { inFlight: 0, queue: [] };
      this.mailboxes.set(key, state);
    }
    // Strict FIFO: a later small request never overtakes a waiting batch, which could starve it.
    if (state.queue.length === 0 && state.inFlight + slots <= this.limit) {
      state.inFlight += slots;
    } else {
      const waiting = state;
      await new Promise<void>((grant) => waiting.queue.push({ weight: slots, grant }));
    }
    return this.releaser(key, slots);
  }

  /** Runs `task` holding `weight` slots of `mailbox`. */
  async run<T>(mailbox: string, task: () => Promise<T>, weight = 1): Promise<T> {
    const release = await this.acquire(mailbox, weight);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Slots of `mailbox` in use now. */
  inFlight(mailbox: string): number {
    return this.mailboxes.get(mailbox.toLowerCase())?.inFlight ?? 0;
  }

  /** Mailboxes with requests running or waiting (idle ones are forgotten). */
  get size(): number {
    return this.mailboxes.size;
  }

  private releaser(key: string, slots: number): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const state = this.mailboxes.get(key);
      if (!state) return;
      state.inFlight -= slots;
      this.grantWaiting(state);
      if (state.inFlight === 0 && state.queue.length === 0) this.mailboxes.delete(key);
    };
  }

  private grantWaiting(state: MailboxState): void {
    for (
      let next = state.queue[0];
      next && state.inFlight + next.weight <= this.limit;
      next = state.queue[0]
    ) {
      state.queue.shift();
      state.inFlight += next.weight;
      next.grant();
    }
  }
}

/**
 * One MailboxLimiter per app registration (by client id), shared by every client of that app: Exchange
 * counts concurrent requests per app and mailbox, whichever tenant connection they come through.
 */
export class AppLimiters {
  private readonly limiters = new Map<string, MailboxLimiter>();

  forApp(clientId: string): MailboxLimiter {
    const app = clientId.toLowerCase();
    let limiter = this.limiters.get(app);
    if (!limiter) {
      limiter = new MailboxLimiter();
      this.limiters.set(app, limiter);
    }
    return limiter;
  }
}
