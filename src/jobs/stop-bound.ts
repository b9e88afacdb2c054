/**
 * How a process stops (SIGTERM): runs in flight get a bound to finish, then are told to stop at their next
 * step, then get a short grace to do so. The default bound stays under the 30 s systemd and Docker wait
 * between SIGTERM and SIGKILL, with room for the grace.
 */
export const DEFAULT_STOP_MS = 25_000;

/** After the abort, how long stopping runs are waited for (one Graph request each, at most, is in flight). */
export const ABORT_GRACE_MS = 5_000;

/** Whether `work` settles within `ms`; it goes on either way, and its failure is the caller's. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
