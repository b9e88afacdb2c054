import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { ApiError } from "../../api/errors";
import { connectionsQuery } from "../../api/lists";
import { queryKeys } from "../../api/query-keys";
import type { Answer, RequestBody } from "../../api/types";

export type Connection = Answer<"/api/connections", "get">["connections"][number];
export type ConnectionStatus = Connection["status"];
export type Cloud = Connection["cloud"];
export type NewConnection = RequestBody<"/api/connections", "post">;
export type ConnectionPatch = RequestBody<"/api/connections/{id}", "patch">;
export type CheckedConnection = Answer<"/api/connections/{id}/check", "post">;
export type ConsentRequest = RequestBody<"/api/connections/consent", "post">;
export type ConsentUrl = Answer<"/api/connections/consent", "post">;

/** While a re-check is due (its time has passed, the service's scheduler is about to run it): poll. */
const DUE_POLL_MS = 3_000;

const recheckDue = (connections: Connection[] | undefined, now = Date.now()) =>
  connections?.some((connection) => connection.recheckAt && Date.parse(connection.recheckAt) <= now) ?? false;

/**
 * Every connection with its last check. Connections are not on the live event stream: the countdown to a
 * re-check refetches when it passes (RecheckCountdown), and while one is due the list is read every 3 s
 * until the service has checked.
 */
export const useConnections = () =>
  useQuery({
    ...connectionsQuery,
    refetchInterval: (query) => (recheckDue(query.state.data) ? DUE_POLL_MS : false),
  });

export const useConnection = (id: string) =>
  useQuery({
    queryKey: queryKeys.connection(id),
    queryFn: () => answer(api.GET("/api/connections/{id}", { params: { path: { id } } })),
    refetchInterval: (query) => (recheckDue(query.state.data && [query.state.data]) ? DUE_POLL_MS : false),
  });

/** After any change: the list and the one connection are read again (the check may have changed both). */
function useRefresh() {
  const queryClient = useQueryClient();
  return (connection?: Connection) => {
    if (connection) queryClient.setQueryData(queryKeys.connection(connection.id), connection);
    return queryClient.invalidateQueries({ queryKey: queryKeys.connections });
  };
}

export function useCreateConnection() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: NewConnection) => answer(api.POST("/api/connections", { body })),
    onSuccess: (connection) => refresh(connection),
  });
}

export function useEditConnection(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ConnectionPatch) =>
      answer(api.PATCH("/api/connections/{id}", { params: { path: { id } }, body })),
    onSuccess: (connection) => refresh(connection),
  });
}

/** Checks in flight, by the connection's id (its variables): a page shows one started elsewhere. */
export const CHECK_MUTATION = ["connections", "check"] as const;

export function useCheckConnection() {
  const refresh = useRefresh();
  return useMutation({
    mutationKey: CHECK_MUTATION,
    mutationFn: (id: string) => answer(api.POST("/api/connections/{id}/check", { params: { path: { id } } })),
    onSuccess: (checked) => refresh(checked.connection),
  });
}

export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await answer(api.DELETE("/api/connections/{id}", { params: { path: { id } } }));
      } catch (error) {
        // Deleted meanwhile (another tab, another admin): what was asked is done.
        if (!(error instanceof ApiError && error.code === "connection_not_found")) throw error;
      }
    },
    onSuccess: (_, id) => queryClient.removeQueries({ queryKey: queryKeys.connection(id), exact: true }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections, exact: true }),
  });
}

export function useStartConsent() {
  return useMutation({
    mutationFn: (body: ConsentRequest) => answer(api.POST("/api/connections/consent", { body })),
  });
}
