import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "wouter";
import { FormError } from "../../components/FormError";
import { JobProgress } from "../../components/JobProgress";
import type { SyncInfo } from "./types";
import { useApplyNow } from "./use-syncs";

/**
 * After a saved change that reaches existing copies (direction, mapping, rules, window, reminders): the
 * offer to apply it now to every active profile rather than at each one's next run, then the job's
 * progress (runs asked for at a pace Graph allows), with Cancel.
 */
export function ApplyNow({ sync, onDismiss }: { sync: SyncInfo; onDismiss: () => void }) {
  const apply = useApplyNow(sync.id);
  const [jobId, setJobId] = useState<string | null>(null);
  const active = sync.profiles.active;
  const profiles = active === 1 ? "the active profile" : `the ${active} active profiles`;

  return (
    <Alert
      color="blue"
      title="Saved: apply the change to the existing copies now?"
      role="region"
      aria-label="Apply the change now"
    >
      <Stack gap="sm">
        {jobId ? (
          <JobProgress
            jobId={jobId}
            label={`Applying the change to ${profiles}`}
            unit="runs asked for"
            whenDone={
              <Text size="sm">
                Every run is asked for; each one's result is in the{" "}
                <Anchor component={Link} href="/history">
                  history
                </Anchor>
                .
              </Text>
            }
          />
        ) : (
          <>
            <Text size="sm">
              The change reaches existing copies at each profile's next run. Applying it now asks for a run of{" "}
              {profiles}, at a steady pace Graph allows (5 a second: 1,000 profiles take about 3½ minutes).
            </Text>
            <FormError title="Not applied" message={apply.error?.message} />
            <Group gap="sm">
              <Button
                loading={apply.isPending}
                onClick={() => apply.mutate(undefined, { onSuccess: (job) => setJobId(job.id) })}
              >
                Apply to {profiles} now
              </Button>
              <Button variant="default" onClick={onDismiss}>
                Not now
              </Button>
            </Group>
          </>
        )}
        {jobId && (
          <Group>
            <Button variant="subtle" size="xs" onClick={onDismiss}>
              Hide
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
