import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api } from "../../../api/client";
import { queryKeys } from "../../../api/query-keys";
import type { Answer, RequestBody } from "../../../api/types";

export type Binding = Answer<"/api/syncs/{syncId}/group-bindings", "get">["bindings"][number];
export type BindingReport = NonNullable<Binding["lastReport"]>;
export type Group = Answer<"/api/syncs/{syncId}/groups", "get">["groups"][number];
export type Preview = Answer<"/api/syncs/{syncId}/group-bindings/preview", "post">;
export type PreviewInput = RequestBody<"/api/syncs/{syncId}/group-bindings/preview", "post">;
export type NewBinding = RequestBody<"/api/syncs/{syncId}/group-bindings", "post">;
export type MatchBy = NonNullable<NewBinding["matchBy"]>;

/** The sync's group bindings, with each one's last refresh report. */
export const useBindings = (syncId: string) =>
  useQuery({
    queryKey: queryKeys.groupBindings(syncId),
    queryFn: async () =>
      (await answer(api.GET("/api/syncs/{syncId}/group-bindings", { params: { path: { syncId } } })))
        .bindings,
    enabled: syncId !== "",
  });

/** Groups of one side's tenant whose name has a word starting with what is typed (once typing pauses). */
export function useGroupSearch(syncId: string, side: "A" | "B", typed: string) {
  const [search] = useDebouncedValue(typed.trim(), 400);
  const query = useQuery({
    queryKey: queryKeys.groupSearch(syncId, side, search),
    queryFn: async ({ signal }) =>
      (
        await answer(
          api.GET("/api/syncs/{syncId}/groups", {
            params: { path: { syncId }, query: { side, search } },
            signal,
          }),
        )
      ).groups,
    enabled: syncId !== "" && search !== "",
    staleTime: 60_000,
    retry: false,
  });
  return { ...query, search, typing: typed.trim() !== search };
}

/** What binding two groups would do now; nothing is written. */
export const usePreview = () =>
  useMutation({
    mutationFn: ({ syncId, input }: { syncId: string; input: PreviewInput }) =>
      answer(
        api.POST("/api/syncs/{syncId}/group-bindings/preview", { params: { path: { syncId } }, body: input }),
      ),
  });

function useRefreshAfter() {
  const queryClient = useQueryClient();
  return (syncId: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.groupBindings(syncId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
    void queryClient.invalidateQueries({ queryKey: queryKeys.syncs, exact: true });
  };
}

export function useCreateBinding() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ syncId, binding }: { syncId: string; binding: NewBinding }) =>
      answer(api.POST("/api/syncs/{syncId}/group-bindings", { params: { path: { syncId } }, body: binding })),
    onSuccess: (_, { syncId }) => refresh(syncId),
  });
}

export function useRefreshBinding() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ syncId, id }: { syncId: string; id: string }) =>
      answer(
        api.POST("/api/syncs/{syncId}/group-bindings/{id}/refresh", { params: { path: { syncId, id } } }),
      ),
    onSettled: (_, __, { syncId }) => refresh(syncId),
  });
}

export function useDeleteBinding() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ syncId, id }: { syncId: string; id: string }) =>
      answer(api.DELETE("/api/syncs/{syncId}/group-bindings/{id}", { params: { path: { syncId, id } } })),
    onSettled: (_, __, { syncId }) => refresh(syncId),
  });
}

export const MATCH_LABELS: Record<MatchBy, { label: string; description: string }> = {
  "local-part": {
    label: "Same address before the @",
    description: "adele@contoso.com is adele@fabrikam.com (their mail address, else their sign-in name).",
  },
  "display-name": {
    label: "Same display name",
    description: "“Adele Vance” in one directory is “Adele Vance” in the other.",
  },
  attribute: {
    label: "Same directory attribute",
    description: "A property both directories hold for each person, such as employeeId.",
  },
};
