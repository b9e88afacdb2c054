import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { checkResultOf } from "../../connections/mailbox-check.js";
import { type ImportRow, planImport } from "../../profiles/profile-import.js";
import { addressProblems, type ParsedLine } from "../../profiles/profile-lines.js";
import { transaction } from "../../store/database.js";
import { StoreConflictError } from "../../store/errors.js";
import { findProfileView, listProfileViewPage, type ProfilePosition } from "../../store/profile-views.js";
import {
  findProfileById,
  insertCheckedProfiles,
  listProfiles,
  type Profile,
  type ProfileDetails,
  setMailboxCheck,
  updateProfileDetails,
  updateProfileMailboxes,
} from "../../store/profiles.js";
import type { Sync } from "../../store/syncs.js";
import { auditRequest } from "../audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { ImportRejected, importProfiles } from "./profile-import.js";
import { requireSync, verifySides } from "./profile-mailboxes.js";
import {
  IdParams,
  IMPORT_BODY_LIMIT,
  ImportBody,
  ImportQuery,
  ImportRejected as ImportRejectedSchema,
  ImportReport,
  NewProfileBody,
  ProfilePatchBody,
  Profile as ProfileSchema,
  ProfilesPage,
  ProfilesQuery,
  profileOut,
  SyncParams,
  VerifiedProfile,
} from "./profile-schemas.js";

const notFound = (id: string) => new ApiError(404, "profile_not_found", `no profile with id ${id}`);

const encodeCursor = (position: ProfilePosition) =>
  Buffer.from(JSON.stringify(position)).toString("base64url");

function decodeCursor(cursor: string | undefined): ProfilePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof value.name === "string" && typeof value.id === "string")
      return { name: value.name, id: value.id };
  } catch {
    // reported below
  }
  throw new ApiError(400, "invalid_cursor", "the cursor is not one this API returned", "querystring/cursor");
}

async function viewOf(settings: ServerSettings, id: string) {
  const view = await findProfileView(settings.db, id);
  if (!view) throw notFound(id);
  return profileOut(view);
}

/** A one-row "import" of the mailboxes given, so one profile obeys the same rules as a file of them. */
function lineOf(name: string, mailboxA: string, mailboxB: string): ParsedLine {
  const a = mailboxA.trim().toLowerCase();
  const b = mailboxB.trim().toLowerCase();
  const problems = [
    ...addressProblems(1, "mailboxA", "mailboxA", a),
    ...addressProblems(1, "mailboxB", "mailboxB", b),
  ];
  const [first] = problems;
  if (first)
    throw new ApiError(400, "invalid_request", first.message.replace(/^row 1: /, ""), `body/${first.field}`);
  return { row: 1, name: name.trim(), mailboxA: a, mailboxB: b, problems: [] };
}

/** Why a planned row cannot be added: 409 for a profile or mailbox already in the sync, 422 for a verdict. */
function refusal(row: ImportRow): ApiError | undefined {
  if (row.outcome === "unchanged" || row.outcome === "updated")
    return new ApiError(
      409,
      "profile_exists",
      `sync already has profile ${row.profileId} for ${row.mailboxA} / ${row.mailboxB}`,
      "body/mailboxA",
    );
  const [problem] = row.problems;
  if (!problem) return undefined;
  const message = problem.message.replace(/^row 1: /, "");
  const status = problem.code === "mailbox_in_use" ? 409 : 422;
  return new ApiError(status, problem.code, message, `body/${problem.field}`);
}

/** Plans one row against the sync's profiles (all but `except`); throws the refusal if it cannot be added. */
async function planOne(
  db: Parameters<typeof listProfiles>[0],
  sync: Sync,
  line: ParsedLine,
  options: { except?: string; verdictOf?: Parameters<typeof planImport>[2] } = {},
): Promise<void> {
  const existing = (await listProfiles(db, { sync: sync.id })).filter(
    (profile) => profile.id !== options.except,
  );
  const [row] = planImport([line], existing, options.verdictOf);
  const refused = row && refusal(row);
  if (refused) throw refused;
}

async function verifyLine(settings: ServerSettings, sync: Sync, line: ParsedLine) {
  const verdictOf = await verifySides(settings, sync, [
    { side: "A", mailbox: line.mailboxA },
    { side: "B", mailbox: line.mailboxB },
  ]);
  return verdictOf;
}

