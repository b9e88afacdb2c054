/**
 * SIGINT and SIGTERM ask a long command to stop: the runs in progress finish (each commits its own
 * actions, so stopping between runs leaves nothing half-done) and no new one starts. A second signal
 * means "now": the process exits at once with 130.
 */
export function stopOnSignals(onFirst: (signal: string) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    onFirst(signal);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}

/**
 * Runs `task` over `items`, at most `limit` at a time, starting no new item once `stop` is aborted.
 * Hand-written: six lines, and the stop check between items is the point (p-limit has no such hook).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  stop: AbortSignal,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop.aborted) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
