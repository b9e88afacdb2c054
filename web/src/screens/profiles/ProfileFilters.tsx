import { Button, Group, NativeSelect, SimpleGrid, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { STATUS_LABELS } from "../../components/ProfileStatusBadge";
import {
  CHECK_LABELS,
  type Filters,
  hasFilters,
  MAILBOX_CHECKS,
  SORT_LABELS,
  SORTS,
  SOURCE_LABELS,
  SOURCES,
  type Sorting,
  STATUSES,
} from "./filters";
import type { Sync } from "./use-profiles";

interface ProfileFiltersProps {
  filters: Filters;
  sorting: Sorting;
  syncs: Sync[];
  onChange: (filters: Filters, sorting: Sorting) => void;
}

/** Search (name or either address), status, sync, source, mailbox check, and the order. */
export function ProfileFilters({ filters, sorting, syncs, onChange }: ProfileFiltersProps) {
  const [text, setText] = useState(filters.search ?? "");
  // The address changed from elsewhere (cleared filters, a link): show what it says.
  useEffect(() => setText(filters.search ?? ""), [filters.search]);
  const search = useDebouncedCallback((value: string) => {
    const trimmed = value.trim();
    onChange({ ...filters, search: trimmed === "" ? undefined : trimmed.slice(0, 200) }, sorting);
  }, 300);
  const set = <K extends keyof Filters>(key: K, value: string) =>
    onChange({ ...filters, [key]: value === "" ? undefined : value }, sorting);

  return (
    <form aria-label="Filter profiles" onSubmit={(event) => event.preventDefault()}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
        <TextInput
          label="Search"
          placeholder="Name or address"
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            search(event.currentTarget.value);
          }}
        />
        <NativeSelect
          label="Status"
          value={filters.status ?? ""}
          onChange={(event) => set("status", event.currentTarget.value)}
          data={[
            { value: "", label: "Any status" },
            ...STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
          ]}
        />
        <NativeSelect
          label="Sync"
          value={filters.sync ?? ""}
          onChange={(event) => set("sync", event.currentTarget.value)}
          data={[
            { value: "", label: "Every sync" },
            ...syncs.map((sync) => ({ value: sync.id, label: sync.name })),
          ]}
        />
        <NativeSelect
          label="Source"
          value={filters.source ?? ""}
          onChange={(event) => set("source", event.currentTarget.value)}
          data={[
            { value: "", label: "Any source" },
            ...SOURCES.map((value) => ({ value, label: SOURCE_LABELS[value] })),
          ]}
        />
        <NativeSelect
          label="Mailbox check"
          value={filters.mailboxCheck ?? ""}
          onChange={(event) => set("mailboxCheck", event.currentTarget.value)}
          data={[
            { value: "", label: "Any" },
            ...MAILBOX_CHECKS.map((value) => ({ value, label: CHECK_LABELS[value] })),
          ]}
        />
        <NativeSelect
          label="Sort by"
          value={`${sorting.sort}:${sorting.order}`}
          onChange={(event) => {
            const [sort, order] = event.currentTarget.value.split(":") as [Sorting["sort"], Sorting["order"]];
            onChange(filters, { sort, order });
          }}
          data={SORTS.flatMap((sort) => [
            {
              value: `${sort}:asc`,
              label: `${SORT_LABELS[sort]}, ${sort === "lastRun" || sort === "createdAt" ? "oldest" : "A to Z"} first`,
            },
            {
              value: `${sort}:desc`,
              label: `${SORT_LABELS[sort]}, ${sort === "lastRun" || sort === "createdAt" ? "newest" : "Z to A"} first`,
            },
          ])}
        />
      </SimpleGrid>
      {hasFilters(filters) && (
        <Group mt="xs">
          <Button variant="subtle" size="xs" onClick={() => onChange({}, sorting)}>
            Clear filters
          </Button>
        </Group>
      )}
    </form>
  );
}
