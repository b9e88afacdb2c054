import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { CopyField } from "../../components/CopyField";
import type { Dialog } from "../../components/use-dialog";
import type { CreatedToken } from "./use-tokens";

/**
 * The new token, shown this once: crosscal keeps only its hash. Closing needs a deliberate act (the
 * button or Escape), not a stray click beside the dialog.
 */
export function NewTokenDialog({ dialog }: { dialog: Dialog<CreatedToken> }) {
  const token = dialog.item;
  return (
    <Modal
      opened={dialog.opened}
      onClose={dialog.close}
      onExitTransitionEnd={dialog.exited}
      title={`Token “${token?.name ?? ""}” created`}
      closeOnClickOutside={false}
      size="lg"
    >
      {token && (
        <Stack>
          <Text>
            Copy it now and keep it somewhere safe: crosscal cannot show it again. Send it as{" "}
            <code>Authorization: Bearer …</code>.
          </Text>
          <CopyField label="API token" value={token.token} />
          <Group justify="end">
            <Button onClick={dialog.close}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
