import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useId, useState } from "react";
import { ListInput } from "../../components/ListInput";
import { useFieldError } from "./draft-errors";
import type { MappedField, MappingFields, MappingRef, Preset } from "./types";
import {
  FIELD_LABELS,
  IMPORTANCE,
  MAPPED_FIELDS,
  PLACEHOLDERS,
  PRESET_FIELDS,
  PRESETS,
  SENSITIVITY,
  SHOW_AS,
  TEMPLATE_FIELDS,
} from "./vocabulary";

type Mode = "preset" | "copy" | "value" | "template" | "omit";
type FieldMode = NonNullable<MappingFields[MappedField]>;

const presetOf = (mapping: MappingRef): Preset =>
  (typeof mapping === "string" ? mapping : mapping.preset) as Preset;
const fieldsOf = (mapping: MappingRef): MappingFields =>
  typeof mapping === "string" ? {} : (mapping.fields ?? {});

function modeOf(mode: FieldMode | undefined): Mode {
  if (mode === undefined) return "preset";
  if (mode === "copy" || mode === "omit") return mode;
  return "template" in mode ? "template" : "value";
}

const OMITTED: Record<MappedField, string> = {
  subject: "empty",
  body: "empty",
  location: "empty",
  showAs: "busy",
  sensitivity: "normal",
  importance: "normal",
  categories: "none",
  reminder: "no reminder",
};

/** The value a field takes when "a fixed value" is chosen, before the admin types one. */
const FIRST_VALUE: { [F in MappedField]: unknown } = {
  subject: "",
  body: "",
  location: "",
  showAs: "busy",
  sensitivity: "normal",
  importance: "normal",
  categories: [],
  reminder: 15,
};

function modeValue(field: MappedField, mode: Mode, current: FieldMode | undefined): FieldMode | undefined {
  switch (mode) {
    case "preset":
      return undefined;
    case "copy":
    case "omit":
      return mode;
    case "template":
      return {
        template:
          current && typeof current === "object" && "template" in current ? current.template : `{${field}}`,
      };
    case "value":
      return { value: FIRST_VALUE[field] } as FieldMode;
  }
}

interface MappingEditorProps {
  value: MappingRef;
  onChange: (mapping: MappingRef) => void;
  /** Where its errors are anchored: "mapping", or `rules.<key>.then.mapping`. */
  anchor: string;
  /** Whose mapping it is, naming the group: "The sync's mapping", "Mapping of rule “private”". */
  label: string;
  /** Field by field: shown at once (the sync's), or behind a button until a field is changed (a rule's). */
  fieldsOpen?: boolean;
}

/**
 * A mapping: a preset (full details, busy), and any field of the copy decided otherwise (the original's,
 * a fixed value, a template filled from the original, or left out). Only changed fields are sent; a
 * mapping with none is its preset's name.
 */
