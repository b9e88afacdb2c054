import type { EmulatorContext } from "../context.js";
import { takeSnapshot } from "./snapshot.js";
import { writeWorldFile } from "./world-file.js";

/** How long changes gather before they are written: a killed emulator loses at most this much. */
export const SAVE_DELAY_MS = 500;

/**
 * Keeps the world file up to date: a change schedules one write SAVE_DELAY_MS later (changes meanwhile
 * join it), writes never overlap, and `close` writes whatever is left. A failed write is reported through
 * `onError` and retried with the next change, so a full disk does not stop the emulator.
 */
export class WorldAutosave {
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly ctx: EmulatorContext,
    readonly file: string,
    private readonly onError: (error: Error) => void,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {}

  changed(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch(this.onError);
    }, this.delayMs);
    // A pending save never keeps the process alive: stopping goes through close(), which saves.
    this.timer.unref();
  }

  /** Writes the world now (after any write in progress). */
  save(): Promise<void> {
    // The snapshot is taken when this write's turn comes, so it holds every change made until then.
    const next = this.writing.then(() => writeWorldFile(this.file, takeSnapshot(this.ctx)));
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Cancels the pending save and writes the final state. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }
}
