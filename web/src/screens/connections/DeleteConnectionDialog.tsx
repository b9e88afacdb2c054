import { Text } from "@mantine/core";
import { ApiError } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Dialog } from "../../components/use-dialog";
import { type Connection, useDeleteConnection } from "./use-connections";

/**
 * Asks before deleting a connection and its stored secret. The service refuses while a sync uses it
 * (409 connection_in_use, naming the syncs): that answer is shown as it is. Cancel has the focus.
 */
export function DeleteConnectionDialog({
  dialog,
  onDeleted,
}: {
  dialog: Dialog<Connection>;
  onDeleted?: () => void;
}) {
  const remove = useDeleteConnection();
  const inUse = remove.error instanceof ApiError && remove.error.code === "connection_in_use";
  return (
    <ConfirmDialog
      dialog={dialog}
      title={`Delete the connection “${dialog.item?.name ?? ""}”?`}
      confirmLabel="Delete connection"
      action={remove}
      errorTitle={inUse ? "A sync uses this connection" : "Not deleted"}
      onConfirm={(connection) =>
        remove.mutate(connection.id, {
          onSuccess: () => {
            dialog.close();
            onDeleted?.();
          },
        })
      }
    >
      <Text>
        crosscal forgets the tenant and its stored secret or private key. A connection that a sync uses cannot
        be deleted: delete or change the sync first. This cannot be undone.
      </Text>
    </ConfirmDialog>
  );
}