export function MappingEditor({ value, onChange, anchor, label, fieldsOpen = false }: MappingEditorProps) {
  const preset = presetOf(value);
  const fields = fieldsOf(value);
  const changed = Object.keys(fields).length;
  const [open, setOpen] = useState(fieldsOpen || changed > 0);
  const fieldsId = useId();
  const presetError = useFieldError(anchor);

  const update = (nextPreset: Preset, nextFields: MappingFields) =>
    onChange(Object.keys(nextFields).length > 0 ? { preset: nextPreset, fields: nextFields } : nextPreset);
  const setField = (field: MappedField, mode: FieldMode | undefined) => {
    const next: MappingFields = { ...fields };
    if (mode === undefined) delete next[field];
    else (next as Record<MappedField, FieldMode>)[field] = mode;
    update(preset, next);
  };

  return (
    <Stack gap="sm" role="group" aria-label={label}>
      <Radio.Group
        label="Preset"
        value={preset}
        onChange={(next) => update(next as Preset, fields)}
        error={presetError}
      >
        <Stack gap="xs" mt="xs">
          {(Object.keys(PRESETS) as Preset[]).map((name) => (
            <Radio
              key={name}
              value={name}
              label={PRESETS[name].label}
              description={PRESETS[name].description}
            />
          ))}
        </Stack>
      </Radio.Group>
      {!fieldsOpen && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={open}
            aria-controls={fieldsId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? "Hide the fields" : "Customize the fields"}
            {changed > 0 ? ` (${changed} changed)` : ""}
          </Button>
        </Group>
      )}
      {open && (
        <Stack gap="sm" id={fieldsId}>
          <Text size="sm" c="dimmed">
            Times, all-day and recurrence are always the original's; a copy never has attendees.
          </Text>
          {MAPPED_FIELDS.map((field) => (
            <FieldRow
              key={field}
              field={field}
              preset={preset}
              mode={fields[field]}
              onChange={(mode) => setField(field, mode)}
              anchor={`${anchor}.fields.${field}`}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function FieldRow({
  field,
  preset,
  mode,
  onChange,
  anchor,
}: {
  field: MappedField;
  preset: Preset;
  mode: FieldMode | undefined;
  onChange: (mode: FieldMode | undefined) => void;
  anchor: string;
}) {
  const error = useFieldError(anchor);
  const current = modeOf(mode);
  const name = FIELD_LABELS[field];
  const choices = [
    { value: "preset", label: `As the preset: ${PRESET_FIELDS[preset][field]}` },
    { value: "copy", label: "The original's" },
    { value: "value", label: "A fixed value" },
    ...(TEMPLATE_FIELDS.includes(field) ? [{ value: "template", label: "A template" }] : []),
    { value: "omit", label: `Left out (${OMITTED[field]})` },
  ];
  const detail = current === "value" || current === "template";
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={4}>
      <NativeSelect
        label={name}
        data={choices}
        value={current}
        onChange={(event) => onChange(modeValue(field, event.currentTarget.value as Mode, mode))}
        error={detail ? undefined : error}
      />
      {detail && mode && typeof mode === "object" && (
        <FieldValue field={field} mode={mode} onChange={onChange} error={error} />
      )}
    </SimpleGrid>
  );
}

function FieldValue({
  field,
  mode,
  onChange,
  error,
}: {
  field: MappedField;
  mode: Exclude<FieldMode, string>;
  onChange: (mode: FieldMode) => void;
  error: string | undefined;
}) {
  const name = FIELD_LABELS[field];
  if ("template" in mode) {
    const props = {
      label: `${name} template`,
      description: `Placeholders: ${field === "body" ? PLACEHOLDERS : PLACEHOLDERS.replace(", and {body} in the body", "")}.`,
      value: mode.template,
      error,
    };
    return field === "body" ? (
      <Textarea {...props} rows={3} onChange={(e) => onChange({ template: e.currentTarget.value })} />
    ) : (
      <TextInput {...props} onChange={(e) => onChange({ template: e.currentTarget.value })} />
    );
  }
  const value = mode.value as unknown;
  const set = (next: unknown) => onChange({ value: next } as FieldMode);
  const label = `${name}: fixed value`;
  switch (field) {
    case "subject":
    case "location":
      return (
        <TextInput
          label={label}
          value={String(value)}
          onChange={(e) => set(e.currentTarget.value)}
          error={error}
        />
      );
    case "body":
      return (
        <Textarea
          label={label}
          description="Plain text."
          rows={3}
          value={String(value)}
          onChange={(e) => set(e.currentTarget.value)}
          error={error}
        />
      );
    case "showAs":
    case "sensitivity":
    case "importance": {
      const labels: Record<string, string> = {
        showAs: SHOW_AS,
        sensitivity: SENSITIVITY,
        importance: IMPORTANCE,
      }[field];
      return (
        <NativeSelect
          label={label}
          data={Object.entries(labels).map(([v, l]) => ({ value: v, label: l }))}
          value={String(value)}
          onChange={(e) => set(e.currentTarget.value)}
          error={error}
        />
      );
    }
    case "categories":
      return (
        <ListInput
          label={label}
          description="Names separated by commas."
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={set}
          error={error}
        />
      );
    case "reminder":
      return (
        <NumberInput
          label="Reminder: minutes before the start"
          description="The copy reminds, whatever the reminders policy says."
          min={0}
          allowDecimal={false}
          value={typeof value === "number" ? value : String(value)}
          onChange={(next) => set(next === "" ? "" : next)}
          error={error}
        />
      );
  }
}
