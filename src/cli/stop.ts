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
