import { Badge, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { queryKeys } from "../../api/query-keys";
import { formatWait } from "../../components/duration";
import { formatDateTime } from "../../components/format";
import { useNow } from "../../components/use-now";
import { STATUS_ADVICE } from "./status-advice";
import type { Connection, ConnectionStatus as Status } from "./use-connections";

export function StatusBadge({ status }: { status: Status }) {
  const advice = STATUS_ADVICE[status];
  return (
    <Badge color={advice.color} variant="light" style={{ textTransform: "none" }}>
      {advice.label}
    </Badge>
  );
}

/**
 * The next automatic check, counting down each second ("next check in 40 s"). When the time passes the
 * connections are read again; while the service has not checked yet they are polled (use-connections).
 */
export function RecheckCountdown({ recheckAt }: { recheckAt: string }) {
  const queryClient = useQueryClient();
  const now = useNow(1000);
  const left = Date.parse(recheckAt) - now;
  const due = left <= 0;
  useEffect(() => {
    if (due) void queryClient.invalidateQueries({ queryKey: queryKeys.connections });
  }, [due, queryClient]);
  return (
    <Text size="sm" c="dimmed">
      Permissions can take a few minutes to propagate;{" "}
      {due ? "checking again now…" : `next check in ${formatWait(left)}.`}
    </Text>
  );
}

/**
 * A connection's live status: the badge, the check's precise reason, what to do about it, when it was
 * checked and, while a change propagates, when crosscal checks again by itself.
 */
export function ConnectionStatusDetails({
  connection,
  compact = false,
}: {
  connection: Connection;
  compact?: boolean;
}) {
  const advice = STATUS_ADVICE[connection.status];
  return (
    <Stack gap={4}>
      <div>
        <StatusBadge status={connection.status} />
      </div>
      {connection.statusReason && <Text size="sm">{connection.statusReason}</Text>}
      {!compact && connection.status !== "connected" && <Text size="sm">{advice.meaning}</Text>}
      {advice.todo && (
        <Text size="sm">
          <strong>What to do:</strong> {advice.todo}
        </Text>
      )}
      {connection.recheckAt && <RecheckCountdown recheckAt={connection.recheckAt} />}
      {!compact && connection.checkedAt && (
        <Text size="sm" c="dimmed">
          Last checked <time dateTime={connection.checkedAt}>{formatDateTime(connection.checkedAt)}</time>.
        </Text>
      )}
    </Stack>
  );
}
