import { Button, Stack } from "@mantine/core";
import { FormError } from "./FormError";

/** A list or page the API did not answer with: what went wrong, and a way to ask again. */
export function LoadError({ title, error, onRetry }: { title: string; error: Error; onRetry: () => void }) {
  return (
    <Stack align="start" gap="xs">
      <FormError title={title} message={error.message} />
      <Button variant="default" onClick={onRetry}>
        Try again
      </Button>
    </Stack>
  );
}
