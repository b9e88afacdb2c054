import { Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { attendeesOf, fieldsOf } from "./event-format";
import type { Preview } from "./types";

/** The outcome in one line, with the rule that decided it by name: "Skipped by rule “declined”". */
export function headlineOf(preview: Preview): string {
  const by = preview.decidedBy;
  if (typeof by === "object") {
    return preview.outcome === "skipped"
      ? `Skipped by rule “${by.rule}” (rule ${by.index + 1})`
      : `Copied to ${preview.copySide} by rule “${by.rule}” (rule ${by.index + 1})`;
  }
  if (preview.outcome === "copied") return `Copied to ${preview.copySide} with the sync's mapping`;
  const before: Record<typeof by, string> = {
    mapping: "Skipped",
    direction: "Skipped: the sync does not copy this side",
    "outside-window": "Skipped: outside the sync's window",
    cancelled: "Skipped: the meeting is cancelled",
    copy: "Skipped: it is a copy crosscal wrote",
  };
  return before[by];
}

/**
 * What the draft makes of the test event: copied or skipped, what decided (a rule, the sync's mapping or
 * a step before the rules), and the original beside its copy, field by field, as text.
 */
export function PreviewResult({
  preview,
  stale,
  onShowRule,
}: {
  preview: Preview;
  /** An answer for an earlier draft, shown while the current one is computed. */
  stale: boolean;
  onShowRule?: ((index: number) => void) | undefined;
}) {
  const by = preview.decidedBy;
  const source = fieldsOf(preview.source);
  const copy = preview.copy ? fieldsOf(preview.copy) : null;
  const sourceSide = preview.copySide === "A" ? "B" : "A";
  return (
    <Stack gap="sm" role="region" aria-label="Outcome of the test" aria-busy={stale}>
      <Group gap="sm">
        <Title order={3} size="h4">
          Outcome
        </Title>
        <Badge color={preview.outcome === "copied" ? "green" : "gray"} style={{ textTransform: "none" }}>
          {preview.outcome === "copied" ? "copied" : "skipped"}
        </Badge>
        {stale && (
          <Text size="sm" c="dimmed">
            updating…
          </Text>
        )}
      </Group>
      <Text fw={600} data-testid="preview-headline">
        {headlineOf(preview)}
      </Text>
      <Text size="sm" c="dimmed">
        {preview.explanation}
      </Text>
      {preview.series && (
        <Text size="sm">
          An occurrence of the series “{preview.series.subject}”: the series decides for it.
        </Text>
      )}
      {typeof by === "object" && onShowRule && (
        <Group>
          <Button variant="default" size="xs" onClick={() => onShowRule(by.index)}>
            Show rule “{by.rule}”
          </Button>
        </Group>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder verticalSpacing={6} layout="fixed">
          <Table.Caption>
            The original in side {sourceSide}, and the copy{" "}
            {copy ? `written in side ${preview.copySide}` : "(none)"}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={110}>
                Field
              </Table.Th>
              <Table.Th scope="col">The original</Table.Th>
              <Table.Th scope="col">The copy</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {source.map((field, index) => (
              <Table.Tr key={field.label}>
                <Table.Th scope="row">{field.label}</Table.Th>
                <Table.Td style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {field.value}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {copy ? copy[index]!.value : "—"}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">Attendees</Table.Th>
              <Table.Td>{attendeesOf(preview.source)}</Table.Td>
              <Table.Td>{copy ? "none (a copy never invites anyone)" : "—"}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