async function addProfile(
  settings: ServerSettings,
  request: FastifyRequest,
  sync: Sync,
  body: { name: string; mailboxA: string; mailboxB: string; startMode?: "only_new" | "merge" | undefined },
): Promise<string> {
  const line = lineOf(body.name, body.mailboxA, body.mailboxB);
  await planOne(settings.db, sync, line);
  const verdictOf = await verifyLine(settings, sync, line);
  const now = settings.now();
  const id = randomUUID();
  await withConflicts(() =>
    transaction(settings.db, async (trx) => {
      await planOne(trx, sync, line, { verdictOf });
      await insertCheckedProfiles(
        trx,
        [
          {
            id,
            sync: sync.id,
            name: line.name,
            mailboxA: line.mailboxA,
            mailboxB: line.mailboxB,
            startMode: body.startMode ?? sync.startMode,
            source: "manual",
            mailboxCheck: { check: "verified", reason: null },
          },
        ],
        now,
      );
      const detail = {
        profileId: id,
        syncId: sync.id,
        name: line.name,
        mailboxA: line.mailboxA,
        mailboxB: line.mailboxB,
      };
      await auditRequest(trx, request, "profile_created", detail, now);
    }),
  );
  return id;
}

async function withConflicts<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreConflictError)
      throw new ApiError(
        409,
        "profile_exists",
        "the sync already has a profile for these mailboxes",
        "body/mailboxA",
      );
    throw error;
  }
}

interface PatchBody extends ProfileDetails {
  mailboxA?: string | undefined;
  mailboxB?: string | undefined;
}

async function patchProfile(
  settings: ServerSettings,
  request: FastifyRequest,
  profile: Profile,
  body: PatchBody,
) {
  const { mailboxA, mailboxB, ...details } = body;
  const wantsMailboxes = mailboxA !== undefined || mailboxB !== undefined;
  const line = lineOf(body.name ?? profile.name, mailboxA ?? profile.mailboxA, mailboxB ?? profile.mailboxB);
  const moves =
    line.mailboxA !== profile.mailboxA.toLowerCase() || line.mailboxB !== profile.mailboxB.toLowerCase();
  const notDraft = (status: string) =>
    new ApiError(
      409,
      "profile_not_draft",
      `profile ${profile.id} is ${status}: mailboxes change only while it is a draft (remove it and add a new one)`,
      mailboxA !== undefined ? "body/mailboxA" : "body/mailboxB",
    );
  if (wantsMailboxes && moves && profile.status !== "draft") throw notDraft(profile.status);
  const sync = await requireSync(settings.db, profile.sync);
  const verdictOf = moves ? await planAndVerify(settings, sync, line, profile.id) : undefined;
  const now = settings.now();
  await withConflicts(() =>
    transaction(settings.db, async (trx) => {
      if (verdictOf) {
        await planOne(trx, sync, line, { except: profile.id, verdictOf });
        const mailboxes = { mailboxA: line.mailboxA, mailboxB: line.mailboxB };
        const verified = { check: "verified" as const, reason: null };
        if (!(await updateProfileMailboxes(trx, profile.id, mailboxes, verified, now))) {
          // Removed, or started while its new mailboxes were being verified.
          const current = await findProfileById(trx, profile.id);
          throw current ? notDraft(current.status) : notFound(profile.id);
        }
      }
      if (Object.keys(details).length > 0 && !(await updateProfileDetails(trx, profile.id, details, now)))
        throw notFound(profile.id);
      const detail = {
        profileId: profile.id,
        name: body.name ?? profile.name,
        changed: Object.keys(body).sort(),
      };
      await auditRequest(trx, request, "profile_updated", detail, now);
    }),
  );
}

async function planAndVerify(settings: ServerSettings, sync: Sync, line: ParsedLine, except: string) {
  await planOne(settings.db, sync, line, { except });
  return verifyLine(settings, sync, line);
}

async function verifyProfile(settings: ServerSettings, request: FastifyRequest, profile: Profile) {
  const sync = await requireSync(settings.db, profile.sync);
  const verdictOf = await verifyLine(settings, sync, {
    row: 1,
    name: profile.name,
    mailboxA: profile.mailboxA,
    mailboxB: profile.mailboxB,
    problems: [],
  });
  const verdicts = { A: verdictOf("A", profile.mailboxA)!, B: verdictOf("B", profile.mailboxB)! };
  const result = checkResultOf([verdicts.A, verdicts.B]);
  const now = settings.now();
  await transaction(settings.db, async (trx) => {
    if (!(await setMailboxCheck(trx, profile.id, result, now))) throw notFound(profile.id);
    await auditRequest(
      trx,
      request,
      "profile_verified",
      { profileId: profile.id, mailboxCheck: result.check },
      now,
    );
  });
  const out = (verdict: typeof verdicts.A) => ({
    mailbox: verdict.mailbox,
    status: verdict.status,
    reason: verdict.reason,
  });
  return {
    profile: await viewOf(settings, profile.id),
    mailboxes: { A: out(verdicts.A), B: out(verdicts.B) },
  };
}

