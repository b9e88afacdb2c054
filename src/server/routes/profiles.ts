import { addProfile } from "../../profiles/add-profile.js";
import { checkSyncMailbox } from "../../profiles/check-mailbox.js";
import { editProfile } from "../../profiles/edit-profile.js";
import { requireProfileView } from "../../profiles/find-profile.js";
import { importProfiles } from "../../profiles/import-profiles.js";
import { listProfiles, listSyncProfiles, type ProfileList } from "../../profiles/list-profiles.js";
import type { ProfileDeps } from "../../profiles/sync-mailboxes.js";
import { verifyProfile } from "../../profiles/verify-profile.js";
import type { ProfileOrder, ProfilePosition, ProfileSort, SortDirection } from "../../store/profile-views.js";
import { auditActorOf } from "../audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { serviceOf } from "./needs.js";
import { importErrors, profileErrors } from "./profile-errors.js";
import {
  AllProfilesQuery,
  IdParams,
  IMPORT_BODY_LIMIT,
  ImportBody,
  ImportQuery,
  ImportRejected as ImportRejectedSchema,
  ImportReport,
  MailboxCheckAnswer,
  MailboxCheckBody,
  NewProfileBody,
  ProfilePatchBody,
  Profile as ProfileSchema,
  ProfilesPage,
  ProfilesQuery,
  profileOut,
  SyncParams,
  VerifiedProfile,
} from "./profile-schemas.js";

type ListOrder = { sort?: ProfileSort | undefined; order?: SortDirection | undefined };

/** The order a list query asks for: by name, ascending, unless it says otherwise. */
const orderOf = (query: ListOrder): ProfileOrder => ({
  sort: query.sort ?? "name",
  direction: query.order ?? "asc",
});

/** Cursors name the order they were made for: a cursor of another sort would start anywhere. */
const encodeCursor = (order: ProfileOrder, position: ProfilePosition) =>
  Buffer.from(JSON.stringify({ ...order, ...position })).toString("base64url");

function decodeCursor(cursor: string | undefined, order: ProfileOrder): ProfilePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    const { sort, direction, key, name, id } = value;
    const keyFits = order.sort === "name" ? key === undefined : typeof key === "string";
    if (
      sort === order.sort &&
      direction === order.direction &&
      keyFits &&
      typeof name === "string" &&
      typeof id === "string"
    )
      return { ...(typeof key === "string" && { key }), name, id };
  } catch {
    // reported below
  }
  throw new ApiError(
    400,
    "invalid_cursor",
    "the cursor is not one this list returned for this sort and order",
    "querystring/cursor",
  );
}

/** A list's query in the room's terms: filters, the order, where the page starts. */
function listQuery<Q extends ListOrder & { cursor?: string | undefined }>(query: Q) {
  const { cursor, sort: _sort, order: _order, ...filters } = query;
  const order = orderOf(query);
  return { ...filters, order, after: decodeCursor(cursor, order) };
}

const pageOut = (list: ProfileList, order: ProfileOrder) => ({
  profiles: list.entries.map(profileOut),
  nextCursor: list.next ? encodeCursor(order, list.next) : null,
  total: list.total,
});

/** What the profiles room needs of the server; Graph only once a mailbox is to be checked (503 without). */
const depsOf = (settings: ServerSettings): ProfileDeps => ({
  db: settings.db,
  clients: () => serviceOf(settings).clients,
  now: settings.now,
});

const viewOf = async (settings: ServerSettings, id: string) =>
  profileOut(await requireProfileView(settings.db, id).catch(profileErrors));

/** A sync's profiles: list with counts, add one, import many, rename or re-point a draft, verify. */
export async function profileRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/syncs/:syncId/profiles",
    {
      schema: {
        summary:
          "A sync's profiles with their status, mailbox check and counts, sorted, in pages, with the total",
        tags: ["profiles"],
        params: SyncParams,
        querystring: ProfilesQuery,
        response: responses({ 200: ProfilesPage }, [400, 401, 404]),
      },
    },
    async (request) => {
      const query = listQuery(request.query);
      const list = await listSyncProfiles(settings.db, request.params.syncId, query).catch(profileErrors);
      return pageOut(list, query.order);
    },
  );

  app.get(
    "/api/profiles",
    {
      schema: {
        summary: "Every sync's profiles (or one sync's), filtered, sorted, in pages, with the total",
        tags: ["profiles"],
        querystring: AllProfilesQuery,
        response: responses({ 200: ProfilesPage }, [400, 401]),
      },
    },
    async (request) => {
      const query = listQuery(request.query);
      return pageOut(await listProfiles(settings.db, query), query.order);
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
      const { syncId } = request.params;
      const id = await addProfile(depsOf(settings), syncId, request.body, auditActorOf(request)).catch(
        profileErrors,
      );
      reply.code(201);
      return viewOf(settings, id);
    },
  );

  app.post(
    "/api/syncs/:syncId/mailboxes/check",
    {
      schema: {
        summary:
          "Check one mailbox of a sync in its tenant before adding a profile (records nothing), and whether a profile already syncs it",
        tags: ["profiles"],
        params: SyncParams,
        body: MailboxCheckBody,
        response: responses({ 200: MailboxCheckAnswer }, [400, 401, 403, 404, 409, 413, 415, 503]),
      },
    },
    async (request) => {
      const { side, mailbox } = request.body;
      return checkSyncMailbox(depsOf(settings), request.params.syncId, side, mailbox).catch(profileErrors);
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
      const options = { dryRun: request.query.dryRun, by: auditActorOf(request) };
      return importProfiles(depsOf(settings), request.params.syncId, request.body, options).catch(
        importErrors(reply),
      );
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
      const { id } = request.params;
      await editProfile(depsOf(settings), id, request.body, auditActorOf(request)).catch(profileErrors);
      return viewOf(settings, id);
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
    async (request) => {
      const { id } = request.params;
      const { verdicts } = await verifyProfile(depsOf(settings), id, auditActorOf(request)).catch(
        profileErrors,
      );
      const out = ({ mailbox, status, reason }: typeof verdicts.A) => ({ mailbox, status, reason });
      return { profile: await viewOf(settings, id), mailboxes: { A: out(verdicts.A), B: out(verdicts.B) } };
    },
  );
}
