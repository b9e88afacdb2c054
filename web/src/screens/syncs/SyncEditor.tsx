import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { useLocation } from "wouter";
import { FormError } from "../../components/FormError";
import { useDialog } from "../../components/use-dialog";
import type { Connection } from "../connections/use-connections";
import { ApplyNow } from "./ApplyNow";
import { DeleteSyncDialog } from "./DeleteSyncDialog";
import { bodyOf, changesCopies, type Draft, draftOf } from "./draft";
import { DraftErrorContext, draftErrorOf, useFieldError } from "./draft-errors";
import { MappingEditor } from "./MappingEditor";
import { PoliciesEditor } from "./PoliciesEditor";
import { PresetPicture } from "./PresetPicture";
import { type Decided, RulesEditor } from "./RulesEditor";
import { TestArea } from "./TestArea";
import type { Direction, StartMode, SyncInfo } from "./types";
import { useCreateSync, useEditSync } from "./use-syncs";
import { DIRECTIONS } from "./vocabulary";

interface SyncEditorProps {
  /** The saved sync; none for a new one. */
  sync?: SyncInfo | undefined;
  connections: Connection[];
}

/**
 * A sync's editor: connections and direction, what a copy shows (preset, fields, the picture of a copy),
 * the rules, the test area, the window and policies. The draft stays in state until saved: a refused save
 * loses nothing and shows the error beside the field the API names (a rule's by that rule). A saved
 * change that reaches existing copies offers to apply it now.
 */
