import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { FormError } from "../../components/FormError";
import type { Dialog } from "../../components/use-dialog";
import { type TokenInfo, useDeleteToken } from "./use-tokens";

/** Asks before deleting a token: whatever uses it is refused from that moment. Cancel has the focus. */
export function DeleteTokenDialog({ dialog }: { dialog: Dialog<TokenInfo> }) {
  const remove = useDeleteToken();
  const token = dialog.item;
  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={() => {
        remove.reset();
        dialog.exited();
      }}
      title={`Delete the token “${token?.name ?? ""}”?`}
    >
      <Stack>
        <Text>
          Scripts and monitoring that use it are refused from the moment it is deleted. This cannot be undone.
        </Text>
        <FormError title="Not deleted" message={remove.error?.message} />
        <Group justify="end">
          <Button variant="default" onClick={dialog.close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => token && remove.mutate(token.id, { onSuccess: dialog.close })}
          >
            Delete token
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
