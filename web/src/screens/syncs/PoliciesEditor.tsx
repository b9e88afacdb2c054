import { NumberInput, SimpleGrid, Stack, Switch } from "@mantine/core";
import type { Draft } from "./draft";
import { useFieldError } from "./draft-errors";

type Policies = Pick<
  Draft,
  "pastDays" | "copyReminders" | "massDeletionPercent" | "massDeletionMinimum" | "emptySideGuard"
>;

/** Which events are processed, reminders on copies, and the two guards, each with what it does. */
export function PoliciesEditor({
  value,
  onChange,
}: {
  value: Policies;
  onChange: (patch: Partial<Policies>) => void;
}) {
  const errors = {
    pastDays: useFieldError("window.pastDays"),
    copyReminders: useFieldError("policies.copyReminders"),
    massDeletionShare: useFieldError("policies.massDeletionShare"),
    massDeletionMinimum: useFieldError("policies.massDeletionMinimum"),
    emptySideGuard: useFieldError("policies.emptySideGuard"),
  };
  return (
    <Stack gap="md">
      <NumberInput
        label="Past days"
        description="Events that ended more than this many days ago are never processed (0 to 3650). There is no limit on the future. An event leaving the window keeps its copy."
        min={0}
        max={3650}
        allowDecimal={false}
        value={value.pastDays}
        onChange={(pastDays) => onChange({ pastDays })}
        error={errors.pastDays}
        maw={360}
      />
      <Switch
        label="Copy reminders"
        description="Copies keep the original's reminder. Off by default: a person with two mailboxes is reminded once, not twice."
        checked={value.copyReminders}
        onChange={(event) => onChange({ copyReminders: event.currentTarget.checked })}
        error={errors.copyReminders}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <NumberInput
          label="Mass-deletion guard: share of the copies (%)"
          description="A run that would delete more than this share of a profile's copies…"
          min={1}
          max={100}
          decimalScale={1}
          suffix=" %"
          value={value.massDeletionPercent}
          onChange={(massDeletionPercent) => onChange({ massDeletionPercent })}
          error={errors.massDeletionShare}
        />
        <NumberInput
          label="Mass-deletion guard: at least this many copies"
          description="…and at least this many, stops and waits for someone to confirm (the profile needs confirmation)."
          min={0}
          allowDecimal={false}
          value={value.massDeletionMinimum}
          onChange={(massDeletionMinimum) => onChange({ massDeletionMinimum })}
          error={errors.massDeletionMinimum}
        />
      </SimpleGrid>
      <Switch
        label="Empty-side guard"
        description="A mailbox that suddenly reports no events stops the run for confirmation instead of deleting every copy made from it."
        checked={value.emptySideGuard}
        onChange={(event) => onChange({ emptySideGuard: event.currentTarget.checked })}
        error={errors.emptySideGuard}
      />
    </Stack>
  );
}
