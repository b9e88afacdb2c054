import { applyWithRecords } from "../../config/apply.js";
import type { Config } from "../../config/types.js";
import { StoredClients } from "../../connections/stored-clients.js";
import type { Action } from "../../core/actions.js";
import { otherSide, type Side } from "../../core/event.js";
import { runProfile } from "../../engine/run-profile.js";
import { settingsOfSync } from "../../engine/stored-sync.js";
import { GraphCalendar } from "../../graph/calendar.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import { listConnections } from "../../store/connections.js";
import type { Store } from "../../store/database.js";
import { listDecisions } from "../../store/decisions.js";
import { listProfiles } from "../../store/profiles.js";
import { listSyncs } from "../../store/syncs.js";
import { readConfig } from "../context.js";
import { adviceFor, describeError, EXIT, type ExitCode } from "../errors.js";
import { cell, renderTable } from "../format.js";
import {
  labelOf,
  type Records,
  type Selected,
  type Selection,
  selectProfiles,
  sidesOf,
} from "../selection.js";
import { openForDryRun, type StoreOptions } from "../service-store.js";

export interface PreviewOptions extends StoreOptions, Selection {
  /** A config file to plan as if applied; without one, the store's profiles are planned. */
  config?: string;
  /** List every skipped event instead of one line per reason. */
  all?: boolean;
  json?: boolean;
}

/** One planned action as the table shows it. */
export interface PlannedRow {
  sync: string;
  profile: string;
  action: string;
  side: string;
  subject: string;
  reason: string;
}

const arrow = (from: Side) => `${from}→${otherSide(from)}`;
const shortId = (id: string) => `event …${id.slice(-10)}`;

/**
 * `crosscal preview`: what `sync` would do now, read from both mailboxes and planned exactly as a run
 * would, with nothing written to the mailboxes or the database. With a config file, it plans against
 * the records the file would leave in the store (a dry run of `apply`), so a file that only repeats what
 * the service holds plans nothing new.
 */
