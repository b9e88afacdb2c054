import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { onSessionEnded } from "./api/client";
import { ApiError } from "./api/errors";
import { sessionEnded } from "./api/session";
import { cssVariablesResolver, theme } from "./theme";

/** Queries are retried only when the service did not answer or failed: a refusal will not change. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** When any answer says the session is over, the app forgets it and RequireSession goes to sign-in. */
function SessionWatcher() {
  const queryClient = useQueryClient();
  useEffect(() => onSessionEnded((error) => sessionEnded(queryClient, error.code)), [queryClient]);
  return null;
}

interface AppProvidersProps {
  queryClient: QueryClient;
  /** The CSP nonce of this page (see nonce.ts), for the <style> element Mantine adds. */
  nonce?: string | undefined;
  children: ReactNode;
}

/** Theme, data and session handling around the app (and around each component under test). */
export function AppProviders({ queryClient, nonce, children }: AppProvidersProps) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
      {...(nonce && { getStyleNonce: () => nonce })}
    >
      <QueryClientProvider client={queryClient}>
        <SessionWatcher />
        {children}
      </QueryClientProvider>
    </MantineProvider>
  );
}
