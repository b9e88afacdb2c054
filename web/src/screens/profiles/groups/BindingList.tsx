import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { FormError } from "../../../components/FormError";
import { formatDateTime } from "../../../components/format";
import { useDialog } from "../../../components/use-dialog";
import { type Binding, MATCH_LABELS, useDeleteBinding, useRefreshBinding } from "./use-group-bindings";

const groupName = (binding: Binding, side: "A" | "B") =>
  (side === "A" ? binding.lastReport?.groupA?.name : binding.lastReport?.groupB?.name) ??
  (side === "A" ? binding.groupA : binding.groupB);

const title = (binding: Binding) => `“${groupName(binding, "A")}” and “${groupName(binding, "B")}”`;

const minutes = (n: number) => (n % 1440 === 0 ? `${n / 1440} d` : n % 60 === 0 ? `${n / 60} h` : `${n} min`);

/** A sync's bindings: the two groups, the rule, the last refresh and what it did; refresh now, remove. */
export function BindingList({ syncId, bindings }: { syncId: string; bindings: Binding[] }) {
  const refresh = useRefreshBinding();
  const removing = useDialog<Binding>();
  if (bindings.length === 0) return <Text>No group is bound to this sync yet.</Text>;
  return (
    <Stack gap="sm">
      {bindings.map((binding) => {
        const report = binding.lastReport;
        const refreshing = refresh.isPending && refresh.variables?.id === binding.id;
        return (
          <Paper
            key={binding.id}
            withBorder
            p="md"
            radius="md"
            component="article"
            aria-label={title(binding)}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h4">
                  {title(binding)}
                </Title>
                <Group gap="xs">
                  <Button
                    variant="default"
                    size="xs"
                    loading={refreshing}
                    onClick={() => refresh.mutate({ syncId, id: binding.id })}
                  >
                    Refresh now
                  </Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => removing.open(binding)}>
                    Remove binding
                  </Button>
                </Group>
              </Group>
              <Text size="sm">
                {MATCH_LABELS[binding.matchBy].label}
                {binding.matchAttribute && ` (${binding.matchAttribute})`} · read every{" "}
                {minutes(binding.refreshMinutes)} ·{" "}
                {binding.autoStart === null
                  ? "new profiles wait as drafts"
                  : `new profiles start (${binding.autoStart === "merge" ? "merge" : "only new meetings"})`}
              </Text>
              {report && (
                <Text size="sm" c="dimmed">
                  Last read <time dateTime={report.refreshedAt}>{formatDateTime(report.refreshedAt)}</time>:{" "}
                  {report.matched.toLocaleString()} matched, {report.created.length.toLocaleString()} added,{" "}
                  {report.paused.length.toLocaleString()} paused, {report.left.length.toLocaleString()} no
                  longer in the groups,{" "}
                  {(report.unmatchedA.length + report.unmatchedB.length).toLocaleString()} unmatched.
                </Text>
              )}
              {report?.error && (
                <Alert color="red" title="The last refresh failed">
                  {report.error}
                </Alert>
              )}
              {refresh.error && refresh.variables?.id === binding.id && (
                <FormError title="Not refreshed" message={refresh.error.message} />
              )}
            </Stack>
          </Paper>
        );
      })}
      <RemoveBindingDialog syncId={syncId} dialog={removing} />
    </Stack>
  );
}

function RemoveBindingDialog({
  syncId,
  dialog,
}: {
  syncId: string;
  dialog: ReturnType<typeof useDialog<Binding>>;
}) {
  const remove = useDeleteBinding();
  return (
    <ConfirmDialog
      dialog={dialog}
      title={`Remove the binding of ${dialog.item ? title(dialog.item) : ""}?`}
      confirmLabel="Remove binding"
      action={remove}
      errorTitle="Not removed"
      onConfirm={(binding) => remove.mutate({ syncId, id: binding.id }, { onSuccess: dialog.close })}
    >
      <Text>
        The groups are no longer read. Their profiles stay as they are (running ones keep running): remove
        them on the Profiles screen if that is what you want.
      </Text>
    </ConfirmDialog>
  );
}
