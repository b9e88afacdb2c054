import { Group, Radio, Stack, Tabs, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useMemo, useState } from "react";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { bodyOf, type Draft } from "./draft";
import { draftErrorOf } from "./draft-errors";
import { PasteEvent } from "./PasteEvent";
import { PickEvent } from "./PickEvent";
import { PreviewResult } from "./PreviewResult";
import type { Decided } from "./RulesEditor";
import type { NewSync, PastedEvent, PreviewRequest, Side, SyncInfo } from "./types";
import { usePreview } from "./use-syncs";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The draft as the preview takes it: the sync document as saving would send it, with stand-ins for what
 * the preview does not look at and a new sync may still lack (its name, its connections).
 */
function previewDocument(draft: Draft): NewSync {
  const body = bodyOf(draft);
  return {
    ...body,
    name: NAME.test(body.name) ? body.name : "draft",
    connectionA: body.connectionA || "side-a",
    connectionB: body.connectionB || "side-b",
  };
}

/** Drafts are sent once the editing rests: a picked event's preview reads its mailbox through Graph. */
const SETTLE_MS = 600;

interface TestAreaProps {
  /** The saved sync, whose mailboxes events are picked from; none for a new sync (paste only). */
  sync: SyncInfo | undefined;
  draft: Draft;
  connectionNames: Record<Side, string>;
  /** The rule (by key) that decided the test event, for the rules editor to highlight. */
  onDecided: (decided: Decided | undefined) => void;
  /** Takes the keyboard to the rule that decided. */
  onShowRule: (key: string) => void;
}

type Selection = { event: PreviewRequest["event"]; eventId?: string };

/**
 * The test area: an event picked from one of the sync's mailboxes (or pasted), and the copy the current
 * draft (saved or not) would write of it, with the rule that decided. Nothing is written anywhere.
 */
export function TestArea({ sync, draft, connectionNames, onDecided, onShowRule }: TestAreaProps) {
  const [tab, setTab] = useState<string | null>(sync ? "pick" : "paste");
  const [side, setSide] = useState<Side>("A");
  const [picked, setPicked] = useState<Selection | null>(null);
  const [pasted, setPasted] = useState<PastedEvent | null>(null);
  // A pasted event is read as if from the side chosen now; a picked one belongs to its mailbox's side.
  const selection = useMemo<Selection | null>(
    () => (tab === "pick" ? picked : pasted && { event: { pasted, side } }),
    [tab, picked, pasted, side],
  );

  const [settled] = useDebouncedValue(
    JSON.stringify({ doc: previewDocument(draft), keys: draft.rules.map((rule) => rule.key) }),
    SETTLE_MS,
  );
  const { doc, keys } = useMemo(() => JSON.parse(settled) as { doc: NewSync; keys: string[] }, [settled]);
  const request = useMemo<PreviewRequest | null>(
    () => (selection ? { sync: doc, event: selection.event } : null),
    [doc, selection],
  );
  const preview = usePreview(request);
  const error = draftErrorOf(preview.error, keys, ["body", "sync"]);
  const draftProblem = error?.anchor !== undefined;

  const by = preview.data?.decidedBy;
  const decidedKey = typeof by === "object" ? keys[by.index] : undefined;
  const outcome = preview.data?.outcome;
  useEffect(() => {
    onDecided(decidedKey && outcome ? { key: decidedKey, outcome } : undefined);
  }, [decidedKey, outcome, onDecided]);

  return (
    <Stack gap="md">
      <Text size="sm">
        See what the current draft — saved or not — makes of one event: the copy it would write and the rule
        that decided. Nothing is written to a mailbox.
      </Text>
      <Radio.Group
        label="The event's side"
        description="Its copy goes to the other side."
        value={side}
        onChange={(value) => setSide(value as Side)}
      >
        <Group gap="lg" mt="xs">
          <Radio value="A" label={`A: ${connectionNames.A}`} />
          <Radio value="B" label={`B: ${connectionNames.B}`} />
        </Group>
      </Radio.Group>
      <Tabs value={tab} onChange={setTab} keepMounted>
        <Tabs.List>
          <Tabs.Tab value="pick" disabled={!sync}>
            Pick a real event
          </Tabs.Tab>
          <Tabs.Tab value="paste">Paste one</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pick" pt="md">
          {sync ? (
            <PickEvent
              sync={sync}
              side={side}
              pickedId={picked?.eventId}
              onPick={(event, mailbox) =>
                setPicked({
                  eventId: event.id,
                  event: { syncId: sync.id, side, eventId: event.id, ...mailbox },
                })
              }
            />
          ) : (
            <Text size="sm">Save the sync to pick events from its mailboxes.</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="paste" pt="md">
          <PasteEvent error={tab === "paste" ? preview.error : undefined} onPaste={setPasted} />
        </Tabs.Panel>
      </Tabs>
      {preview.isFetching && !preview.data && <Loading label="Previewing the copy" />}
      {preview.isError && (
        <FormError
          title={draftProblem ? "The draft has a problem" : "No preview"}
          message={preview.error.message}
        />
      )}
      {preview.data && !preview.isError && (
        <PreviewResult
          preview={preview.data}
          stale={preview.isPlaceholderData || preview.isFetching}
          onShowRule={(index) => keys[index] && onShowRule(keys[index])}
        />
      )}
      {!selection && (
        <Text size="sm" c="dimmed">
          {tab === "pick" ? "Pick an event above." : "Fill in the event and choose “Preview the copy”."}
        </Text>
      )}
    </Stack>
  );
}
