import { Text } from "@mantine/core";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Dialog } from "../../components/use-dialog";
import type { SyncInfo } from "./types";
import { useDeleteSync } from "./use-syncs";

/** Asks before deleting a sync; the service refuses while it has profiles (they hold its copies' state). */
export function DeleteSyncDialog({ dialog, onDeleted }: { dialog: Dialog<SyncInfo>; onDeleted: () => void }) {
  const remove = useDeleteSync();
  return (
    <ConfirmDialog
      dialog={dialog}
      title={`Delete the sync “${dialog.item?.name ?? ""}”?`}
      confirmLabel="Delete sync"
      action={remove}
      onConfirm={(sync) =>
        remove.mutate(sync.id, {
          onSuccess: () => {
            dialog.close();
            onDeleted();
          },
        })
      }
    >
      <Text>
        Only a sync without profiles can be deleted: remove its profiles first (which cleans up their copies).
        Its group bindings go with it. This cannot be undone.
      </Text>
    </ConfirmDialog>
  );
}
