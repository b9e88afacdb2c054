import { Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import { ApiError } from "../../api/errors";
import { FormError } from "../../components/FormError";
import { formatDateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { DECISION_LABELS, type WhyTarget } from "./Decisions";
import { useWhy } from "./use-profile";

/**
 * Why one event was (not) synced, in one line, then what stands behind it: the link between original
 * and copy, a tombstone (a copy a person deleted is not recreated), and the decisions about it.
 */
export function WhyAnswer({
  profileId,
  target,
  onClose,
}: {
  profileId: string;
  target: WhyTarget;
  onClose: () => void;
}) {
  const why = useWhy(profileId, target.eventId);
  const heading = useRef<HTMLHeadingElement>(null);
  // The answer appears away from the button that asked: take the keyboard (and the reader) to it.
  const eventId = target.eventId;
  useEffect(() => {
    if (!eventId) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: "nearest" });
  }, [eventId]);
  const unknown = why.error instanceof ApiError && why.error.code === "event_not_found";
  const answer = why.data;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="why-answer">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="start">
          <Title order={2} size="h3" id="why-answer" ref={heading} tabIndex={-1}>
            Why: {target.subject || "(no subject)"}
          </Title>
          <Button variant="subtle" size="xs" onClick={onClose}>
            Close
          </Button>
        </Group>
        {why.isPending && <Loading label="Asking why" />}
        {unknown && (
          <Text role="status">
            crosscal has no record of this meeting for this profile: no run has seen it yet. It may be outside
            the sync's window, or made after the last run (which is usually seconds away).
          </Text>
        )}
        {why.isError && !unknown && <FormError title="No answer" message={why.error.message} />}
        {answer && (
          <>
            <Text size="lg" fw={500} role="status">
              {answer.explanation}
            </Text>
            <Text size="sm" c="dimmed">
              {answer.role === "copy"
                ? "This is the copy (or the twin crosscal linked)."
                : "This is an original."}
            </Text>
            {answer.link && (
              <Text size="sm">
                {answer.link.owned ? "crosscal's copy" : "The same meeting"} in {answer.link.copySide} of the
                original in {answer.link.sourceSide}, last written{" "}
                <time dateTime={answer.link.updatedAt}>{formatDateTime(answer.link.updatedAt)}</time>.
              </Text>
            )}
            {answer.tombstone && (
              <Text size="sm">
                Not copied again since{" "}
                <time dateTime={answer.tombstone.createdAt}>
                  {formatDateTime(answer.tombstone.createdAt)}
                </time>{" "}
                ({answer.tombstone.reason}).
              </Text>
            )}
            {answer.decisions.length > 0 && (
              <>
                <Title order={3} size="h5">
                  Decisions about it, newest first
                </Title>
                <List size="sm" spacing={4}>
                  {answer.decisions.map((decision) => (
                    <List.Item key={decision.id}>
                      <time dateTime={decision.at}>{formatDateTime(decision.at)}</time>:{" "}
                      {DECISION_LABELS[decision.action]} ({decision.reason})
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
