import { Anchor, Paper, Text } from "@mantine/core";
import { Link, useLocation } from "wouter";
import { Screen } from "../../components/Screen";
import { ConnectionForm, newConnectionOf } from "./ConnectionForm";
import { useCheckConnection, useCreateConnection } from "./use-connections";

/** A connection through an app registration of the tenant's own; checked live as soon as it is made. */
export default function NewConnectionScreen() {
  const create = useCreateConnection();
  const check = useCheckConnection();
  const [, navigate] = useLocation();
  return (
    <Screen title="New connection">
      <Text>
        An app registration in the tenant with the application permission Calendars.ReadWrite (and
        User.Read.All) and admin consent, and its client secret or certificate (
        <Anchor href="/docs">how</Anchor>). No registration of your own? Use{" "}
        <Anchor component={Link} href="/connections">
          admin consent for this deployment's app
        </Anchor>{" "}
        instead.
      </Text>
      <Paper withBorder p="md" radius="md">
        <ConnectionForm
          submitLabel="Create connection"
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            create.mutate(newConnectionOf(values), {
              onSuccess: (connection) => {
                // Its status says nothing until checked: check at once, on its page.
                check.mutate(connection.id);
                navigate(`/connections/${connection.id}`);
              },
            })
          }
          onCancel={() => navigate("/connections")}
        />
      </Paper>
    </Screen>
  );
}
