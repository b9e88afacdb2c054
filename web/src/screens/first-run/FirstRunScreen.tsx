import { Code, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Redirect, useLocation } from "wouter";
import { queryKeys } from "../../api/query-keys";
import { useSetupNeeded, useSignIn } from "../../api/session";
import { Loading } from "../../components/Loading";
import { SignedOutLayout } from "../../components/SignedOutLayout";
import { SetupForm } from "./SetupForm";

/**
 * First run: while no administrator exists, whoever can read the console of `crosscal serve` creates one
 * with the setup token it printed, and is signed in at once.
 */
export default function FirstRunScreen() {
  const setup = useSetupNeeded();
  const signIn = useSignIn();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  if (setup.isPending) return <Loading />;
  // Once created (or if someone else was quicker), the way in is sign-in.
  if (setup.data === false && !signIn.isPending && !signIn.isSuccess)
    return <Redirect to="/sign-in?reason=already_set_up" replace />;

  return (
    <SignedOutLayout
      title="Create the administrator"
      intro={
        <Text component="span">
          crosscal has no administrator yet. Copy the setup token from the console where{" "}
          <Code>crosscal serve</Code> runs.
        </Text>
      }
    >
      <SetupForm
        onCreated={({ username, password }) =>
          signIn.mutate(
            { username, password },
            {
              onSettled: (_session, error) => {
                queryClient.setQueryData(queryKeys.setup, false);
                navigate(error ? "/sign-in?reason=setup_done" : "/", { replace: true });
              },
            },
          )
        }
      />
    </SignedOutLayout>
  );
}
