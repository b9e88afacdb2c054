import { Button, Group, Text } from "@mantine/core";
import { useRef } from "react";
import { FormError } from "../../components/FormError";

interface LoadMoreProps {
  /** What the list holds, plural: "runs", "decisions". */
  noun: string;
  shown: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  error: Error | null;
  fetchNextPage: () => Promise<{ hasNextPage: boolean }>;
}

/**
 * The end of a paged list: how many rows are shown, and "Load more" while the API has a next page (the
 * next request carries its cursor). When the last page arrives the button goes and the keyboard stays on
 * the count, which says that was all.
 */
export function LoadMore({
  noun,
  shown,
  hasNextPage,
  isFetchingNextPage,
  error,
  fetchNextPage,
}: LoadMoreProps) {
  const status = useRef<HTMLParagraphElement>(null);
  return (
    <>
      {error && <FormError title={`No more ${noun} could be loaded`} message={error.message} />}
      <Group gap="sm">
        <Text ref={status} size="sm" tabIndex={-1} aria-live="polite">
          {shown} {shown === 1 ? noun.replace(/s$/, "") : noun} shown{hasNextPage ? "" : ", that is all"}.
        </Text>
        {hasNextPage && (
          <Button
            variant="default"
            loading={isFetchingNextPage}
            onClick={async () => {
              const next = await fetchNextPage();
              if (!next.hasNextPage) status.current?.focus();
            }}
          >
            Load more {noun}
          </Button>
        )}
      </Group>
    </>
  );
}
