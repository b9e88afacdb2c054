import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type DragEvent, useEffect, useId, useRef, useState } from "react";
import { FormError } from "../../components/FormError";
import { ImportReportView } from "./ImportReportView";
import {
  base64Of,
  bytesOf,
  type ImportReport,
  type ImportSource,
  MAX_FILE_BYTES,
  useImport,
  useImportCheck,
} from "./use-import";
import { count, type Sync } from "./use-profiles";

type Tab = "csv" | "lines";

/**
 * Many profiles at once, from a CSV file (chosen, or dropped on the dialog) or pasted lines. Nothing is
 * written until the admin has seen the report of every row: the input is first sent as a dry run, and a
 * row with a problem says which and why, so the admin fixes the file (or the lines) and tries again. The
 * import itself is all or nothing.
 */
export function ImportDialog({
  opened,
  onClose,
  syncs,
  defaultSync,
  onImported,
}: {
  opened: boolean;
  onClose: () => void;
  syncs: Sync[];
  defaultSync: string | undefined;
  onImported: (report: ImportReport) => void;
}) {
  const phone = useMediaQuery("(max-width: 36em)") ?? false;
  const [syncId, setSyncId] = useState(defaultSync ?? "");
  const [tab, setTab] = useState<Tab>("csv");
  const [source, setSource] = useState<ImportSource | null>(null);
  const [lines, setLines] = useState("");
  const [fileError, setFileError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const dropHintId = useId();
  const check = useImportCheck();
  const importing = useImport();
  const sync = syncId || syncs[0]?.id || "";

  const reset = () => {
    check.reset();
    importing.reset();
    setFileError(undefined);
  };
  const dryRun = (next: ImportSource) => {
    reset();
    setSource(next);
    check.mutate({ syncId: sync, source: next });
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    reset();
    if (file.size > MAX_FILE_BYTES) {
      setFileError(
        `${file.name} is larger than 3 MB. Split it into smaller files (up to 5,000 rows each) and import them one by one.`,
      );
      return;
    }
    try {
      dryRun({ kind: "csv", fileName: file.name, base64: base64Of(await bytesOf(file)) });
    } catch {
      setFileError(`${file.name} could not be read.`);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void readFile(event.dataTransfer.files[0]);
  };

  const checked = check.data;
  const result = importing.data;
  // The report to show: the import's once it ran, else the dry run's.
  const shown = result ?? checked;
  const refused = shown?.refused ?? null;
  const toWrite = checked ? checked.report.planned.created + checked.report.planned.updated : 0;
  const canImport = checked !== undefined && checked.refused === null && toWrite > 0 && !result;
  useEffect(() => {
    if (shown) reportHeading.current?.focus();
  }, [shown]);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={() => {
        reset();
        setSource(null);
        setLines("");
      }}
      title="Import profiles"
      size="xl"
      fullScreen={phone}
    >
      <Stack
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <NativeSelect
          label="Sync"
          value={sync}
          onChange={(event) => {
            setSyncId(event.currentTarget.value);
            reset();
          }}
          data={syncs.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
        />
        <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? "csv")} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="csv">CSV file</Tabs.Tab>
            <Tabs.Tab value="lines">Paste lines</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="csv" pt="sm">
            <Stack gap="sm">
              <Paper
                withBorder
                p="lg"
                radius="md"
                ta="center"
                style={{
                  borderStyle: "dashed",
                  borderWidth: 2,
                  borderColor: dragging ? "var(--mantine-primary-color-filled)" : undefined,
                  background: dragging ? "var(--mantine-primary-color-light)" : undefined,
                }}
              >
                <Stack align="center" gap="xs">
                  <Text id={dropHintId}>Drop a CSV file here, or</Text>
                  <input
                    ref={fileInput}
                    type="file"
                    accept=".csv,text/csv"
                    hidden
                    aria-label="CSV file"
                    onChange={(event) => {
                      const file = event.currentTarget.files?.[0];
                      // Choosing the same file again (after fixing it) must be noticed too.
                      event.currentTarget.value = "";
                      void readFile(file);
                    }}
                  />
                  <Button
                    variant="default"
                    onClick={() => fileInput.current?.click()}
                    aria-describedby={dropHintId}
                  >
                    Choose a CSV file
                  </Button>
                  {source?.kind === "csv" && (
                    <Text size="sm" c="dimmed">
                      {source.fileName}
                    </Text>
                  )}
                </Stack>
              </Paper>
              <Text size="sm">
                A header row naming the columns <Code>name</Code>, <Code>email_a</Code> (the mailbox in A) and{" "}
                <Code>email_b</Code>, then one person per row; UTF-8 (Excel: “CSV UTF-8”), up to 5,000 rows.
              </Text>
              <FormError title="File not read" message={fileError} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="lines" pt="sm">
            <Stack gap="sm">
              <Textarea
                label="Lines, one person per line"
                description="“Name, email_a, email_b”, or two addresses separated by spaces or a tab (as copied from a spreadsheet); without a name, it comes from the address."
                rows={7}
                spellCheck={false}
                value={lines}
                onChange={(event) => {
                  setLines(event.currentTarget.value);
                  if (source?.kind === "lines") reset();
                }}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              />
              <Group>
                <Button
                  variant="default"
                  disabled={lines.trim() === ""}
                  onClick={() => dryRun({ kind: "lines", text: lines })}
                >
                  {source?.kind === "lines" && check.data ? "Check again" : "Check these lines"}
                </Button>
              </Group>
            </Stack>
          </Tabs.Panel>
        </Tabs>

        {check.isPending && (
          <Group gap="xs" role="status">
            <Loader size="sm" aria-hidden />
            <Text>Checking every row and both mailboxes of each new person…</Text>
          </Group>
        )}
        <FormError title="Not checked" message={check.error?.message} />
        <FormError title="Not imported" message={importing.error?.message} />

        {shown && (
          <Stack gap="sm">
            <Title order={3} size="h4" ref={reportHeading} tabIndex={-1}>
              {result?.report.written ? "Imported" : "What the import will do"}
            </Title>
            {result?.report.written && (
              <Alert color="green" title="Imported">
                {count(result.report.totals.created)} new{" "}
                {result.report.totals.created === 1 ? "profile" : "profiles"} (drafts: start them to begin
                syncing), {count(result.report.totals.updated)} renamed.
              </Alert>
            )}
            {refused && (
              <Alert color="red" title="Nothing was imported" role="alert">
                <Text size="sm">{refused}</Text>
                <Text size="sm" mt={4}>
                  {source?.kind === "lines"
                    ? "Fix the lines above and check them again."
                    : "Fix the rows in the file and choose it again."}
                </Text>
              </Alert>
            )}
            <ImportReportView report={shown.report} written={shown.report.written} />
            {checked && !refused && toWrite === 0 && !result && (
              <Text>Every row is already a profile of this sync: there is nothing to import.</Text>
            )}
          </Stack>
        )}

        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            {result?.report.written ? "Done" : "Cancel"}
          </Button>
          {canImport && source && (
            <Button
              loading={importing.isPending}
              onClick={() =>
                importing.mutate(
                  { syncId: sync, source },
                  { onSuccess: (done) => done.report.written && onImported(done.report) },
                )
              }
            >
              Import {count(toWrite)} {toWrite === 1 ? "profile" : "profiles"}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
