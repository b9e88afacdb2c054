import { Anchor, Button, Stack, Text } from "@mantine/core";
import { Link, useParams } from "wouter";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { Screen } from "../../components/Screen";
import { useConnections } from "../connections/use-connections";
import { SyncEditor } from "./SyncEditor";
import { useSync } from "./use-syncs";

/** /syncs/new and /syncs/:id: the sync editor, once the connections (and the sync) are read. */
export default function SyncEditorScreen() {
  const { id } = useParams<{ id?: string }>();
  return id ? <SavedSync id={id} /> : <NewSync />;
}

function NewSync() {
  const connections = useConnections();
  return (
    <Screen title="New sync">
      <Back />
      <Text>
        Two connections, which way meetings are copied, what a copy shows and which meetings are left out.
        Profiles (the people) are added to the sync once it is created.
      </Text>
      {connections.isPending && <Loading label="Loading the connections" />}
      {connections.isError && (
        <FormError title="The connections could not be listed" message={connections.error.message} />
      )}
      {connections.data && connections.data.length < 2 && (
        <Text>
          A sync joins two connections:{" "}
          <Anchor component={Link} href="/connections">
            add them first
          </Anchor>
          .
        </Text>
      )}
      {connections.data && <SyncEditor connections={connections.data} />}
    </Screen>
  );
}

function SavedSync({ id }: { id: string }) {
  const sync = useSync(id);
  const connections = useConnections();
  if (sync.isPending || connections.isPending) return <Loading label="Loading the sync" />;
  if (sync.isError || connections.isError) {
    const failed = sync.error ?? connections.error;
    return (
      <Screen title="Sync">
        <Stack align="start">
          <FormError title="The sync could not be read" message={failed?.message} />
          <Button variant="default" onClick={() => (sync.isError ? sync.refetch() : connections.refetch())}>
            Try again
          </Button>
          <Back />
        </Stack>
      </Screen>
    );
  }
  const { total, active } = sync.data.profiles;
  return (
    <Screen title={`Sync ${sync.data.name}`}>
      <Back />
      <Text>
        {total === 0 ? "No profiles yet. " : `${total} profile${total === 1 ? "" : "s"}, ${active} active. `}
        <Anchor component={Link} href={`/profiles?sync=${sync.data.id}`}>
          Its profiles
        </Anchor>
      </Text>
      <SyncEditor sync={sync.data} connections={connections.data} />
    </Screen>
  );
}

function Back() {
  return (
    <Anchor component={Link} href="/syncs" size="sm">
      All syncs
    </Anchor>
  );
}
