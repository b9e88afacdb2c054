import type { RunCounts } from "../store/runs.js";

const COUNT_ORDER: (keyof RunCounts)[] = ["created", "updated", "deleted", "linked", "tombstoned", "skipped"];

/** "created 2, updated 0, deleted 0, linked 1, tombstoned 0, skipped 3" */
export function formatCounts(counts: RunCounts): string {
  return COUNT_ORDER.map((name) => `${name} ${counts[name]}`).join(", ");
}

/** True when a run changed nothing anywhere (skips are decisions, not changes). */
export const changedNothing = (counts: RunCounts) =>
  COUNT_ORDER.every((name) => name === "skipped" || counts[name] === 0);

export function addCounts(total: RunCounts, more: RunCounts): void {
  for (const name of COUNT_ORDER) total[name] += more[name];
}

/** Shortens free text for a table cell, on one line. */
export function cell(text: string | null | undefined, max = 48): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A plain-text table with a header row, columns padded to their widest cell. Hand-written: a dozen lines,
 * where table libraries bring borders, colours and terminal-width logic this output must not have
 * (it is read by people and by grep alike).
 */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((text, column) => (column === cells.length - 1 ? text : text.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** Seconds, for durations in progress lines. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
