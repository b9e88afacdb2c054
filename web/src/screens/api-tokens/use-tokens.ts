import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { ApiError } from "../../api/errors";
import { queryKeys } from "../../api/query-keys";
import type { Answer, RequestBody } from "../../api/types";

export type TokenInfo = Answer<"/api/tokens", "get">["tokens"][number];
export type NewToken = RequestBody<"/api/tokens", "post">;
export type CreatedToken = Answer<"/api/tokens", "post", 201>;

export const useTokens = () =>
  useQuery({
    queryKey: queryKeys.tokens,
    queryFn: async () => (await answer(api.GET("/api/tokens"))).tokens,
  });

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: NewToken) => answer(api.POST("/api/tokens", { body: token })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useDeleteToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await answer(api.DELETE("/api/tokens/{id}", { params: { path: { id } } }));
      } catch (error) {
        // Deleted meanwhile (another tab, another admin): what was asked is done.
        if (!(error instanceof ApiError && error.code === "token_not_found")) throw error;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}
