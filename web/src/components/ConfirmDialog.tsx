import { Button, Group, Modal, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { FormError } from "./FormError";
import type { Dialog } from "./use-dialog";

/** The part of a mutation the dialog shows: pending, the refusal, and a reset once it has faded out. */
export interface ConfirmAction {
  isPending: boolean;
  error: Error | null;
  reset(): void;
}

/**
 * Asks before something that cannot be undone (a delete, a removal): the explanation, the service's
 * refusal if it refuses, Cancel (which has the focus) and the red button. `onConfirm` runs the mutation.
 */
export function ConfirmDialog<Item>({
  dialog,
  title,
  children,
  confirmLabel,
  action,
  errorTitle = "Not deleted",
  onConfirm,
}: {
  dialog: Dialog<Item>;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  action: ConfirmAction;
  errorTitle?: string;
  onConfirm(item: Item): void;
}) {
  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={() => {
        action.reset();
        dialog.exited();
      }}
      title={title}
    >
      <Stack>
        {children}
        <FormError title={errorTitle} message={action.error?.message} />
        <Group justify="end">
          <Button variant="default" onClick={dialog.close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={action.isPending}
            onClick={() => dialog.item !== null && onConfirm(dialog.item)}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