async function requireProfile(settings: ServerSettings, id: string): Promise<Profile> {
  const profile = await findProfileById(settings.db, id);
  if (!profile) throw notFound(id);
  return profile;
}

/** A sync's profiles: list with counts, add one, import many, rename or re-point a draft, verify. */
export async function profileRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/syncs/:syncId/profiles",
    {
      schema: {
        summary: "A sync's profiles with their status, mailbox check and counts, by name, in pages",
        tags: ["profiles"],
        params: SyncParams,
        querystring: ProfilesQuery,
        response: responses({ 200: ProfilesPage }, [400, 401, 404]),
      },
    },
    async (request) => {
      const { cursor, ...filters } = request.query;
      const after = decodeCursor(cursor);
      const sync = await requireSync(settings.db, request.params.syncId);
      const page = await listProfileViewPage(settings.db, {
        sync: sync.id,
        limit: filters.limit,
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.source ? { source: filters.source } : {}),
        ...(filters.mailboxCheck ? { mailboxCheck: filters.mailboxCheck } : {}),
        ...(filters.search ? { search: filters.search } : {}),
        ...(after ? { after } : {}),
      });
      return {
        profiles: page.entries.map(profileOut),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get(
    "/api/profiles/:id",
    {
      schema: {
        summary: "One profile with its status, mailbox check and counts",
        tags: ["profiles"],
        params: IdParams,
        response: responses({ 200: ProfileSchema }, [400, 401, 404]),
      },
    },
    async (request) => viewOf(settings, request.params.id),
  );

  app.post(
    "/api/syncs/:syncId/profiles",
    {
      schema: {
        summary: "Add one profile (a draft); both mailboxes are verified in their tenants first",
        tags: ["profiles"],
        params: SyncParams,
        body: NewProfileBody,
        response: responses({ 201: ProfileSchema }, [400, 401, 403, 404, 409, 413, 415, 422, 503]),
      },
    },
    async (request, reply) => {
      const sync = await requireSync(settings.db, request.params.syncId);
      const id = await addProfile(settings, request, sync, request.body);
      reply.code(201);
      return viewOf(settings, id);
    },
  );

  app.post(
    "/api/syncs/:syncId/profiles/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        summary: "Import profiles from a CSV file or pasted lines, all or nothing, with a report per row",
        tags: ["profiles"],
        params: SyncParams,
        querystring: ImportQuery,
        body: ImportBody,
        response: responses(
          { 200: ImportReport, 422: ImportRejectedSchema },
          [400, 401, 403, 404, 409, 413, 415, 503],
        ),
      },
    },
    async (request, reply) => {
      const sync = await requireSync(settings.db, request.params.syncId);
      try {
        return await importProfiles(settings, request, sync, request.body, request.query.dryRun);
      } catch (error) {
        if (!(error instanceof ImportRejected)) throw error;
        const { code, message, field } = error.apiError;
        reply.code(error.apiError.statusCode);
        return { error: { code, message, ...(field ? { field } : {}) }, report: error.report };
      }
    },
  );

  app.patch(
    "/api/profiles/:id",
    {
      schema: {
        summary:
          "Rename a profile or change its start mode; change its mailboxes (verified again) while a draft",
        tags: ["profiles"],
        params: IdParams,
        body: ProfilePatchBody,
        response: responses({ 200: ProfileSchema }, [400, 401, 403, 404, 409, 413, 415, 422, 503]),
      },
    },
    async (request) => {
      const profile = await requireProfile(settings, request.params.id);
      await patchProfile(settings, request, profile, request.body);
      return viewOf(settings, profile.id);
    },
  );

  app.post(
    "/api/profiles/:id/verify",
    {
      schema: {
        summary: "Check both mailboxes of a profile in their tenants again and record the outcome",
        tags: ["profiles"],
        params: IdParams,
        response: responses({ 200: VerifiedProfile }, [400, 401, 403, 404, 409, 503]),
      },
    },
    async (request) => verifyProfile(settings, request, await requireProfile(settings, request.params.id)),
  );
}
