import { SimpleGrid, Text } from "@mantine/core";
import { DateTime } from "../../components/DateTime";
import { LoadError } from "../../components/LoadError";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { ChangeLag } from "./ChangeLag";
import { ConnectionsUsage } from "./ConnectionsUsage";
import { FirstRunHint, NextStep, nothingYet } from "./FirstRunHint";
import { ProfileStatusCards } from "./ProfileStatusCards";
import { RunningJobs } from "./RunningJobs";
import { SubscriptionHealth } from "./SubscriptionHealth";
import { type Overview, useOverview } from "./use-overview";
import { WaitingProfiles } from "./WaitingProfiles";

/**
 * How crosscal is doing at a glance (GET /api/overview): profiles per status and who waits, change lag,
 * Graph usage per connection, subscription health, background jobs. Kept current by the event stream.
 */
export default function OverviewScreen() {
  const overview = useOverview();
  return (
    <Screen title="Overview">
      {overview.isPending && <Loading label="Loading the overview" />}
      {overview.isError && (
        <LoadError
          title="The overview could not be read"
          error={overview.error}
          onRetry={() => overview.refetch()}
        />
      )}
      {overview.data &&
        (nothingYet(overview.data) ? <FirstRunHint /> : <OverviewContent overview={overview.data} />)}
    </Screen>
  );
}

function OverviewContent({ overview }: { overview: Overview }) {
  return (
    <>
      <NextStep overview={overview} />
      <Text size="sm" c="dimmed">
        Live: updated as runs finish and profiles change (last read <DateTime value={overview.at} />
        ).
      </Text>
      <ProfileStatusCards profiles={overview.profiles} />
      <WaitingProfiles profiles={overview.profiles} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ChangeLag lag={overview.changeLag} windowMinutes={overview.windowMinutes} />
        <SubscriptionHealth subscriptions={overview.subscriptions} />
      </SimpleGrid>
      <ConnectionsUsage connections={overview.connections} windowMinutes={overview.windowMinutes} />
      <RunningJobs />
    </>
  );
}
