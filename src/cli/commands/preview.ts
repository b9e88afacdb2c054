import type { Action } from "../../core/actions.js";
import { otherSide, type Side } from "../../core/event.js";
import { ConnectionPool, syncSettings } from "../../engine/from-config.js";
import { type ConfiguredProfile, unsavedProfile } from "../../profiles/reconcile-profiles.js";
import { runProfile } from "../../engine/run-profile.js";
import type { Store } from "../../store/database.js";
import { listDecisions } from "../../store/decisions.js";
import { findProfileById } from "../../store/profiles.js";
import {
  type CommonOptions,
  openStore,
  profileLabel,
  readConfig,
  type Selection,
  scratchStore,
  selectProfiles,
  sidesOf,
} from "../context.js";
import { adviceFor, describeError, EXIT, type ExitCode } from "../errors.js";
import { cell, renderTable } from "../format.js";

export interface PreviewOptions extends CommonOptions, Selection {
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
 * would, with nothing written to the mailboxes or the database.
 */
export async function previewCommand(
  options: PreviewOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const config = await readConfig(options.config);
  const selected = selectProfiles(config, options);
  const db = (await openStore(options.db, false)) ?? (await scratchStore());
  const pool = new ConnectionPool();
  const rows: PlannedRow[] = [];
  let failed = 0;
  try {
    for (const configured of selected) {
      const label = profileLabel(configured.profile.name, configured.sync.name);
      try {
        rows.push(...(await previewOne(db, pool, configured, options.all ?? false, log)));
      } catch (error) {
        failed++;
        log(`${label}: failed: ${describeError(error).replace(`profile ${configured.profile.name}: `, "")}`);
        const advice = adviceFor(error, sidesOf(configured));
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

async function previewOne(
  db: Store,
  pool: ConnectionPool,
  configured: ConfiguredProfile,
  all: boolean,
  log: (line: string) => void,
): Promise<PlannedRow[]> {
  const stored = await findProfileById(db, configured.id);
  if (stored?.status === "paused" || stored?.status === "draft") {
    log(
      `${profileLabel(stored.name, stored.sync)}: ${stored.status}: sync would skip it (--resume starts it)`,
    );
  }
  const profile = stored ?? unsavedProfile(configured, new Date());
  const report = await runProfile({
    db,
    ports: pool.portsFor(configured.sync, profile),
    profile,
    settings: syncSettings(configured.sync),
    dryRun: true,
  });
  const base = { sync: configured.sync.name, profile: configured.profile.name };
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
