import { Alert, Anchor, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { Link } from "wouter";
import { FormError } from "../../../components/FormError";
import { Loading } from "../../../components/Loading";
import { Screen } from "../../../components/Screen";
import { sideDescription } from "../AddProfileDialog";
import { count, profilesCount, useConnections, useSyncs } from "../use-profiles";
import { BindGroupsForm } from "./BindGroupsForm";
import { BindingList } from "./BindingList";
import { useBindings } from "./use-group-bindings";

/**
 * Group bindings of a sync: a group in each tenant whose members, matched across the tenants, keep the
 * sync's profiles up to date. The bindings with their last refresh, and a form to bind two more.
 */
export default function GroupBindingsScreen() {
  const syncs = useSyncs();
  const connections = useConnections().data ?? [];
  const [chosen, setChosen] = useState("");
  const syncId = chosen || syncs.data?.[0]?.id || "";
  const sync = syncs.data?.find((candidate) => candidate.id === syncId);
  const bindings = useBindings(syncId);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <Screen title="Group bindings">
      <Anchor component={Link} href="/profiles" size="sm">
        ← All profiles
      </Anchor>
      {syncs.isPending && <Loading label="Loading the syncs" />}
      {syncs.isError && <FormError title="The syncs could not be listed" message={syncs.error.message} />}
      {syncs.data?.length === 0 && (
        <Text>
          No syncs yet.{" "}
          <Anchor component={Link} href="/syncs">
            Create a sync
          </Anchor>{" "}
          first.
        </Text>
      )}
      {sync && (
        <>
          <NativeSelect
            label="Sync"
            value={syncId}
            onChange={(event) => {
              setChosen(event.currentTarget.value);
              setNotice(null);
            }}
            data={(syncs.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            maw={420}
          />
          {notice && (
            <Alert color="green" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
              {notice}
            </Alert>
          )}
          <Stack gap="sm" component="section" aria-labelledby="bindings">
            <Title order={2} size="h3" id="bindings">
              Bindings of {sync.name}
            </Title>
            {bindings.isPending && <Loading label="Loading the bindings" />}
            {bindings.isError && (
              <FormError title="The bindings could not be listed" message={bindings.error.message} />
            )}
            {bindings.data && <BindingList syncId={syncId} bindings={bindings.data} />}
          </Stack>
          <Paper withBorder p="md" radius="md">
            <BindGroupsForm
              key={`${syncId}:${formKey}`}
              syncId={syncId}
              sides={{
                A: sideDescription(sync, "A", connections),
                B: sideDescription(sync, "B", connections),
              }}
              onSaved={(binding) => {
                const report = binding.lastReport;
                setFormKey((key) => key + 1);
                setNotice(
                  report?.error
                    ? `Bound, but the first reading of the groups failed: ${report.error}`
                    : `Bound: ${profilesCount(report?.created.length ?? 0)} added (${
                        report?.started.length
                          ? `${count(report.started.length)} started`
                          : "drafts: start them on the Profiles screen"
                      }).`,
                );
              }}
            />
          </Paper>
        </>
      )}
    </Screen>
  );
}
