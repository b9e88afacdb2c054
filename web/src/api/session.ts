import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { answer, api, rememberCsrfToken } from "./client";
import { ApiError } from "./errors";
import { queryKeys } from "./query-keys";
import type { Answer, RequestBody } from "./types";

/** Who is signed in, as GET /api/auth/me says. */
export type Me = Answer<"/api/auth/me", "get">;

/** The signed-in administrator, or null; remembers the session's CSRF token for the requests that follow. */
async function fetchSession(): Promise<Me | null> {
  try {
    const me = await answer(api.GET("/api/auth/me"));
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session, asked once per page (navigation.ts asks before the first render; RequireSession reads it). */
export const sessionQuery = queryOptions({
  queryKey: queryKeys.session,
  queryFn: fetchSession,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export const useSession = () => useQuery(sessionQuery);

/** Whether the first administrator is still to be created (then the first-run screen shows). */
export const useSetupNeeded = () =>
  useQuery({
    queryKey: queryKeys.setup,
    queryFn: async () => (await answer(api.GET("/api/setup"))).needed,
    staleTime: Number.POSITIVE_INFINITY,
  });

let endedBy: string | undefined;

/** Why the last session ended without the admin signing out (`session_expired`…), read once by sign-in. */
export function takeSessionEndReason(): string | undefined {
  const reason = endedBy;
  endedBy = undefined;
  return reason;
}

/** What the app does when the API says the session is over: forget it; RequireSession goes to sign-in. */
export function sessionEnded(queryClient: ReturnType<typeof useQueryClient>, code: string): void {
  // Only a session the page knew can end. Before the session check has answered (a first load asks for
  // the session and a screen's data at once), that check says what happened, and once nobody is signed
  // in, late refusals say nothing new; the server deletes an expired session at its first use, so the
  // requests racing that one would otherwise give an expiry as "ended elsewhere".
  if (!queryClient.getQueryData(queryKeys.session)) return;
  // `unauthenticated` (no cookie at all) says nothing worth telling the admin.
  endedBy = code === "unauthenticated" ? undefined : code;
  rememberCsrfToken(null);
  queryClient.setQueryData(queryKeys.session, null);
}

export type Credentials = RequestBody<"/api/auth/login", "post">;

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => answer(api.POST("/api/auth/login", { body: credentials })),
    onSuccess: (session) => {
      rememberCsrfToken(session.csrfToken);
      // Nothing another administrator's session read may show in this one.
      queryClient.removeQueries();
      const me: Me = { ...session, via: "session" };
      queryClient.setQueryData(queryKeys.session, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await answer(api.POST("/api/auth/logout"));
      } catch (error) {
        // Ended already (expired, signed out in another tab): signed out is what was asked.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      rememberCsrfToken(null);
      queryClient.removeQueries();
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}
