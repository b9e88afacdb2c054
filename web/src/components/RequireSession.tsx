import type { ReactNode } from "react";
import { Redirect, useLocation, useSearch } from "wouter";
import { takeSessionEndReason, useSession, useSetupNeeded } from "../api/session";
import { signInPath } from "../paths";
import { FormError } from "./FormError";
import { Loading } from "./Loading";

/**
 * Shows its screens only to a signed-in administrator. Anyone else goes to sign-in, which brings them
 * back here afterwards (or to first-run setup while no administrator exists).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const setup = useSetupNeeded();
  const [location] = useLocation();
  const search = useSearch();
  if (session.isPending) return <Loading label="Checking your session" />;
  if (session.isError) return <FormError title="crosscal did not answer" message={session.error.message} />;
  if (session.data) return children;
  if (setup.isPending) return <Loading />;
  if (setup.data) return <Redirect to="/setup" replace />;
  const back = search ? `${location}?${search}` : location;
  return <Redirect to={signInPath(back, takeSessionEndReason())} replace />;
}
