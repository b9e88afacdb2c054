import { Text } from "@mantine/core";
import { DateTime } from "../../components/DateTime";
import { formatCount } from "./labels";
import { Section } from "./Section";
import { Stat, Stats } from "./Stat";
import type { Overview } from "./use-overview";

/** Change notifications: the mailboxes watched, the subscriptions held, what lapses or is missing. */
export function SubscriptionHealth({ subscriptions }: { subscriptions: Overview["subscriptions"] }) {
  const { watchedMailboxes, expiringWithinDay, missing, lastNotificationAt } = subscriptions;
  return (
    <Section title="Subscription health">
      <Stats>
        <Stat label="Watched mailboxes">{formatCount(watchedMailboxes)}</Stat>
        <Stat label="Subscriptions">{formatCount(subscriptions.subscriptions)}</Stat>
        <Stat
          label="Expiring within a day"
          note={
            expiringWithinDay > 0
              ? "Renewed a day ahead: a number that keeps growing means renewals fail."
              : undefined
          }
        >
          {formatCount(expiringWithinDay)}
        </Stat>
        <Stat
          label="Missing"
          note={missing > 0 ? "Their changes wait for the periodic reconcile." : undefined}
        >
          <Text component="span" inherit c={missing > 0 ? "orange.9" : undefined}>
            {formatCount(missing)}
          </Text>
        </Stat>
      </Stats>
      <Text size="sm">
        Last notification:{" "}
        {lastNotificationAt ? <DateTime value={lastNotificationAt} /> : "none since the service started"}
      </Text>
    </Section>
  );
}
