import { Button, Group, Text, TextInput } from "@mantine/core";
import { useRef, useState } from "react";

/**
 * A value to copy (a new token): read-only, selected on focus, and a Copy button. Without the clipboard
 * API (plain http other than localhost) the text is selected for Ctrl+C instead.
 */
export function CopyField({ label, value }: { label: string; value: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied to the clipboard.");
    } catch {
      input.current?.select();
      setStatus("Selected: press Ctrl+C (⌘C on a Mac) to copy.");
    }
  }

  return (
    <div>
      <Group align="end" gap="xs" wrap="nowrap">
        <TextInput
          ref={input}
          label={label}
          value={value}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          style={{ flex: 1 }}
        />
        <Button variant="default" onClick={copy}>
          Copy
        </Button>
      </Group>
      <Text size="sm" mt={4} aria-live="polite">
        {status}
      </Text>
    </div>
  );
}
