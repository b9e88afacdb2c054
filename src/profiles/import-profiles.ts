import { randomUUID } from "node:crypto";
import { type AuditActor, recordAudit } from "../store/admin-audit.js";
import { transaction } from "../store/database.js";
import { StoreConflictError } from "../store/errors.js";
import {
  type CheckedProfile,
  insertCheckedProfiles,
  listProfiles,
  PROFILE_INSERT_BATCH,
  updateProfileDetails,
} from "../store/profiles.js";
import type { Sync } from "../store/syncs.js";
import { requireSync } from "./find-profile.js";
import { type ImportRow, mailboxesToVerify, planImport, totalsOf, type VerdictOf } from "./import-plan.js";
import {
  decodeUtf8,
  type InputProblem,
  type ParsedInput,
  parseProfileCsv,
  parseProfileLines,
} from "./profile-lines.js";
import { ProfileRefusal } from "./profile-refusal.js";
import { type ProfileDeps, verifySides } from "./sync-mailboxes.js";

/**
 * A bulk import (CSV or pasted lines), all or nothing: parse, plan against the sync's profiles, verify
 * the mailboxes of the rows that would create a profile, plan again with the verdicts inside the write
 * transaction (the profiles may have changed while Graph answered), and write only a plan without an
 * invalid row. Whatever refuses the import (ImportRejected) comes with the whole report; nothing is written.
 */

/** Bulk inputs are limited in rows; the API's body limit bounds their size in bytes. */
export const MAX_IMPORT_ROWS = 5_000;

export interface ImportInput {
  csv?: string | undefined;
  csvBase64?: string | undefined;
  lines?: string | undefined;
}

export interface ImportReport {
  dryRun: boolean;
  written: boolean;
  /** What was written: on a dry run or a refused import, nothing is (created and updated are 0). */
  totals: ReturnType<typeof totalsOf>;
  /** What the import does, or would do: the rows' outcomes counted. */
  planned: ReturnType<typeof totalsOf>;
  problem: InputProblem | null;
  rows: ImportRow[];
}

/** The import is refused: the answer carries the report, which says which rows (or what in the input) to fix. */
export class ImportRejected extends ProfileRefusal {
  constructor(
    code: string,
    message: string,
    at: readonly string[],
    readonly report: ImportReport,
  ) {
    super("refused", code, message, at);
  }
}

/** The input field the import came in. */
const fieldOf = (input: ImportInput) =>
  input.lines !== undefined ? "lines" : input.csvBase64 !== undefined ? "csvBase64" : "csv";

function parseInput(input: ImportInput): ParsedInput {
  const given = [input.csv, input.csvBase64, input.lines].filter((value) => value !== undefined);
  if (given.length !== 1)
    throw new ProfileRefusal("invalid", "invalid_request", "send exactly one of csv, csvBase64 or lines", []);
  if (input.lines !== undefined) return parseProfileLines(input.lines);
  if (input.csv !== undefined) return parseProfileCsv(input.csv);
  const decoded = decodeUtf8(Buffer.from(input.csvBase64 ?? "", "base64"));
  return decoded.ok ? parseProfileCsv(decoded.text) : decoded;
}

function report(dryRun: boolean, rows: ImportRow[], written = false): ImportReport {
  const planned = totalsOf(rows);
  const totals = written ? planned : { ...planned, created: 0, updated: 0 };
  return { dryRun, written, totals, planned, problem: null, rows };
}

function rejectInput(input: ImportInput, dryRun: boolean, problem: ImportReport["problem"] & {}): never {
  const where = problem.row === undefined ? "" : ` (line ${problem.row})`;
  const message = `${problem.message}${where}; nothing was written`;
  throw new ImportRejected(problem.code, message, [fieldOf(input)], { ...report(dryRun, []), problem });
}

function rejectRows(input: ImportInput, dryRun: boolean, rows: ImportRow[]): never {
  const invalid = rows.filter((row) => row.outcome === "invalid");
  const first = invalid[0]?.problems[0];
  const message =
    `${invalid.length} of ${rows.length} rows are invalid; nothing was written` +
    (first ? `. First: ${first.message}` : "");
  throw new ImportRejected("import_invalid", message, [fieldOf(input)], report(dryRun, rows));
}

/** Imports a sync's profiles from CSV or pasted lines, or with `dryRun` reports what that would do. */
export async function importProfiles(
  deps: ProfileDeps,
  syncId: string,
  input: ImportInput,
  options: { dryRun: boolean; by: AuditActor },
): Promise<ImportReport> {
  const sync = await requireSync(deps.db, syncId);
  const parsed = parseInput(input);
  if (!parsed.ok) rejectInput(input, options.dryRun, parsed.problem);
  if (parsed.rows.length > MAX_IMPORT_ROWS) {
    const message = `${parsed.rows.length} rows: at most ${MAX_IMPORT_ROWS} per import; split the file`;
    throw new ProfileRefusal("too_large", "too_many_rows", message, [fieldOf(input)]);
  }
  const first = planImport(parsed.rows, await listProfiles(deps.db, { sync: sync.id }));
  const verdictOf = await verifySides(deps, sync, mailboxesToVerify(first));
  if (options.dryRun) {
    const plan = planImport(parsed.rows, await listProfiles(deps.db, { sync: sync.id }), verdictOf);
    if (plan.some((row) => row.outcome === "invalid")) rejectRows(input, true, plan);
    return report(true, plan);
  }
  try {
    return await writeImport(deps, sync, { rows: parsed.rows, verdictOf }, { input, by: options.by });
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const message = "the sync's profiles changed during the import; import again";
    throw new ProfileRefusal("conflict", "profiles_changed", message);
  }
}

async function writeImport(
  deps: ProfileDeps,
  sync: Sync,
  checked: { rows: Parameters<typeof planImport>[0]; verdictOf: VerdictOf },
  context: { input: ImportInput; by: AuditActor },
): Promise<ImportReport> {
  const { rows, verdictOf } = checked;
  const now = deps.now();
  return transaction(deps.db, async (trx) => {
    const plan = planImport(rows, await listProfiles(trx, { sync: sync.id }), verdictOf);
    if (plan.some((row) => row.outcome === "invalid")) rejectRows(context.input, false, plan);
    const created = plan
      .filter((row) => row.outcome === "created")
      .map((row) => ({ ...row, profileId: randomUUID() }));
    const profiles: CheckedProfile[] = created.map((row) => ({
      id: row.profileId,
      sync: sync.id,
      name: row.name,
      mailboxA: row.mailboxA,
      mailboxB: row.mailboxB,
      startMode: sync.startMode,
      source: "import",
      mailboxCheck: { check: "verified", reason: null },
    }));
    for (let at = 0; at < profiles.length; at += PROFILE_INSERT_BATCH)
      await insertCheckedProfiles(trx, profiles.slice(at, at + PROFILE_INSERT_BATCH), now);
    for (const row of plan.filter((candidate) => candidate.outcome === "updated"))
      await updateProfileDetails(trx, row.profileId!, { name: row.name }, now);
    const ids = new Map(created.map((row) => [row.row, row.profileId]));
    const final = plan.map((row) => (ids.has(row.row) ? { ...row, profileId: ids.get(row.row)! } : row));
    const result = report(
      false,
      final,
      final.some((row) => row.outcome === "created" || row.outcome === "updated"),
    );
    if (result.written) {
      const detail = { syncId: sync.id, sync: sync.name, ...result.totals };
      await recordAudit(trx, { action: "profiles_imported", ...context.by, detail }, now);
    }
    return result;
  });
}
