import { Button, Group, Paper, Text } from "@mantine/core";
import { ACTION_LABELS } from "./ActionDialog";
import { count, type ProfileAction } from "./use-profiles";

const ACTIONS: ProfileAction[] = ["start", "pause", "resume", "resync", "cleanup", "remove"];

/** Above this many ids a selection must be sent as its filter (the API takes up to 5,000 ids). */
export const MAX_IDS = 5_000;

interface BulkActionsProps {
  /** How many match the filters. */
  total: number;
  /** How many are selected (all matching, or those ticked). */
  selected: number;
  allMatching: boolean;
  /** Rows loaded so far (what "select every profile shown" ticks). */
  loaded: number;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onAction: (action: ProfileAction) => void;
}

/**
 * The count of matching profiles, what is selected (a page of rows, or everything the filters match,
 * which is sent as the filter, never as ten thousand ids) and the actions on the selection.
 */
export function BulkActions(props: BulkActionsProps) {
  const { total, selected, allMatching, loaded } = props;
  const tooMany = !allMatching && selected > MAX_IDS;
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Text fw={600} role="status">
            {count(total)} matching
            {selected > 0 &&
              (allMatching ? ` · all ${count(selected)} selected` : ` · ${count(selected)} selected`)}
          </Text>
          {!allMatching && total > 0 && (selected === 0 || total > selected) && (
            <Button variant="light" size="xs" onClick={props.onSelectAllMatching}>
              Select all {count(total)} matching
            </Button>
          )}
          {selected > 0 && (
            <Button variant="subtle" size="xs" onClick={props.onClear}>
              Clear selection
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="wrap" role="group" aria-label="Actions on the selected profiles">
          {ACTIONS.map((action) => (
            <Button
              key={action}
              size="xs"
              variant={action === "cleanup" || action === "remove" ? "light" : "default"}
              color={action === "cleanup" || action === "remove" ? "red" : undefined}
              disabled={selected === 0 || tooMany}
              onClick={() => props.onAction(action)}
            >
              {ACTION_LABELS[action]}
            </Button>
          ))}
        </Group>
      </Group>
      {tooMany && (
        <Text size="sm" c="red" mt="xs">
          Up to {count(MAX_IDS)} profiles can be ticked one by one; to act on more, select all {count(total)}{" "}
          matching (narrow the filters first if needed).
        </Text>
      )}
      {!allMatching && selected > 0 && selected === loaded && total > loaded && (
        <Text size="sm" mt="xs">
          The {count(loaded)} profiles loaded so far are selected, not all {count(total)} matching.
        </Text>
      )}
    </Paper>
  );
}
