import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { FormError } from "../../components/FormError";
import type { Dialog } from "../../components/use-dialog";
import type { SyncInfo } from "./types";
import { useDeleteSync } from "./use-syncs";

/** Asks before deleting a sync; the service refuses while it has profiles (they hold its copies' state). */
export function DeleteSyncDialog({ dialog, onDeleted }: { dialog: Dialog<SyncInfo>; onDeleted: () => void }) {
  const remove = useDeleteSync();
  const sync = dialog.item;
  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={() => {
        remove.reset();
        dialog.exited();
      }}
      title={`Delete the sync “${sync?.name ?? ""}”?`}
    >
      <Stack>
        <Text>
          Only a sync without profiles can be deleted: remove its profiles first (which cleans up their
          copies). Its group bindings go with it. This cannot be undone.
        </Text>
        <FormError title="Not deleted" message={remove.error?.message} />
        <Group justify="end">
          <Button variant="default" onClick={dialog.close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              sync &&
              remove.mutate(sync.id, {
                onSuccess: () => {
                  dialog.close();
                  onDeleted();
                },
              })
            }
          >
            Delete sync
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
