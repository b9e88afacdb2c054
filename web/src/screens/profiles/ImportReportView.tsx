import { Alert, Badge, Checkbox, List, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import type { ImportReport, ImportRow } from "./use-import";
import { count } from "./use-profiles";

/** Rows shown at once; a 5,000-row file's report lists its problems first anyway. */
const MAX_SHOWN = 500;

const OUTCOMES: Record<ImportRow["outcome"], { label: string; color: string }> = {
  created: { label: "New", color: "green" },
  updated: { label: "Renamed", color: "blue" },
  unchanged: { label: "Unchanged", color: "gray" },
  invalid: { label: "Problem", color: "red" },
};

/** A problem's message without the "row 4: " the Row column already says. */
const withoutRow = (message: string) => message.replace(/^row \d+: /, "");

/** What an import does (or would do, or did not do) to each row, and the problems to fix. */
export function ImportReportView({ report, written }: { report: ImportReport; written: boolean }) {
  const planned = report.planned;
  const [onlyProblems, setOnlyProblems] = useState(planned.invalid > 0);
  if (report.problem)
    return (
      <Alert color="red" title="This input cannot be imported" role="alert">
        {report.problem.row !== undefined && `Line ${report.problem.row}: `}
        {report.problem.message}
      </Alert>
    );
  const rows = onlyProblems ? report.rows.filter((row) => row.outcome === "invalid") : report.rows;
  const verb = written ? "" : "would be ";
  return (
    <Stack gap="sm">
      <Text fw={600}>
        {count(planned.rows)} {planned.rows === 1 ? "row" : "rows"}: {count(planned.created)} {verb}new,{" "}
        {count(planned.updated)} {verb}renamed, {count(planned.unchanged)} unchanged
        {planned.invalid > 0 && `, ${count(planned.invalid)} with a problem`}.
      </Text>
      {planned.invalid > 0 && (
        <Checkbox
          label="Show only the rows with a problem"
          checked={onlyProblems}
          onChange={(event) => setOnlyProblems(event.currentTarget.checked)}
        />
      )}
      <Table.ScrollContainer minWidth={640} maxHeight={360}>
        <Table striped verticalSpacing={4} aria-label="Import report, row by row">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Row</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Mailbox A</Table.Th>
              <Table.Th scope="col">Mailbox B</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, MAX_SHOWN).map((row) => (
              <Table.Tr
                key={row.row}
                bg={row.outcome === "invalid" ? "var(--mantine-color-red-light)" : undefined}
              >
                <Table.Th scope="row" fw={400}>
                  {row.row}
                </Table.Th>
                <Table.Td>{row.name}</Table.Td>
                {/* Long addresses wrap, so the result column (the problem to fix) stays in view. */}
                <Table.Td style={{ overflowWrap: "anywhere" }}>{row.mailboxA}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{row.mailboxB}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={OUTCOMES[row.outcome].color}>
                    {OUTCOMES[row.outcome].label}
                  </Badge>
                  {row.problems.length > 0 && (
                    <List size="sm" mt={4} spacing={2}>
                      {row.problems.map((problem) => (
                        <List.Item key={`${problem.field}:${problem.code}`}>
                          <Text span size="sm" c="red.9">
                            {withoutRow(problem.message)}
                          </Text>
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length > MAX_SHOWN && (
        <Text size="sm" c="dimmed">
          The first {count(MAX_SHOWN)} of {count(rows.length)} rows are shown.
        </Text>
      )}
    </Stack>
  );
}
