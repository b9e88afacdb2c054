import { Loader, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { type Group, useGroupSearch } from "./use-group-bindings";

/**
 * Finds a group in one side's tenant by a word of its name (or its id) and lets the admin choose it.
 * Results arrive as typing pauses; the choice stays while the admin searches again.
 */
export function GroupPicker({
  syncId,
  side,
  description,
  value,
  onChange,
  error,
}: {
  syncId: string;
  side: "A" | "B";
  description: string | undefined;
  value: Group | null;
  onChange: (group: Group | null) => void;
  error: string | undefined;
}) {
  const [text, setText] = useState("");
  const found = useGroupSearch(syncId, side, text);
  const groups = found.data ?? [];
  const status = found.typing
    ? ""
    : found.isFetching
      ? "Searching…"
      : found.isError
        ? `Could not search: ${found.error.message}`
        : found.data && groups.length === 0
          ? `No group in ${side} has a word starting with “${found.search}” in its name.`
          : "";
  return (
    <Stack gap={6}>
      <TextInput
        label={`Find the group in ${side}`}
        description={description}
        placeholder="A word of its name, or its id"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        rightSection={found.isFetching ? <Loader size={14} aria-hidden /> : null}
        error={error}
      />
      <Text size="sm" c="dimmed" role="status" mih={0}>
        {status}
      </Text>
      {groups.length > 0 && (
        <Radio.Group
          label={`Group in ${side}`}
          value={value?.id ?? ""}
          onChange={(id) => onChange(groups.find((group) => group.id === id) ?? null)}
        >
          <Stack gap={6} mt={4}>
            {groups.map((group) => (
              <Radio key={group.id} value={group.id} label={group.displayName} description={group.id} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {value && !groups.some((group) => group.id === value.id) && (
        <Text size="sm">
          Chosen: <strong>{value.displayName}</strong>
        </Text>
      )}
    </Stack>
  );
}
