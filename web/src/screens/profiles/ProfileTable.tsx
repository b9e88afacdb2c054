import { Anchor, Box, Checkbox, Table, Text, UnstyledButton } from "@mantine/core";
import {
  type Column,
  createColumnHelper,
  type RowSelectionState,
  rowSelectionFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { observeElementRect, useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { Link } from "wouter";
import { formatDateTime } from "../../components/format";
import { ProfileStatusBadge } from "../../components/ProfileStatusBadge";
import { SOURCE_LABELS, type Sorting, type SortKey } from "./filters";
import type { Profile } from "./use-profiles";

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });
const column = createColumnHelper<typeof features, Profile>();

/** Every row is this tall (two lines of text), so only the rows in view are rendered and none measured. */
const ROW_HEIGHT = 60;
/** Rows rendered above and below the view: Tab and arrow keys reach a rendered row before it scrolls in. */
const OVERSCAN = 12;
/** More rows are asked for when the view comes this close to the last loaded row. */
const PREFETCH_ROWS = 40;
/** Until the browser has laid the table out (and in tests, where nothing is laid out), assume a screenful. */
const FALLBACK_RECT = { width: 1024, height: 720 };

const OUTCOME_LABELS: Record<string, string> = {
  ok: "ok",
  failed: "failed",
  needs_confirmation: "needs confirmation",
  skipped: "skipped",
};

/** What the status cell says under the badge: why, or what is wrong with the mailboxes. */
export function statusDetail(profile: Profile): string | null {
  if (profile.statusReason) return profile.statusReason;
  if (profile.mailboxCheck.status === "invalid")
    return `Mailbox check: ${profile.mailboxCheck.reason ?? "failed"}`;
  if (profile.mailboxCheck.status === "unverified" && profile.status === "draft")
    return "Mailboxes not checked yet";
  return null;
}

const bodyCell = { overflow: "hidden" } as const;
const rowHeaderCell = { overflow: "hidden", fontWeight: 400 } as const;

/**
 * A line of a cell's text, cut with an ellipsis when too long. A plain element styled by styles.css
 * (`profile-*`), not Mantine's Text: a screenful of rows holds some 300 text elements and cells, and
 * Mantine's work per component (theme, style props, class names) was most of the first rows' render.
 */
function Line({
  size = "sm",
  tone,
  spaced = false,
  ...rest
}: {
  size?: "sm" | "xs";
  tone?: "dimmed" | "failed";
  /** A little space above: a detail under a badge. */
  spaced?: boolean;
  id?: string;
  title?: string;
  children: ReactNode;
}) {
  const className = `profile-line profile-${size}${tone ? ` profile-${tone}` : ""}${spaced ? " profile-spaced" : ""}`;
  return <div className={className} {...rest} />;
}

