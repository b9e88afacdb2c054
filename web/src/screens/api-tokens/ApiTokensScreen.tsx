import { Anchor, Button, Paper, Stack, Text, Title } from "@mantine/core";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useDialog } from "../../components/use-dialog";
import { CreateTokenForm } from "./CreateTokenForm";
import { DeleteTokenDialog } from "./DeleteTokenDialog";
import { NewTokenDialog } from "./NewTokenDialog";
import { TokenTable } from "./TokenTable";
import { type CreatedToken, type TokenInfo, useTokens } from "./use-tokens";

/** API tokens for scripts and monitoring: the list, a new one (shown once), deleting one. */
export default function ApiTokensScreen() {
  const tokens = useTokens();
  const created = useDialog<CreatedToken>();
  const deleting = useDialog<TokenInfo>();

  return (
    <Screen title="API tokens">
      <Text>
        Scripts, monitoring and automation use the API with a token instead of a password (
        <Anchor href="/docs">API documentation</Anchor>). A read token can only read; an admin token can do
        everything you can.
      </Text>
      <Paper withBorder p="md" radius="md">
        <CreateTokenForm onCreated={created.open} />
      </Paper>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Tokens
        </Title>
        {tokens.isPending && <Loading label="Loading the tokens" />}
        {tokens.isError && (
          <Stack align="start">
            <FormError title="The tokens could not be listed" message={tokens.error.message} />
            <Button variant="default" onClick={() => tokens.refetch()}>
              Try again
            </Button>
          </Stack>
        )}
        {tokens.data && <TokenTable tokens={tokens.data} onDelete={deleting.open} />}
      </Stack>
      <NewTokenDialog dialog={created} />
      <DeleteTokenDialog dialog={deleting} />
    </Screen>
  );
}
