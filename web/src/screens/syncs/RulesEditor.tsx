import { Badge, Button, Group, Paper, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { ConditionsEditor } from "./ConditionsEditor";
import { type DraftRule, newRule, withThen } from "./draft";
import { useFieldError } from "./draft-errors";
import { MappingEditor } from "./MappingEditor";

/** What the test area found: the rule (by its draft key) that decided the event, and how. */
export interface Decided {
  key: string;
  outcome: "copied" | "skipped";
}

interface RulesEditorProps {
  rules: DraftRule[];
  onChange: (rules: DraftRule[]) => void;
  /** The rule that decided the test area's event, highlighted. */
  decided?: Decided | undefined;
}

type Focus = { key: string; button: "up" | "down" | "name" } | { key: null; button: "add" };

const titleOf = (rule: DraftRule, index: number) => `“${rule.name.trim() || `rule ${index + 1}`}”`;

/**
 * The sync's rules, tried in order; the first whose conditions all hold decides: skip the event, or copy
 * it with another mapping. Rules move up and down with buttons (the focus stays on the moved rule's
 * button, and the new place is announced), so the order is set from the keyboard.
 */
export function RulesEditor({ rules, onChange, decided }: RulesEditorProps) {
  const [focus, setFocus] = useState<Focus | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const error = useFieldError("rules");

  useEffect(() => {
    if (!focus) return;
    const id = focus.key === null ? "rules-add" : `${focus.key}-${focus.button}`;
    const target = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
    // At the top (or bottom) its button is disabled: the other one keeps the keyboard on the rule.
    const other =
      focus.key && focus.button !== "name"
        ? document.getElementById(`${focus.key}-${focus.button === "up" ? "down" : "up"}`)
        : null;
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
    else other?.focus();
    setFocus(null);
  }, [focus]);

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= rules.length) return;
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(to, 0, rule!);
    onChange(next);
    setFocus({ key: rule!.key, button: by < 0 ? "up" : "down" });
    setAnnouncement(`${titleOf(rule!, to)} moved to place ${to + 1} of ${rules.length}.`);
  };
  const update = (index: number, rule: DraftRule) => onChange(rules.map((r, i) => (i === index ? rule : r)));
  const remove = (index: number) => {
    setAnnouncement(`${titleOf(rules[index]!, index)} removed.`);
    onChange(rules.filter((_, i) => i !== index));
    setFocus({ key: null, button: "add" });
  };
  const add = () => {
    const rule = newRule(`Rule ${rules.length + 1}`);
    onChange([...rules, rule]);
    setFocus({ key: rule.key, button: "name" });
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        Tried in order for each original; the first rule whose conditions all hold decides. An event no rule
        takes is copied with the sync's mapping.
      </Text>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      {rules.length === 0 && <Text>No rules: every event is copied with the sync's mapping.</Text>}
      <Stack gap="md" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {rules.map((rule, index) => (
          <li key={rule.key}>
            <RuleCard
              rule={rule}
              index={index}
              count={rules.length}
              onChange={(next) => update(index, next)}
              onMove={(by) => move(index, by)}
              onRemove={() => remove(index)}
              decided={decided?.key === rule.key ? decided.outcome : undefined}
            />
          </li>
        ))}
      </Stack>
      <Group>
        <Button id="rules-add" variant="default" onClick={add}>
          Add a rule
        </Button>
      </Group>
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
    </Stack>
  );
}

function RuleCard({
  rule,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  decided,
}: {
  rule: DraftRule;
  index: number;
  count: number;
  onChange: (rule: DraftRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  decided: "copied" | "skipped" | undefined;
}) {
  const anchor = `rules.${rule.key}`;
  const nameError = useFieldError(`${anchor}.name`);
  const thenError = useFieldError(`${anchor}.then`);
  const title = titleOf(rule, index);
  const headingId = `${rule.key}-heading`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      role="group"
      aria-labelledby={headingId}
      style={decided ? { borderColor: "var(--mantine-primary-color-filled)", borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Title order={3} size="h5" id={headingId} tabIndex={-1}>
              Rule {index + 1}: {rule.name.trim() || "(no name)"}
            </Title>
            {decided && (
              <Badge variant="filled" style={{ textTransform: "none" }}>
                {decided === "skipped" ? "Skipped the test event" : "Decided the test event"}
              </Badge>
            )}
          </Group>
          <Group gap={4}>
            <Button
              id={`${rule.key}-up`}
              variant="default"
              size="xs"
              disabled={index === 0}
              aria-label={`Move ${title} up`}
              onClick={() => onMove(-1)}
            >
              Up
            </Button>
            <Button
              id={`${rule.key}-down`}
              variant="default"
              size="xs"
              disabled={index === count - 1}
              aria-label={`Move ${title} down`}
              onClick={() => onMove(1)}
            >
              Down
            </Button>
            <Button variant="subtle" color="red" size="xs" aria-label={`Remove ${title}`} onClick={onRemove}>
              Remove
            </Button>
          </Group>
        </Group>
        <TextInput
          id={`${rule.key}-name`}
          label="Name"
          description="Unique in the sync; the history gives it as the reason for what it skips."
          value={rule.name}
          onChange={(event) => onChange({ ...rule, name: event.currentTarget.value })}
          error={nameError}
        />
        <Text fw={500} size="sm">
          When
        </Text>
        <ConditionsEditor
          value={rule.when}
          onChange={(when) => onChange({ ...rule, when })}
          anchor={`${anchor}.when`}
          ruleTitle={title}
        />
        <Radio.Group
          label="Then"
          value={rule.then === "skip" ? "skip" : "mapping"}
          onChange={(then) => onChange(withThen(rule, then === "skip" ? "skip" : { mapping: "busy" }))}
          error={thenError}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="skip" label="Skip the event" description="No copy; a copy it had is deleted." />
            <Radio value="mapping" label="Copy it with another mapping" />
          </Stack>
        </Radio.Group>
        {rule.then !== "skip" && (
          <MappingEditor
            value={rule.then.mapping}
            onChange={(mapping) => onChange(withThen(rule, { mapping }))}
            anchor={`${anchor}.then.mapping`}
            label={`Mapping of ${title}`}
          />
        )}
      </Stack>
    </Paper>
  );
}