interface ProfileTableProps {
  profiles: Profile[];
  /** How many profiles match (the table's rows once every page is loaded). */
  total: number;
  syncNames: ReadonlyMap<string, string>;
  sorting: Sorting;
  onSort: (sorting: Sorting) => void;
  selected: RowSelectionState;
  onSelect: (selected: RowSelectionState) => void;
  /** Every profile matching the filters is selected (also those not loaded). */
  allMatching: boolean;
  /** Unticking one row while all matching are selected. */
  onUnselectFromAll: (id: string) => void;
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * The profiles, one row each, however many: TanStack Table holds the columns, the order and the
 * selection; TanStack Virtual renders only the rows in view (plus a few), between two spacer rows that
 * keep the scroll bar true to the whole list. It stays a real <table> with row headers, so screen readers
 * read it as one, and `aria-rowcount` tells them how many rows there are in all. Nearing the last loaded
 * row asks for the next page.
 */
export function ProfileTable(props: ProfileTableProps) {
  const { profiles, total, syncNames, sorting, selected, allMatching, hasMore, loadMore } = props;
  const scroller = useRef<HTMLDivElement>(null);

  const columns = useMemo(
    () =>
      column.columns([
        column.display({
          id: "select",
          enableSorting: false,
          header: ({ table }) => (
            <Checkbox
              aria-label="Select every profile shown"
              checked={allMatching || (table.options.data.length > 0 && table.getIsAllRowsSelected())}
              indeterminate={!allMatching && table.getIsSomeRowsSelected()}
              onChange={(event) =>
                props.onSelect(event.currentTarget.checked ? allOf(table.options.data) : {})
              }
              disabled={table.options.data.length === 0}
            />
          ),
          cell: ({ row }) => (
            <Checkbox
              aria-label={`Select ${row.original.name}`}
              checked={allMatching || row.getIsSelected()}
              onChange={(event) => {
                if (allMatching) props.onUnselectFromAll(row.id);
                else row.toggleSelected(event.currentTarget.checked);
              }}
            />
          ),
        }),
        column.accessor("name", {
          header: "Name",
          cell: ({ row }) => (
            <>
              <Anchor
                component={Link}
                href={`/profiles/${row.original.id}`}
                fw={500}
                className="profile-line"
                display="block"
              >
                {row.original.name}
              </Anchor>
              <Line size="xs" tone="dimmed">
                {SOURCE_LABELS[row.original.source]}
              </Line>
            </>
          ),
        }),
        column.display({
          id: "mailboxes",
          header: "Mailboxes",
          enableSorting: false,
          cell: ({ row }) => (
            <>
              <Line title={row.original.mailboxA}>
                <span className="profile-side">
                  A<span className="visually-hidden"> mailbox:</span>
                </span>{" "}
                {row.original.mailboxA}
              </Line>
              <Line title={row.original.mailboxB}>
                <span className="profile-side">
                  B<span className="visually-hidden"> mailbox:</span>
                </span>{" "}
                {row.original.mailboxB}
              </Line>
            </>
          ),
        }),
        column.accessor("status", {
          header: "Status",
          cell: ({ row }) => {
            const detail = statusDetail(row.original);
            const detailId = `status-${row.original.id}`;
            return (
              <>
                <ProfileStatusBadge status={row.original.status} reason={detail} describedBy={detailId} />
                {detail && (
                  <Line id={detailId} size="xs" tone="dimmed" spaced>
                    {detail}
                  </Line>
                )}
              </>
            );
          },
        }),
        column.accessor("sync", {
          header: "Sync",
          cell: ({ row }) => <Line>{syncNames.get(row.original.sync) ?? "…"}</Line>,
        }),
        column.accessor((profile) => profile.counts.lastRun?.startedAt ?? "", {
          id: "lastRun",
          header: "Last run",
          cell: ({ row }) => {
            const last = row.original.counts.lastRun;
            if (!last) return <Line tone="dimmed">never</Line>;
            return (
              <>
                <Line>
                  <time dateTime={last.startedAt}>{formatDateTime(last.startedAt)}</time>
                </Line>
                <Line size="xs" tone={last.outcome === "failed" ? "failed" : "dimmed"}>
                  {last.outcome === null ? "running" : OUTCOME_LABELS[last.outcome]}
                </Line>
              </>
            );
          },
        }),
      ]),
    // The header and cells read the selection mode, the sync names and the handlers; the rest comes
    // through `row` and `table`. Not the profiles: each cell renderer is a component type, so new columns
    // remount every cell, and a click landing while the list refreshes (runs finishing) was lost.
    [allMatching, syncNames, props.onSelect, props.onUnselectFromAll],
  );

  const sortingState: SortingState = useMemo(
    () => (isColumnSort(sorting.sort) ? [{ id: sorting.sort, desc: sorting.order === "desc" }] : []),
    [sorting],
  );
  const table = useTable({
    features,
    columns,
    data: profiles,
    getRowId: (profile) => profile.id,
    state: { sorting: sortingState, rowSelection: selected },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === "function" ? updater(sortingState) : updater;
      if (next && isColumnSort(next.id)) props.onSort({ sort: next.id, order: next.desc ? "desc" : "asc" });
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) =>
      props.onSelect(typeof updater === "function" ? updater(selected) : updater),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    enableRowRangeSelection: false,
  });

  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: OVERSCAN,
    initialRect: FALLBACK_RECT,
    observeElementRect: (instance, report) =>
      observeElementRect(instance, (rect) => report(rect.height > 0 ? rect : FALLBACK_RECT)),
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  // Back to the top when the list changes underneath (new filters or order).
  const firstId = profiles[0]?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the first row changes
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 });
  }, [firstId]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const columnCount = table.getAllLeafColumns().length;

  return (
    <Box
      ref={scroller}
      role="region"
      aria-label="Profiles, scroll to see more"
      tabIndex={0}
      style={{ height: "min(70vh, 720px)", minHeight: 320, overflow: "auto", overscrollBehavior: "contain" }}
    >
      <Table
        stickyHeader
        layout="fixed"
        miw={1000}
        verticalSpacing={6}
        highlightOnHover
        aria-label="Profiles"
        aria-rowcount={total + 1}
      >
        <colgroup>
          <col style={{ width: 44 }} />
          <col style={{ width: "20%" }} />
          <col style={{ width: "27%" }} />
          <col style={{ width: "24%" }} />
          <col style={{ width: "13%" }} />
          <col style={{ width: "16%" }} />
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <Table.Th
                  key={header.id}
                  scope="col"
                  aria-sort={ariaSort(header.column)}
                  style={{ background: "var(--mantine-color-body)" }}
                >
                  {header.column.getCanSort() ? (
                    <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={700} fz="sm">
                      <table.FlexRender header={header} />
                      <SortMark direction={header.column.getIsSorted()} />
                    </UnstyledButton>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && <Spacer height={paddingTop} columns={columnCount} />}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              // Plain elements with the classes and data attributes Mantine's Table.Tr and Table.Td would
              // give them (see Line for why).
              <tr
                key={row.id}
                className={Table.classes.tr}
                data-with-row-border
                data-hover
                aria-rowindex={item.index + 2}
                style={{
                  height: ROW_HEIGHT,
                  background:
                    allMatching || row.getIsSelected() ? "var(--mantine-primary-color-light)" : undefined,
                }}
              >
                {row.getAllCells().map((cell) =>
                  cell.column.id === "name" ? (
                    <th key={cell.id} className={Table.classes.th} scope="row" style={rowHeaderCell}>
                      <table.FlexRender cell={cell} />
                    </th>
                  ) : (
                    <td key={cell.id} className={Table.classes.td} style={bodyCell}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            );
          })}
          {paddingBottom > 0 && <Spacer height={paddingBottom} columns={columnCount} />}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

const COLUMN_SORTS: readonly string[] = ["name", "status", "sync", "lastRun"];
const isColumnSort = (id: string): id is SortKey => COLUMN_SORTS.includes(id);

const allOf = (profiles: readonly Profile[]): RowSelectionState =>
  Object.fromEntries(profiles.map((profile) => [profile.id, true]));

function ariaSort(column: Column<typeof features, Profile>) {
  if (!column.getCanSort()) return undefined;
  const sorted = column.getIsSorted();
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
}

function SortMark({ direction }: { direction: false | "asc" | "desc" }): ReactNode {
  return (
    <Text span aria-hidden ml={4} c={direction ? undefined : "dimmed"} fz="xs">
      {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
    </Text>
  );
}

/** Stands for the rows not rendered, above or below those in view. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row, nothing in it to focus or read
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
