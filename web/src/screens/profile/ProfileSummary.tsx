import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";
import { Link } from "wouter";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../components/format";
import { ProfileStatusBadge } from "../../components/ProfileStatusBadge";
import { SOURCE_LABELS } from "../profiles/filters";
import type { Connection, Sync } from "../profiles/use-profiles";
import { type ProfileDetail, useVerifyProfile } from "./use-profile";

const CHECKS = {
  verified: { label: "Verified", color: "green" },
  invalid: { label: "Failed", color: "red" },
  unverified: { label: "Not checked yet", color: "gray" },
} as const;

const OUTCOMES: Record<string, string> = {
  ok: "ok",
  failed: "failed",
  needs_confirmation: "stopped: needs confirmation",
  skipped: "skipped",
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** Where a mailbox lives: its side's connection and tenant. */
function tenantOf(sync: Sync | undefined, side: "A" | "B", connections: Connection[]) {
  const id = sync && (side === "A" ? sync.connectionA : sync.connectionB);
  const connection = connections.find((candidate) => candidate.id === id);
  return connection ? `${connection.tenant} (connection ${connection.name})` : undefined;
}

/** The profile at a glance: status and why, both mailboxes and their check, what it has copied, its last run. */
export function ProfileSummary({
  profile,
  sync,
  connections,
}: {
  profile: ProfileDetail;
  sync: Sync | undefined;
  connections: Connection[];
}) {
  const verify = useVerifyProfile(profile.id);
  const headingId = useId();
  const check = CHECKS[profile.mailboxCheck.status];
  const lastRun = profile.counts.lastRun;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId} className="visually-hidden">
          Summary
        </Title>
        <Group gap="sm" align="start" wrap="nowrap">
          <ProfileStatusBadge status={profile.status} />
          <Text size="sm">{profile.statusReason ?? statusLine(profile)}</Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Field label="Mailbox A">
            <Text fw={500} style={{ overflowWrap: "anywhere" }}>
              {profile.mailboxA}
            </Text>
            <Text size="sm" c="dimmed">
              {tenantOf(sync, "A", connections)}
            </Text>
          </Field>
          <Field label="Mailbox B">
            <Text fw={500} style={{ overflowWrap: "anywhere" }}>
              {profile.mailboxB}
            </Text>
            <Text size="sm" c="dimmed">
              {tenantOf(sync, "B", connections)}
            </Text>
          </Field>
          <Field label="Mailbox check">
            <Group gap="xs">
              <Badge variant="light" color={check.color}>
                {check.label}
              </Badge>
              {profile.mailboxCheck.checkedAt && (
                <Text size="sm" c="dimmed">
                  <time dateTime={profile.mailboxCheck.checkedAt}>
                    {formatDateTime(profile.mailboxCheck.checkedAt)}
                  </time>
                </Text>
              )}
              <Button
                variant="subtle"
                size="compact-sm"
                loading={verify.isPending}
                onClick={() => verify.mutate()}
              >
                Check again
              </Button>
            </Group>
            {profile.mailboxCheck.reason && <Text size="sm">{profile.mailboxCheck.reason}</Text>}
            {verify.data && (
              <Text size="sm" role="status">
                A: {verify.data.mailboxes.A.reason}. B: {verify.data.mailboxes.B.reason}.
              </Text>
            )}
            <FormError title="Not checked" message={verify.error?.message} />
          </Field>
          <Field label="Sync">
            <Anchor component={Link} href={`/syncs/${profile.sync}`}>
              {sync?.name ?? "the sync"}
            </Anchor>
            <Text size="sm" c="dimmed">
              {profile.startMode === "merge" ? "Merges existing meetings" : "Syncs only new meetings"} ·{" "}
              {SOURCE_LABELS[profile.source]} · added{" "}
              <time dateTime={profile.createdAt}>{formatDateTime(profile.createdAt)}</time>
            </Text>
          </Field>
          <Field label="Copies made">
            <Text>
              {profile.counts.copiesAToB.toLocaleString()} in B from A ·{" "}
              {profile.counts.copiesBToA.toLocaleString()} in A from B ·{" "}
              {profile.counts.linked.toLocaleString()} linked
            </Text>
          </Field>
          <Field label="Last run">
            {lastRun ? (
              <Text>
                <time dateTime={lastRun.startedAt}>{formatDateTime(lastRun.startedAt)}</time>:{" "}
                {lastRun.outcome === null ? "running" : OUTCOMES[lastRun.outcome]}
              </Text>
            ) : (
              <Text>never</Text>
            )}
          </Field>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function statusLine(profile: ProfileDetail): string {
  switch (profile.status) {
    case "draft":
      return "A draft: it syncs nothing until it is started.";
    case "active":
      return "Syncing: changes in either mailbox are copied within seconds.";
    case "paused":
      return "Paused: nothing is copied until it is resumed.";
    case "error":
      return "The last run failed; it is retried at the next reconcile.";
    case "needs_confirmation":
      return "A run was stopped by a safety guard: resume to confirm it.";
  }
}
