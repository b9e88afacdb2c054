/**
 * The emulator's notion of "now". Tests advance it to make tokens, subscriptions and
 * delta states expire without waiting; the offset applies to every time-dependent rule.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowDate(): Date {
    return new Date(this.now());
  }

  nowIso(): string {
    return this.nowDate().toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** How far the clock was advanced: saved with the world, or tokens and subscriptions would move in time. */
  get offset(): number {
    return this.offsetMs;
  }

  restore(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}
