import { Anchor, Button, List, Paper, Stack, Text, Title } from "@mantine/core";
import { Link } from "wouter";
import type { Overview } from "./use-overview";

/**
 * Nothing to watch yet: the steps to the first sync, the first one as a button. Shown instead of the
 * overview while there is no connection and no profile.
 */
export function FirstRunHint() {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="first-run-hint">
      <Stack align="start">
        <Title order={2} size="h3" id="first-run-hint">
          Nothing is synced yet
        </Title>
        <Text>
          crosscal keeps the calendars of people who hold a mailbox in two tenants in step. To begin:
        </Text>
        <List type="ordered" spacing={4}>
          <List.Item>Connect each tenant (an Entra ID app registration with Calendars.ReadWrite).</List.Item>
          <List.Item>Create a sync between two connections: direction, what is copied, rules.</List.Item>
          <List.Item>Add the people (profiles) and start them.</List.Item>
        </List>
        <Button component={Link} href="/connections">
          Connect your first tenant
        </Button>
      </Stack>
    </Paper>
  );
}

/** The next step while the setup is under way: a second tenant, then a sync with people. */
export function NextStep({ overview }: { overview: Overview }) {
  if (overview.connections.length === 1 && overview.profiles.total === 0) {
    return (
      <Text>
        One tenant connected. Next:{" "}
        <Anchor component={Link} href="/connections">
          connect the second tenant
        </Anchor>
        , then create a sync between them.
      </Text>
    );
  }
  if (overview.profiles.total === 0) {
    return (
      <Text>
        No profile yet. Next:{" "}
        <Anchor component={Link} href="/syncs">
          create a sync and add its people
        </Anchor>
        .
      </Text>
    );
  }
  return null;
}

/** Whether there is nothing yet to give an overview of. */
export const nothingYet = (overview: Overview) =>
  overview.connections.length === 0 && overview.profiles.total === 0;
