import { Button, Group, Loader, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { type ReactNode, useRef, useState } from "react";
import { formErrors } from "../../api/errors";
import { FormError } from "../../components/FormError";
import { useFocusInvalid } from "../../components/use-focus-invalid";
import { type AddedProfile, type MailboxCheck, useAddProfile, useMailboxCheck } from "./use-add-profile";
import type { Connection, Sync } from "./use-profiles";

interface Values {
  syncId: string;
  name: string;
  mailboxA: string;
  mailboxB: string;
}

/** Where a side's mailboxes live, as the admin knows it: the connection's name and tenant. */
export function sideDescription(sync: Sync | undefined, side: "A" | "B", connections: Connection[]) {
  if (!sync) return undefined;
  const id = side === "A" ? sync.connectionA : sync.connectionB;
  const connection = connections.find((candidate) => candidate.id === id);
  return connection ? `In ${connection.tenant} (connection ${connection.name})` : undefined;
}

/**
 * Adds one person to a sync: a name and a mailbox on each side. Each mailbox is checked in its tenant
 * as the admin types (found, readable by the app, not already synced by another profile), so a typo
 * shows before saving; saving checks again and adds the profile as a draft.
 */
export function AddProfileDialog({
  opened,
  onClose,
  syncs,
  connections,
  defaultSync,
  onAdded,
}: {
  opened: boolean;
  onClose: () => void;
  syncs: Sync[];
  connections: Connection[];
  defaultSync: string | undefined;
  onAdded: (profile: AddedProfile) => void;
}) {
  const empty = (): Values => ({
    syncId: defaultSync ?? syncs[0]?.id ?? "",
    name: "",
    mailboxA: "",
    mailboxB: "",
  });
  const [values, setValues] = useState<Values>(empty);
  const add = useAddProfile();
  const form = useRef<HTMLFormElement>(null);
  const errors = formErrors(add.error, {
    syncId: ["sync_not_found"],
    name: [],
    mailboxA: ["profile_exists"],
    mailboxB: [],
  });
  useFocusInvalid(form, add.error);
  const syncId = values.syncId || syncs[0]?.id || "";
  const sync = syncs.find((candidate) => candidate.id === syncId);
  const checkA = useMailboxCheck(syncId, "A", values.mailboxA);
  const checkB = useMailboxCheck(syncId, "B", values.mailboxB);
  const set = (key: keyof Values, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (add.error) add.reset();
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={() => {
        add.reset();
        setValues(empty());
      }}
      title="Add a profile"
      size="lg"
    >
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            { syncId, profile: { name: values.name, mailboxA: values.mailboxA, mailboxB: values.mailboxB } },
            {
              onSuccess: (profile) => {
                onAdded(profile);
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">
            One person with a mailbox in each tenant. The profile is added as a draft: it syncs nothing until
            you start it.
          </Text>
          <FormError title="Not added" message={errors.form} />
          <NativeSelect
            label="Sync"
            value={syncId}
            onChange={(event) => set("syncId", event.currentTarget.value)}
            data={syncs.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            error={errors.inputs.syncId}
          />
          <TextInput
            label="Name"
            description="As people know them, e.g. Adele Vance."
            required
            maxLength={200}
            value={values.name}
            onChange={(event) => set("name", event.currentTarget.value)}
            error={errors.inputs.name}
          />
          <MailboxInput
            side="A"
            description={sideDescription(sync, "A", connections)}
            value={values.mailboxA}
            onChange={(value) => set("mailboxA", value)}
            check={checkA}
            error={errors.inputs.mailboxA}
          />
          <MailboxInput
            side="B"
            description={sideDescription(sync, "B", connections)}
            value={values.mailboxB}
            onChange={(value) => set("mailboxB", value)}
            check={checkB}
            error={errors.inputs.mailboxB}
          />
          <Group justify="end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending} disabled={syncId === ""}>
              Add profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type Check = ReturnType<typeof useMailboxCheck>;

/** What the live check found, as the input's message: an error when adding would be refused. */
function checkMessage(check: Check): { note?: ReactNode; problem?: string; verified?: boolean } {
  if (check.typing) return {};
  if (!check.enabled) return {};
  if (check.isFetching && !check.data)
    return {
      note: (
        <>
          <Loader size={10} mr={6} aria-hidden />
          Checking in the tenant…
        </>
      ),
    };
  if (check.isError) return { note: `Could not check it now: ${check.error.message}` };
  const found: MailboxCheck | undefined = check.data;
  if (!found) return {};
  if (found.inUse)
    return {
      problem: `Already synced with ${found.inUse.partner} by the profile “${found.inUse.name}”.`,
    };
  if (found.status === "verified") return { note: `✓ ${found.reason}`, verified: true };
  if (found.status === "unreachable") return { note: found.reason };
  return { problem: found.reason };
}

function MailboxInput({
  side,
  description,
  value,
  onChange,
  check,
  error,
}: {
  side: "A" | "B";
  description: string | undefined;
  value: string;
  onChange: (value: string) => void;
  check: Check;
  error: string | undefined;
}) {
  const { note, problem, verified } = checkMessage(check);
  return (
    <Stack gap={4}>
      <TextInput
        label={`Mailbox ${side}`}
        description={description}
        type="email"
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={254}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error ?? problem}
      />
      {/* Announced as it changes: the result of the check arrives after typing stops. */}
      <Text size="xs" c={verified ? "green.9" : "dimmed"} role="status" mih={16}>
        {error || problem ? "" : note}
      </Text>
    </Stack>
  );
}
