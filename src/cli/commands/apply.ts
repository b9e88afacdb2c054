import { ApplyError, type ApplyReport, applyConfig, countsOf } from "../../config/apply.js";
import { closeDatabase } from "../../store/database.js";
import { describeDatabase, readConfig } from "../context.js";
import { badInput, EXIT, type ExitCode } from "../errors.js";
import { openForDryRun, openForWriting, type StoreOptions } from "../service-store.js";

export interface ApplyOptions extends StoreOptions {
  file: string;
  dryRun?: boolean;
  /** Take the file's version over changes made through the API since it was last applied. */
  overwrite?: boolean;
  json?: boolean;
}

/**
 * `crosscal apply -f FILE`: the config file's connections, syncs and profiles into the service's store,
 * all or nothing, secrets sealed with the service's key. The report goes to stdout.
 */
export async function applyCommand(
  options: ApplyOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const config = await readConfig(options.file);
  const { db, secrets, target } = options.dryRun
    ? await openForDryRun(options)
    : await openForWriting(options);
  let report: ApplyReport;
  try {
    report = await applyConfig(db, secrets, config, new Date(), {
      dryRun: options.dryRun ?? false,
      overwrite: options.overwrite ?? false,
      actor: "cli",
    });
  } catch (error) {
    if (error instanceof ApplyError) throw badInput(`${error.message}; nothing was written`);
    throw error;
  } finally {
    await closeDatabase(db);
  }
  if (options.json) out(JSON.stringify(report, null, 2));
  else out(applyLines(report).join("\n"));
  const verb = report.dryRun ? "would apply" : "applied";
  log(`${verb} ${config.file} to ${describeDatabase(target)}: ${summary(report)}`);
  return EXIT.ok;
}

/**
 * The report a line per record; `changesOnly` leaves out what is unchanged or outside the file (what
 * `crosscal sync` prints before it runs). Drift says what the file reverts, or would.
 */
export function applyLines(report: ApplyReport, options: { changesOnly?: boolean } = {}): string[] {
  const changed = (item: { outcome: string }) => !options.changesOnly || item.outcome !== "unchanged";
  const drift = report.drift.map(
    (item) =>
      `${item.kind} ${item.name}: changed in the service since the file was last applied; the file ${report.dryRun ? "would revert" : "reverted"} ${item.fields.join(", ")}`,
  );
  const lines = [
    ...report.connections.filter(changed).map((c) => `connection ${c.name}: ${outcomeOf(c)}`),
    ...report.syncs.filter(changed).map((s) => `sync ${s.name}: ${outcomeOf(s)}`),
    ...report.profiles
      .filter(changed)
      .map((p) => `profile "${p.name}" (sync ${p.sync}, ${p.a} / ${p.b}): ${p.outcome}`),
    ...drift,
  ];
  if (options.changesOnly) return lines;
  lines.push(
    ...report.notInFile.connections.map((c) => `connection ${c.name}: not in the file, left as it is`),
    ...report.notInFile.syncs.map((s) => `sync ${s.name}: not in the file, left as it is`),
    ...report.notInFile.profiles.map(
      (p) => `profile "${p.name}" (sync ${p.sync}, ${p.a} / ${p.b}): not in the file, left as it is`,
    ),
  );
  return lines.length > 0 ? lines : ["the file defines nothing to apply"];
}

const outcomeOf = (item: { outcome: string; changed?: string[] }) =>
  item.changed ? `${item.outcome} (${item.changed.join(", ")})` : item.outcome;

function summary(report: ApplyReport): string {
  const counts = countsOf(report);
  return (["connections", "syncs", "profiles"] as const)
    .map((kind) => {
      const { created, updated, unchanged } = counts[kind];
      return `${kind} ${created} created, ${updated} updated, ${unchanged} unchanged`;
    })
    .join("; ");
}