export function SyncEditor({ sync, connections }: SyncEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(sync));
  const [, navigate] = useLocation();
  const create = useCreateSync();
  const edit = useEditSync(sync?.id ?? "");
  const save = sync ? edit : create;
  // Rules as they were when saved: the API names a rule by its place then.
  const [keysAtSave, setKeysAtSave] = useState<string[]>([]);
  const error = draftErrorOf(save.error, keysAtSave);
  const editor = useRef<HTMLDivElement>(null);
  // After a refused save, the keyboard goes to the input marked invalid (see use-focus-invalid).
  useEffect(() => {
    if (save.error) editor.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error]);
  const [applying, setApplying] = useState<SyncInfo | null>(null);
  const [decided, setDecided] = useState<Decided | undefined>(undefined);
  const deleting = useDialog<SyncInfo>();
  const patch = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const dirty = !sync || JSON.stringify(bodyOf(draft)) !== JSON.stringify(bodyOf(draftOf(sync)));
  const nameOf = (id: string) =>
    connections.find((c) => c.id === id)?.name ?? (id ? "unknown connection" : "not chosen");
  const showRule = useCallback((key: string) => document.getElementById(`${key}-heading`)?.focus(), []);

  const submit = () => {
    setKeysAtSave(draft.rules.map((rule) => rule.key));
    setApplying(null);
    if (!sync) {
      create.mutate(bodyOf(draft), { onSuccess: (created) => navigate(`/syncs/${created.id}`) });
      return;
    }
    const before = sync;
    edit.mutate(bodyOf(draft), {
      onSuccess: (after) => {
        if (changesCopies(before, after) && after.profiles.active > 0) setApplying(after);
      },
    });
  };

  return (
    <DraftErrorContext.Provider value={error}>
      {/* Not a <form>: the test area holds a form of its own, and Enter there must not save the sync. */}
      <div ref={editor}>
        <Stack gap="lg">
          <Section title="Connections and direction">
            <Basics
              draft={draft}
              patch={patch}
              connections={connections}
              locked={(sync?.profiles.total ?? 0) > 0}
            />
          </Section>
          <Section title="What a copy shows">
            <MappingEditor
              value={draft.mapping}
              onChange={(mapping) => patch({ mapping })}
              anchor="mapping"
              label="The sync's mapping"
            />
            <PresetPicture mapping={draft.mapping} copyReminders={draft.copyReminders} />
          </Section>
          <Section title="Rules">
            <RulesEditor rules={draft.rules} onChange={(rules) => patch({ rules })} decided={decided} />
          </Section>
          <Section title="Test area">
            <TestArea
              sync={sync}
              draft={draft}
              connectionNames={{ A: nameOf(draft.connectionA), B: nameOf(draft.connectionB) }}
              onDecided={setDecided}
              onShowRule={showRule}
            />
          </Section>
          <Section title="Window and policies">
            <PoliciesEditor value={draft} onChange={patch} />
          </Section>
          {applying && <ApplyNow sync={applying} onDismiss={() => setApplying(null)} />}
          <Paper
            withBorder
            p="sm"
            radius="md"
            shadow="sm"
            style={{ position: "sticky", bottom: 8, zIndex: 2, background: "var(--mantine-color-body)" }}
          >
            <Stack gap="xs">
              <FormError title="Not saved" message={error?.message} />
              {edit.isSuccess && !dirty && (
                <Text size="sm" role="status">
                  Saved.
                </Text>
              )}
              <Group justify="space-between" gap="sm">
                <Group gap="sm">
                  <Button onClick={submit} loading={save.isPending}>
                    {sync ? "Save changes" : "Create sync"}
                  </Button>
                  {sync && dirty && (
                    <Button variant="default" onClick={() => setDraft(draftOf(sync))}>
                      Discard changes
                    </Button>
                  )}
                  {sync && dirty && (
                    <Badge variant="light" color="yellow" style={{ textTransform: "none" }}>
                      Unsaved changes
                    </Badge>
                  )}
                </Group>
                {sync && (
                  <Button variant="subtle" color="red" onClick={() => deleting.open(sync)}>
                    Delete sync
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </div>
      <DeleteSyncDialog dialog={deleting} onDeleted={() => navigate("/syncs")} />
    </DraftErrorContext.Provider>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Basics({
  draft,
  patch,
  connections,
  locked,
}: {
  draft: Draft;
  patch: (change: Partial<Draft>) => void;
  connections: Connection[];
  /** A sync with profiles keeps its connections (their copies were made through them). */
  locked: boolean;
}) {
  const errors = {
    name: useFieldError("name"),
    connectionA: useFieldError("connectionA"),
    connectionB: useFieldError("connectionB"),
    direction: useFieldError("direction"),
    startMode: useFieldError("startMode"),
  };
  const options = [
    { value: "", label: "Choose a connection" },
    ...connections.map((c) => ({ value: c.id, label: `${c.name} (${c.tenant})` })),
  ];
  const lockedNote = locked
    ? "A sync with profiles keeps its connections: remove the profiles to change them."
    : undefined;
  return (
    <Stack gap="md">
      <TextInput
        label="Name"
        description='Letters, digits, ".", "-" and "_", e.g. contoso-fabrikam.'
        required
        value={draft.name}
        onChange={(event) => patch({ name: event.currentTarget.value })}
        error={errors.name}
        maw={480}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <NativeSelect
          label="Connection A"
          description={lockedNote}
          data={options}
          value={draft.connectionA}
          disabled={locked}
          onChange={(event) => patch({ connectionA: event.currentTarget.value })}
          error={errors.connectionA}
        />
        <NativeSelect
          label="Connection B"
          description={lockedNote}
          data={options}
          value={draft.connectionB}
          disabled={locked}
          onChange={(event) => patch({ connectionB: event.currentTarget.value })}
          error={errors.connectionB}
        />
      </SimpleGrid>
      <Radio.Group
        label="Direction"
        value={draft.direction}
        onChange={(direction) => patch({ direction: direction as Direction })}
        error={errors.direction}
      >
        <Stack gap="xs" mt="xs">
          {(Object.keys(DIRECTIONS) as Direction[]).map((direction) => (
            <Radio key={direction} value={direction} label={DIRECTIONS[direction]} />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group
        label="How a new profile starts"
        value={draft.startMode}
        onChange={(startMode) => patch({ startMode: startMode as StartMode })}
        error={errors.startMode}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="only-new"
            label="Only new meetings"
            description="What exists when a profile starts is left alone; later meetings are copied."
          />
          <Radio
            value="merge"
            label="Merge existing meetings"
            description="Meetings in the window are copied too; one already in both mailboxes is linked, not duplicated."
          />
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
