import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import {
  type ImportRow,
  mailboxesToVerify,
  planImport,
  totalsOf,
  type VerdictOf,
} from "../../profiles/profile-import.js";
import {
  decodeUtf8,
  type InputProblem,
  type ParsedInput,
  parseProfileCsv,
  parseProfileLines,
} from "../../profiles/profile-lines.js";
import { transaction } from "../../store/database.js";
import { StoreConflictError } from "../../store/errors.js";
import {
  type CheckedProfile,
  insertCheckedProfiles,
  listProfiles,
  PROFILE_INSERT_BATCH,
  updateProfileDetails,
} from "../../store/profiles.js";
import type { Sync } from "../../store/syncs.js";
import { auditRequest } from "../audit.js";
import { ApiError } from "../errors.js";
import type { ServerSettings } from "../options.js";
import { verifySides } from "./profile-mailboxes.js";
import { MAX_IMPORT_ROWS } from "./profile-schemas.js";

/**
 * A bulk import (CSV or pasted lines), all or nothing: parse, plan against the sync's profiles, verify
 * the mailboxes of the rows that would create a profile, plan again with the verdicts inside the write
 * transaction (the profiles may have changed while Graph answered), and write only a plan without an
 * invalid row. Whatever refuses the import answers 422 with the whole report and writes nothing.
 */

export interface ImportInput {
  csv?: string | undefined;
  csvBase64?: string | undefined;
  lines?: string | undefined;
}

export interface ImportReport {
  dryRun: boolean;
  written: boolean;
  totals: ReturnType<typeof totalsOf>;
  problem: InputProblem | null;
  rows: ImportRow[];
}

/** The import is refused: the 422 answer carries the report. */
export class ImportRejected extends Error {
  constructor(
    readonly apiError: ApiError,
    readonly report: ImportReport,
  ) {
    super(apiError.message);
  }
}

const fieldOf = (input: ImportInput) =>
  input.lines !== undefined ? "body/lines" : input.csvBase64 !== undefined ? "body/csvBase64" : "body/csv";

function parseInput(input: ImportInput): ParsedInput {
  const given = [input.csv, input.csvBase64, input.lines].filter((value) => value !== undefined);
  if (given.length !== 1)
    throw new ApiError(400, "invalid_request", "send exactly one of csv, csvBase64 or lines", "body");
  if (input.lines !== undefined) return parseProfileLines(input.lines);
  if (input.csv !== undefined) return parseProfileCsv(input.csv);
  const decoded = decodeUtf8(Buffer.from(input.csvBase64 ?? "", "base64"));
  return decoded.ok ? parseProfileCsv(decoded.text) : decoded;
}

const report = (dryRun: boolean, rows: ImportRow[], written = false): ImportReport => ({
  dryRun,
  written,
  totals: totalsOf(rows),
  problem: null,
  rows,
});

function rejectInput(input: ImportInput, dryRun: boolean, problem: ImportReport["problem"] & {}): never {
  const where = problem.row === undefined ? "" : ` (line ${problem.row})`;
  const error = new ApiError(
    422,
    problem.code,
    `${problem.message}${where}; nothing was written`,
    fieldOf(input),
  );
  throw new ImportRejected(error, { ...report(dryRun, []), problem });
}

function rejectRows(input: ImportInput, dryRun: boolean, rows: ImportRow[]): never {
  const invalid = rows.filter((row) => row.outcome === "invalid");
  const first = invalid[0]?.problems[0];
  const message =
    `${invalid.length} of ${rows.length} rows are invalid; nothing was written` +
    (first ? `. First: ${first.message}` : "");
  const error = new ApiError(422, "import_invalid", message, fieldOf(input));
  throw new ImportRejected(error, report(dryRun, rows));
}

export async function importProfiles(
  settings: ServerSettings,
  request: FastifyRequest,
  sync: Sync,
  input: ImportInput,
  dryRun: boolean,
): Promise<ImportReport> {
  const parsed = parseInput(input);
  if (!parsed.ok) rejectInput(input, dryRun, parsed.problem);
  if (parsed.rows.length > MAX_IMPORT_ROWS) {
    const message = `${parsed.rows.length} rows: at most ${MAX_IMPORT_ROWS} per import; split the file`;
    throw new ApiError(413, "too_many_rows", message, fieldOf(input));
  }
  const first = planImport(parsed.rows, await listProfiles(settings.db, { sync: sync.id }));
  const verdictOf = await verifySides(settings, sync, mailboxesToVerify(first));
  if (dryRun) {
    const plan = planImport(parsed.rows, await listProfiles(settings.db, { sync: sync.id }), verdictOf);
    if (plan.some((row) => row.outcome === "invalid")) rejectRows(input, dryRun, plan);
    return report(true, plan);
  }
  try {
    return await writeImport(settings, request, sync, parsed.rows, verdictOf, input);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    throw new ApiError(
      409,
      "profiles_changed",
      "the sync's profiles changed during the import; import again",
    );
  }
}

async function writeImport(
  settings: ServerSettings,
  request: FastifyRequest,
  sync: Sync,
  rows: Parameters<typeof planImport>[0],
  verdictOf: VerdictOf,
  input: ImportInput,
): Promise<ImportReport> {
  const now = settings.now();
  return transaction(settings.db, async (trx) => {
    const plan = planImport(rows, await listProfiles(trx, { sync: sync.id }), verdictOf);
    if (plan.some((row) => row.outcome === "invalid")) rejectRows(input, false, plan);
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
      const { totals } = result;
      await auditRequest(
        trx,
        request,
        "profiles_imported",
        { syncId: sync.id, sync: sync.name, ...totals },
        now,
      );
    }
    return result;
  });
}
