import { Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useId, useRef, useState } from "react";
import { formErrors } from "../../../api/errors";
import { FormError } from "../../../components/FormError";
import { useFocusInvalid } from "../../../components/use-focus-invalid";
import { BindingPreviewView } from "./BindingPreviewView";
import { GroupPicker } from "./GroupPicker";
import {
  type Binding,
  type Group as DirectoryGroup,
  MATCH_LABELS,
  type MatchBy,
  type NewBinding,
  useCreateBinding,
  usePreview,
} from "./use-group-bindings";

const REFRESH_CHOICES = [
  { value: "15", label: "Every 15 minutes" },
  { value: "60", label: "Every hour" },
  { value: "240", label: "Every 4 hours" },
  { value: "1440", label: "Once a day" },
];

const START_CHOICES = [
  { value: "", label: "Leave them as drafts (start them yourself)" },
  { value: "only-new", label: "Start them: sync only new meetings" },
  { value: "merge", label: "Start them: merge existing meetings two-way" },
];

/**
 * Binds a group in each tenant of a sync: find each group, choose how members are matched, preview who
 * is paired and who is not (nothing written), then save. Saving is offered only for what was previewed.
 */
export function BindGroupsForm({
  syncId,
  sides,
  onSaved,
}: {
  syncId: string;
  sides: { A: string | undefined; B: string | undefined };
  onSaved: (binding: Binding) => void;
}) {
  const [groupA, setGroupA] = useState<DirectoryGroup | null>(null);
  const [groupB, setGroupB] = useState<DirectoryGroup | null>(null);
  const [matchBy, setMatchBy] = useState<MatchBy>("local-part");
  const [attribute, setAttribute] = useState("");
  const [autoStart, setAutoStart] = useState("");
  const [refresh, setRefresh] = useState("60");
  const preview = usePreview();
  const create = useCreateBinding();
  const form = useRef<HTMLFormElement>(null);
  const headingId = useId();

  const rule = {
    groupA: groupA?.id ?? "",
    groupB: groupB?.id ?? "",
    matchBy,
    ...(matchBy === "attribute" && { matchAttribute: attribute.trim() }),
  };
  const ruleKey = JSON.stringify(rule);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const current = preview.data && previewed === ruleKey ? preview.data : undefined;
  const failure = create.error ?? (previewed === ruleKey ? preview.error : null);
  const errors = formErrors(failure, {
    groupA: ["group_ambiguous", "group_binding_exists"],
    groupB: [],
    matchAttribute: [],
    refreshMinutes: [],
    autoStart: [],
  });
  useFocusInvalid(form, failure);

  return (
    <form
      ref={form}
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        if (!current) return;
        const binding: NewBinding = {
          ...rule,
          refreshMinutes: Number(refresh),
          autoStart: autoStart === "" ? null : (autoStart as "only-new" | "merge"),
        };
        create.mutate({ syncId, binding }, { onSuccess: onSaved });
      }}
    >
      <Stack>
        <Title order={2} size="h3" id={headingId}>
          Bind two groups
        </Title>
        <Text size="sm">
          Members of both groups who are the same person get a profile; the groups are read again on a
          schedule, so people who join get one and people who leave are paused.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <GroupPicker
            syncId={syncId}
            side="A"
            description={sides.A}
            value={groupA}
            onChange={setGroupA}
            error={errors.inputs.groupA}
          />
          <GroupPicker
            syncId={syncId}
            side="B"
            description={sides.B}
            value={groupB}
            onChange={setGroupB}
            error={errors.inputs.groupB}
          />
        </SimpleGrid>
        <Radio.Group
          label="How are members matched?"
          value={matchBy}
          onChange={(value) => setMatchBy(value as MatchBy)}
        >
          <Stack gap="xs" mt={4}>
            {(Object.keys(MATCH_LABELS) as MatchBy[]).map((value) => (
              <Radio key={value} value={value} {...MATCH_LABELS[value]} />
            ))}
          </Stack>
        </Radio.Group>
        {matchBy === "attribute" && (
          <TextInput
            label="Attribute"
            description="A user property, e.g. employeeId or extension_<app id>_staffNumber."
            value={attribute}
            onChange={(event) => setAttribute(event.currentTarget.value)}
            error={errors.inputs.matchAttribute}
            maw={420}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="New profiles"
            value={autoStart}
            onChange={(event) => setAutoStart(event.currentTarget.value)}
            data={START_CHOICES}
            error={errors.inputs.autoStart}
          />
          <NativeSelect
            label="Read the groups again"
            value={refresh}
            onChange={(event) => setRefresh(event.currentTarget.value)}
            data={REFRESH_CHOICES}
            error={errors.inputs.refreshMinutes}
          />
        </SimpleGrid>
        <FormError title="Not bound" message={errors.form} />
        <Group>
          <Button
            variant="default"
            disabled={!groupA || !groupB}
            loading={preview.isPending}
            onClick={() => {
              create.reset();
              setPreviewed(ruleKey);
              preview.mutate({ syncId, input: rule });
            }}
          >
            Preview
          </Button>
          <Button
            type="submit"
            disabled={!current || current.alreadyBound !== null}
            loading={create.isPending}
          >
            Save binding
          </Button>
          {!current && groupA && groupB && (
            <Text size="sm" c="dimmed">
              Preview first: saving creates the profiles at once.
            </Text>
          )}
        </Group>
        {current && <BindingPreviewView preview={current} />}
      </Stack>
    </form>
  );
}
