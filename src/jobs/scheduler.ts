/** A task the scheduler repeats: it starts again `everyMs` after the previous one ended, never overlapping. */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(): Promise<void>;
  /** Also once right after start (default true). */
  atStart?: boolean;
}

/**
 * The in-process scheduler: each task in its own timer chain, so a slow task delays only itself and never
 * runs twice at once. A failure goes to `onError` and the task is tried again at its next turn. Hand-written:
 * a dozen lines of setTimeout, where a cron library would add calendar syntax we do not need.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly onError: (task: string, error: unknown) => void) {}

  start(tasks: readonly PeriodicTask[]): void {
    for (const task of tasks) this.plan(task, task.atStart === false ? task.everyMs : 0);
  }

  /** No task starts any more; resolves when those running have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running);
  }

  private plan(task: PeriodicTask, delayMs: number): void {
    if (this.stopped) return;
    this.timers.set(
      task.name,
      setTimeout(() => {
        const turn = task
          .run()
          .catch((error) => this.onError(task.name, error))
          .finally(() => {
            this.running.delete(turn);
            this.plan(task, task.everyMs);
          });
        this.running.add(turn);
      }, delayMs),
    );
  }
}
