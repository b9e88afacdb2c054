import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { ApiError } from "../../api/errors";
import { FormError } from "../../components/FormError";
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
  const connection = dialog.item;
  const inUse = remove.error instanceof ApiError && remove.error.code === "connection_in_use";
  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={() => {
        remove.reset();
        dialog.exited();
      }}
      title={`Delete the connection “${connection?.name ?? ""}”?`}
    >
      <Stack>
        <Text>
          crosscal forgets the tenant and its stored secret or private key. A connection that a sync uses
          cannot be deleted: delete or change the sync first. This cannot be undone.
        </Text>
        <FormError
          title={inUse ? "A sync uses this connection" : "Not deleted"}
          message={remove.error?.message}
        />
        <Group justify="end">
          <Button variant="default" onClick={dialog.close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              connection &&
              remove.mutate(connection.id, {
                onSuccess: () => {
                  dialog.close();
                  onDeleted?.();
                },
              })
            }
          >
            Delete connection
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
