import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import type { Answer, RequestBody } from "../../api/types";

export type MailboxCheck = Answer<"/api/syncs/{syncId}/mailboxes/check", "post">;
export type NewProfile = RequestBody<"/api/syncs/{syncId}/profiles", "post">;
export type AddedProfile = Answer<"/api/syncs/{syncId}/profiles", "post", 201>;

/** Something worth asking a tenant about: one @, a dot in the domain, no spaces. */
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** How long typing must pause before the mailbox is checked (each check asks the tenant twice). */
const CHECK_DELAY_MS = 600;

/**
 * The check of one mailbox of a sync as the admin types it: once typing pauses on something that looks
 * like an address, the service asks that side's tenant (nothing is recorded). `typing` is true while
 * the input differs from what was (or is being) checked.
 */
export function useMailboxCheck(syncId: string, side: "A" | "B", typed: string) {
  const value = typed.trim().toLowerCase();
  const [settled] = useDebouncedValue(value, CHECK_DELAY_MS);
  const enabled = syncId !== "" && ADDRESS.test(settled);
  const query = useQuery({
    queryKey: queryKeys.mailboxCheck(syncId, side, settled),
    queryFn: ({ signal }) =>
      answer(
        api.POST("/api/syncs/{syncId}/mailboxes/check", {
          params: { path: { syncId } },
          body: { side, mailbox: settled },
          signal,
        }),
      ),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
  return { ...query, typing: value !== settled, enabled: enabled && value === settled };
}

export function useAddProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ syncId, profile }: { syncId: string; profile: NewProfile }) =>
      answer(api.POST("/api/syncs/{syncId}/profiles", { params: { path: { syncId } }, body: profile })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
    },
  });
}
