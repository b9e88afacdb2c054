import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { ListInput } from "../../components/ListInput";
import {
  CONDITION_KINDS,
  CONDITION_LABEL,
  type ConditionKind,
  kindsOf,
  withCondition,
  withoutCondition,
} from "./conditions";
import { useFieldError } from "./draft-errors";
import type { Conditions } from "./types";
import { RESPONSE, SENSITIVITY, SHOW_AS } from "./vocabulary";

interface ConditionsEditorProps {
  value: Conditions;
  onChange: (when: Conditions) => void;
  /** `rules.<key>.when`: where the API's errors about these conditions are anchored. */
  anchor: string;
  /** The rule's title, naming the remove buttons. */
  ruleTitle: string;
}

/**
 * A rule's conditions, all of which must hold: one row each, removable, and a condition to add. Each
 * row's input shows the API's error about it (an invalid regular expression beside "Subject matches").
 */
export function ConditionsEditor({ value, onChange, anchor, ruleTitle }: ConditionsEditorProps) {
  const kinds = kindsOf(value);
  const addable = CONDITION_KINDS.filter((c) => !kinds.includes(c.kind));
  const [adding, setAdding] = useState<ConditionKind | "">("");
  const choice = adding && addable.some((c) => c.kind === adding) ? adding : (addable[0]?.kind ?? "");
  const error = useFieldError(anchor);

  return (
    <Stack gap="sm">
      {kinds.length === 0 && (
        <Text size="sm" c="dimmed">
          No conditions: the rule takes every event that no rule above took.
        </Text>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      {kinds.map((kind) => (
        <Group key={kind} align="end" gap="xs" wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <ConditionInput kind={kind} value={value} onChange={onChange} anchor={anchor} />
          </div>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            aria-label={`Remove the condition “${CONDITION_LABEL[kind]}” of ${ruleTitle}`}
            onClick={() => onChange(withoutCondition(value, kind))}
          >
            Remove
          </Button>
        </Group>
      ))}
      {addable.length > 0 && (
        <Group align="end" gap="xs">
          <NativeSelect
            label="Add a condition"
            data={addable.map((c) => ({ value: c.kind, label: c.label }))}
            value={choice}
            onChange={(event) => setAdding(event.currentTarget.value as ConditionKind)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button variant="default" onClick={() => choice && onChange(withCondition(value, choice))}>
            Add condition
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ConditionInput({
  kind,
  value,
  onChange,
  anchor,
}: {
  kind: ConditionKind;
  value: Conditions;
  onChange: (when: Conditions) => void;
  anchor: string;
}) {
  const error = useFieldError(`${anchor}.${kind}`);
  const minimumError = useFieldError(`${anchor}.duration.minimumMinutes`);
  const maximumError = useFieldError(`${anchor}.duration.maximumMinutes`);
  const label = CONDITION_LABEL[kind];
  const set = (patch: Partial<Conditions>) => onChange({ ...value, ...patch });

  switch (kind) {
    case "subject.contains":
    case "subject.equals":
    case "subject.matches": {
      const test = kind.slice("subject.".length) as "contains" | "equals" | "matches";
      return (
        <TextInput
          label={label}
          description={
            test === "matches" ? "A JavaScript regular expression; case is ignored." : "Case is ignored."
          }
          value={value.subject?.[test] ?? ""}
          onChange={(event) => set({ subject: { ...value.subject, [test]: event.currentTarget.value } })}
          error={error}
          spellCheck={false}
        />
      );
    }
    case "sensitivity":
      return (
        <Choices
          label={label}
          labels={SENSITIVITY}
          value={value.sensitivity ?? []}
          error={error}
          onChange={(list) => set({ sensitivity: list as Conditions["sensitivity"] })}
        />
      );
    case "showAs":
      return (
        <Choices
          label={label}
          labels={SHOW_AS}
          value={value.showAs ?? []}
          error={error}
          onChange={(list) => set({ showAs: list as Conditions["showAs"] })}
        />
      );
    case "response":
      return (
        <Choices
          label={label}
          labels={RESPONSE}
          value={value.response ?? []}
          error={error}
          onChange={(list) => set({ response: list as Conditions["response"] })}
        />
      );
    case "isAllDay":
      return (
        <YesNo
          label={label}
          yes="is all-day"
          no="is not all-day"
          value={value.isAllDay}
          error={error}
          onChange={(v) => set({ isAllDay: v })}
        />
      );
    case "isOrganizer":
      return (
        <YesNo
          label={label}
          yes="yes: the owner organizes it"
          no="no: someone else does"
          value={value.isOrganizer}
          error={error}
          onChange={(v) => set({ isOrganizer: v })}
        />
      );
    case "isRecurring":
      return (
        <YesNo
          label={label}
          yes="is part of a series"
          no="is a single event"
          value={value.isRecurring}
          error={error}
          onChange={(v) => set({ isRecurring: v })}
        />
      );
    case "isCancelled":
      return (
        <YesNo
          label={label}
          yes="is cancelled"
          no="is not cancelled"
          value={value.isCancelled}
          error={error}
          onChange={(v) => set({ isCancelled: v })}
        />
      );
    case "categories":
      return (
        <ListInput
          label={label}
          description="Names separated by commas; case is ignored."
          value={value.categories ?? []}
          onChange={(list) => set({ categories: list })}
          error={error}
        />
      );
    case "organizer":
      return (
        <ListInput
          label={label}
          description="Addresses or domains separated by commas: contoso.com matches x@contoso.com."
          value={value.organizer ?? []}
          onChange={(list) => set({ organizer: list })}
          error={error}
        />
      );
    case "duration": {
      const duration = value.duration ?? {};
      const bound = (key: "minimumMinutes" | "maximumMinutes", next: number | string) => {
        const rest = { ...duration };
        if (next === "") delete rest[key];
        else rest[key] = next as number;
        set({ duration: rest });
      };
      return (
        <Group grow align="start" gap="xs" role="group" aria-label={label}>
          <NumberInput
            label="At least (minutes)"
            min={0}
            allowDecimal={false}
            value={duration.minimumMinutes ?? ""}
            onChange={(next) => bound("minimumMinutes", next)}
            error={minimumError ?? error}
          />
          <NumberInput
            label="At most (minutes)"
            min={0}
            allowDecimal={false}
            value={duration.maximumMinutes ?? ""}
            onChange={(next) => bound("maximumMinutes", next)}
            error={maximumError}
          />
        </Group>
      );
    }
  }
}

function Choices({
  label,
  labels,
  value,
  onChange,
  error,
}: {
  label: string;
  labels: Record<string, string>;
  value: string[];
  onChange: (list: string[]) => void;
  error: string | undefined;
}) {
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <Group gap="md" mt={6}>
        {Object.entries(labels).map(([v, l]) => (
          <Checkbox key={v} value={v} label={l} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

function YesNo({
  label,
  yes,
  no,
  value,
  onChange,
  error,
}: {
  label: string;
  yes: string;
  no: string;
  value: boolean | undefined;
  onChange: (value: boolean) => void;
  error: string | undefined;
}) {
  return (
    <NativeSelect
      label={label}
      data={[
        { value: "true", label: yes },
        { value: "false", label: no },
      ]}
      value={String(value ?? true)}
      onChange={(event) => onChange(event.currentTarget.value === "true")}
      error={error}
    />
  );
}
