import { Text } from "@mantine/core";
import { formatCount, formatDuration } from "./labels";
import { Section } from "./Section";
import { Stat, Stats } from "./Stat";
import type { Overview } from "./use-overview";

/**
 * How long a change takes to reach the other mailbox: from Graph's notification to the end of the run
 * that mirrored it, p50 and p99 over the window. Without such runs, a plain sentence instead of numbers.
 */
export function ChangeLag({ lag, windowMinutes }: { lag: Overview["changeLag"]; windowMinutes: number }) {
  const window = windowMinutes === 60 ? "the last hour" : `the last ${windowMinutes} minutes`;
  return (
    <Section title="Change lag">
      {lag.runs === 0 || lag.p50Ms === null || lag.p99Ms === null ? (
        <Text>
          No run answered a change notification in {window}, so there is no lag to show. Changes still arrive
          through the periodic reconcile.
        </Text>
      ) : (
        <>
          <Stats>
            <Stat label="p50 (median)">{formatDuration(lag.p50Ms)}</Stat>
            <Stat label="p99">{formatDuration(lag.p99Ms)}</Stat>
          </Stats>
          <Text size="sm">
            From a change notification to the end of the run that mirrored it, over {formatCount(lag.runs)}{" "}
            {lag.runs === 1 ? "run" : "runs"} in {window}.
          </Text>
        </>
      )}
    </Section>
  );
}
