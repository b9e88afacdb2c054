/**
 * Runs `work` over `items`, at most `limit` at a time (at least one), starting them in order. Once
 * `signal` is aborted no new item starts; the ones in flight finish. The one bounded-parallelism helper:
 * Graph's per-mailbox limits, cleanups of many profiles and `crosscal sync`'s profile runs all go
 * through it. Hand-written because the stop check between items is the point (p-limit has no such hook).
 */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !options.signal?.aborted) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
