import { Text } from "@mantine/core";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Dialog } from "../../components/use-dialog";
import { type TokenInfo, useDeleteToken } from "./use-tokens";

/** Asks before deleting a token: whatever uses it is refused from that moment. Cancel has the focus. */
export function DeleteTokenDialog({ dialog }: { dialog: Dialog<TokenInfo> }) {
  const remove = useDeleteToken();
  return (
    <ConfirmDialog
      dialog={dialog}
      title={`Delete the token “${dialog.item?.name ?? ""}”?`}
      confirmLabel="Delete token"
      action={remove}
      onConfirm={(token) => remove.mutate(token.id, { onSuccess: dialog.close })}
    >
      <Text>
        Scripts and monitoring that use it are refused from the moment it is deleted. This cannot be undone.
      </Text>
    </ConfirmDialog>
  );
}
