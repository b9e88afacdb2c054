import { Alert, Stack } from "@mantine/core";
import { Redirect, useLocation, useSearch } from "wouter";
import { useSession, useSetupNeeded } from "../../api/session";
import { SignedOutLayout } from "../../components/SignedOutLayout";
import { pathAfterSignIn } from "../../paths";
import { SignInForm } from "./SignInForm";

/** Why the admin is on the sign-in page, when it is not the first visit (`?reason=`). */
const REASONS: Record<string, string> = {
  session_expired:
    "Your session ended (2 hours without use, or 12 hours after signing in). Sign in again to carry on where you were.",
  session_invalid: "Your session is no longer valid: it was ended elsewhere. Sign in again to carry on.",
  signed_out: "You are signed out.",
  already_set_up: "crosscal already has an administrator: sign in.",
  setup_done: "The administrator is created: sign in with the username and password you chose.",
};

/** Sign-in, then back to the page that asked for it (`?next=`), or first-run setup while nobody can sign in. */
export default function SignInScreen() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const session = useSession();
  const setup = useSetupNeeded();
  const next = pathAfterSignIn(params.get("next"));
  if (setup.data === true) return <Redirect to="/setup" replace />;
  if (session.data) return <Redirect to={next} replace />;
  const reason = REASONS[params.get("reason") ?? ""];

  return (
    <SignedOutLayout title="Sign in">
      <Stack>
        {reason && <Alert color="blue">{reason}</Alert>}
        <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
      </Stack>
    </SignedOutLayout>
  );
}
