import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type ChangeEvent, type Ref, useId, useRef, useState } from "react";
import type { FilterErrors, FilterName } from "./filter-errors";
import {
  anyFilter,
  DECISION_ACTIONS,
  FILTERS_OF,
  type Filters,
  filterCount,
  fromLocalInput,
  historyPath,
  RUN_OUTCOMES,
  type TextFilter,
  toLocalInput,
} from "./filters";
import { OUTCOME_LABELS } from "./labels";

/** Below Mantine's `sm` breakpoint, as the app shell's navigation. */
const SMALL_SCREEN = "(max-width: 48em)";

interface HistoryFiltersProps {
  /** The filters in the address: the form starts from them, and again whenever they change. */
  filters: Filters;
  errors: FilterErrors["inputs"];
  onApply: (filters: Filters) => void;
  ref?: Ref<HTMLFormElement>;
}

/**
 * The list's filters. Typed values stay as they are until "Apply filters", which puts them in the address;
 * the API's refusal of one appears beside it. Dates are picked in the admin's time zone and sent in UTC.
 */
export function HistoryFilters({ filters, errors, onApply, ref }: HistoryFiltersProps) {
  const [draft, setDraft] = useState(filters);
  // New filters in the address (applied, Back, a link): the form starts again from them. Kept mounted
  // rather than made anew, so the keyboard stays on the button that applied them.
  const [shown, setShown] = useState(filters);
  if (historyPath(shown) !== historyPath(filters)) {
    setShown(filters);
    setDraft(filters);
  }
  const apply = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const bodyId = useId();
  // On a phone the filters fold away behind a button, unless one was refused.
  const small = useMediaQuery(SMALL_SCREEN) ?? false;
  const count = filterCount(filters);
  const refused = Object.keys(errors).length > 0;
  const [unfolded, setOpen] = useState(false);
  const open = !small || unfolded || refused;
  const names = FILTERS_OF[filters.view];
  const set = <K extends keyof Filters>(name: K, value: Filters[K]) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const text = (name: TextFilter) => ({
    name,
    value: draft[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, event.currentTarget.value),
    error: errors[name],
  });
  const date = (name: "since" | "until") => ({
    name,
    type: "datetime-local",
    step: 1,
    value: toLocalInput(draft[name]),
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(name, fromLocalInput(event.currentTarget.value)),
    error: errors[name],
  });
  const has = (name: FilterName) => names.includes(name);
  // A value of the address the form does not offer (a link with outcome=great) stays visible, to be changed.
  const outcomes = [
    ...RUN_OUTCOMES,
    ...(draft.outcome && !RUN_OUTCOMES.includes(draft.outcome as never) ? [draft.outcome] : []),
  ];
  const actions = [
    ...DECISION_ACTIONS,
    ...draft.action.filter((action) => !DECISION_ACTIONS.includes(action as never)),
  ];

  return (
    <form
      ref={ref}
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ ...draft, view: filters.view });
      }}
    >
      <h2 id={headingId} className="visually-hidden">
        Filters
      </h2>
      {small && (
        <Button
          variant="default"
          mb="sm"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((current) => !current)}
        >
          {open ? "Hide filters" : "Show filters"}
          {count > 0 && ` (${count} set)`}
        </Button>
      )}
      <div id={bodyId} hidden={!open}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
            <TextInput label="Sync" description="Its name or id" {...text("sync")} />
            <TextInput
              label="Profile"
              description="A person's name or the profile's id"
              {...text("profile")}
            />
            {has("outcome") && (
              <NativeSelect
                label="Outcome"
                description="How the run ended"
                name="outcome"
                value={draft.outcome}
                onChange={(event) => set("outcome", event.currentTarget.value)}
                error={errors.outcome}
                data={[
                  { value: "", label: "Any" },
                  ...outcomes.map((outcome) => ({
                    value: outcome,
                    label: OUTCOME_LABELS[outcome] ?? outcome,
                  })),
                ]}
              />
            )}
            {has("trigger") && (
              <TextInput
                label="Trigger"
                description="notification, reconcile, manual, start, apply-now…"
                {...text("trigger")}
              />
            )}
            {has("event") && (
              <TextInput
                label="Event id"
                description="An original's or a copy's, either mailbox"
                {...text("event")}
              />
            )}
            <TextInput
              label="Since"
              description="From this time (included), your time zone"
              {...date("since")}
            />
            <TextInput
              label="Until"
              description="Up to this time (excluded), your time zone"
              {...date("until")}
            />
          </SimpleGrid>
          {has("action") && (
            <Checkbox.Group
              label="Actions"
              description="None ticked: every action"
              value={draft.action}
              onChange={(value) => set("action", value)}
              error={errors.action}
            >
              <Group gap="md" mt="xs">
                {actions.map((action) => (
                  <Checkbox key={action} value={action} label={action} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <Group gap="sm">
            <Button type="submit" ref={apply}>
              Apply filters
            </Button>
            {anyFilter(filters) && (
              <Button
                variant="default"
                onClick={() => {
                  onApply(emptyFilters(filters.view));
                  // This button goes with the filters: the keyboard moves to the one that stays.
                  apply.current?.focus();
                }}
              >
                Clear filters
              </Button>
            )}
          </Group>
        </Stack>
      </div>
    </form>
  );
}

export const emptyFilters = (view: Filters["view"]): Filters => ({
  view,
  sync: "",
  profile: "",
  outcome: "",
  trigger: "",
  event: "",
  action: [],
  since: "",
  until: "",
});
