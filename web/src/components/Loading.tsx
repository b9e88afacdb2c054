import { Center, Loader } from "@mantine/core";

/** Shown while a lazily loaded screen or the session arrives. */
export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-label={label}>
      <Loader size="md" />
    </Center>
  );
}