export async function previewCommand(
  options: PreviewOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const config = options.config === undefined ? undefined : await readConfig(options.config);
  const { db, secrets } = await openForDryRun(options);
  const rows: PlannedRow[] = [];
  let failed = 0;
  let selected: Selected[] = [];
  try {
    const records = await recordsToPlan(db, secrets, config, log);
    selected = selectProfiles(records, options, config?.file ?? "the database");
    const clients = new StoredClients(db, secrets);
    for (const item of selected) {
      try {
        rows.push(...(await previewOne(db, clients, item, options.all ?? false, log)));
      } catch (error) {
        failed++;
        log(
          `${labelOf(item)}: failed: ${describeError(error).replace(`profile ${item.profile.name}: `, "")}`,
        );
        const advice = adviceFor(error, sidesOf(item));
        if (advice) log(`  what to do: ${advice}`);
      }
    }
  } finally {
    await db.destroy();
  }
  if (options.json) out(JSON.stringify(rows, null, 2));
  else if (rows.length > 0)
    out(
      renderTable(
        ["SYNC", "PROFILE", "ACTION", "SIDE", "SUBJECT / EVENT", "REASON"],
        rows.map((r) => [r.sync, r.profile, r.action, r.side, r.subject, r.reason]),
      ),
    );
  const changes = rows.filter((row) => row.action !== "skip").length;
  log(
    `preview: ${selected.length} profile${selected.length === 1 ? "" : "s"}, ${changes} planned change${changes === 1 ? "" : "s"}` +
      `${failed > 0 ? `, ${failed} failed` : ""} (dry run: nothing was written)`,
  );
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

/** The file's records as a dry run of `apply` leaves them, or the store's own. */
async function recordsToPlan(
  db: Store,
  secrets: SecretBox,
  config: Config | undefined,
  log: (line: string) => void,
): Promise<Records> {
  if (!config) {
    return {
      connections: await listConnections(db),
      syncs: await listSyncs(db),
      profiles: await listProfiles(db),
    };
  }
  const { report, records } = await applyWithRecords(db, secrets, config, new Date(), { dryRun: true });
  for (const item of report.drift) {
    log(
      `${item.kind} ${item.name}: changed in the service since the file was last applied (${item.fields.join(", ")}): sync would refuse the file without --overwrite; planned with the file's version`,
    );
  }
  return records;
}

async function previewOne(
  db: Store,
  clients: StoredClients,
  item: Selected,
  all: boolean,
  log: (line: string) => void,
): Promise<PlannedRow[]> {
  const { profile, sync } = item;
  if (profile.status === "paused") log(`${labelOf(item)}: paused: sync would skip it (--resume starts it)`);
  if (profile.status === "draft") log(`${labelOf(item)}: not started yet: sync starts it`);
  const ports = {
    A: new GraphCalendar({ requester: clients.clientOf(item.a), mailbox: profile.mailboxA }),
    B: new GraphCalendar({ requester: clients.clientOf(item.b), mailbox: profile.mailboxB }),
  };
  const report = await runProfile({ db, ports, profile, settings: settingsOfSync(sync), dryRun: true });
  const base = { sync: sync.name, profile: profile.name };
  const rows: PlannedRow[] = [];
  const skips = new Map<string, number>();
  for (const action of report.actions) {
    if (action.type === "skip" && !all) {
      const key = `${action.side}\u0000${action.reason}`;
      skips.set(key, (skips.get(key) ?? 0) + 1);
      continue;
    }
    rows.push({ ...base, ...(await describeAction(db, profile.id, action)) });
  }
  for (const [key, count] of skips) {
    const [side, reason] = key.split("\u0000") as [string, string];
    rows.push({ ...base, action: "skip", side, subject: `${count} event${count === 1 ? "" : "s"}`, reason });
  }
  return rows;
}

type Described = Pick<PlannedRow, "action" | "side" | "subject" | "reason">;

async function describeAction(db: Store, profileId: string, action: Action): Promise<Described> {
  switch (action.type) {
    case "create": {
      const series = action.source.kind === "series" ? " (series)" : "";
      return {
        action: "create",
        side: arrow(action.sourceSide),
        subject: cell(action.source.subject) + series,
        reason: "new original",
      };
    }
    case "update":
      return {
        action: "update",
        side: arrow(action.sourceSide),
        subject: cell(action.content.subject),
        reason: action.reason,
      };
    case "delete":
      return {
        action: "delete",
        side: arrow(action.sourceSide),
        subject: await hint(db, profileId, action.sourceId),
        reason: action.reason,
      };
    case "link":
      return {
        action: "link",
        side: `${action.sourceSide}↔${otherSide(action.sourceSide)}`,
        subject: await hint(db, profileId, action.sourceId),
        reason: action.reason,
      };
    case "unlink":
    case "tombstone":
      return {
        action: action.type,
        side: action.sourceSide,
        subject: await hint(db, profileId, action.sourceId),
        reason: action.reason,
      };
    case "baseline":
      return {
        action: "baseline",
        side: action.sourceSide,
        subject: shortId(action.sourceId),
        reason: "exists at start (only-new)",
      };
    case "skip":
      return {
        action: "skip",
        side: action.side,
        subject: shortId(action.eventId),
        reason: action.detail ? `${action.reason}: ${action.detail}` : action.reason,
      };
    default:
      return { action: (action as { type: string }).type, side: "", subject: "", reason: "" };
  }
}

/** The subject the history last recorded for an original, or a short form of its id. */
async function hint(db: Store, profileId: string, sourceId: string): Promise<string> {
  const decisions = await listDecisions(db, { profileId, sourceId, limit: 5 });
  const subject = decisions.find((decision) => decision.subjectHint)?.subjectHint;
  return subject ? cell(subject) : shortId(sourceId);
}
