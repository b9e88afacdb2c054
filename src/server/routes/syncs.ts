import { randomUUID } from "node:crypto";
import type { FastifySchemaCompiler } from "fastify";
import { type TSchema, Type } from "typebox";
import { Value } from "typebox/value";
import type { SyncSettings } from "../../engine/settings.js";
import {
  applyPatch,
  compileProblems,
  fromStored,
  type InputProblem,
  inputProblems,
  type SyncDocument,
  toStored,
  withDefaults,
} from "../../config/sync-document.js";
import {
  NewSyncBody,
  type ProfileCountsData,
  SyncPatchBody,
  SyncView,
  type SyncViewData,
} from "../../config/sync-document-schema.js";
import { findConnection } from "../../store/connections.js";
import { type Store, transaction } from "../../store/database.js";
import { StoreConflictError } from "../../store/errors.js";
import { profileStatusCounts } from "../../store/profiles.js";
import { deleteSync, findSync, insertSync, listSyncs, type Sync, updateSync } from "../../store/syncs.js";
import { auditRequest } from "../audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";

/** /api/syncs: a sync joins two connections, with the config file's settings (see docs/syncs.md). */

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

const notFound = (id: string) => new ApiError(404, "sync_not_found", `no sync with id ${id}`);
const nameTaken = (name: string) =>
  new ApiError(409, "sync_name_taken", `a sync named "${name}" already exists`, "body/name");

/** One 400 for everything wrong with a body: the first problem's field, every problem in the message. */
export function invalidBody(problems: InputProblem[]): ApiError {
  const place = (p: InputProblem) => (p.path.length > 0 ? `${p.path.join(".")}: ` : "");
  const message = problems.map((p) => `${place(p)}${p.message}`).join("; ");
  return new ApiError(400, "invalid_request", message, ["body", ...problems[0]!.path].join("/"));
}

/**
 * Bodies are checked by `inputProblems` (the config file's checks, which tell which alternative of a
 * union was meant) instead of Fastify's generic validator, which would only say a union did not match;
 * the route schemas still describe the bodies exactly in the OpenAPI document. Other parts: TypeBox.
 */
const checkedBy =
  (partial: boolean): FastifySchemaCompiler<TSchema> =>
  ({ schema, httpPart }) =>
  (data) => {
    if (httpPart === "body") {
      const problems = inputProblems(data, partial);
      return problems.length > 0 ? { error: invalidBody(problems) } : { value: data };
    }
    const first = Value.Errors(schema, data)[0];
    if (!first) return { value: data };
    const field = [httpPart ?? "params", ...first.instancePath.split("/").filter(Boolean)].join("/");
    return { error: new ApiError(400, "invalid_request", first.message, field) };
  };

const NO_PROFILES: ProfileCountsData = {
  total: 0,
  draft: 0,
  active: 0,
  paused: 0,
  error: 0,
  needs_confirmation: 0,
};

/** Profile counts by sync id. */
async function countsBySync(db: Store, sync?: string): Promise<Map<string, ProfileCountsData>> {
  const counts = new Map<string, ProfileCountsData>();
  for (const row of await profileStatusCounts(db, sync)) {
    const entry = counts.get(row.sync) ?? { ...NO_PROFILES };
    entry[row.status] += row.count;
    entry.total += row.count;
    counts.set(row.sync, entry);
  }
  return counts;
}

// Parsed afresh, not through settingsOfSync's cache: two edits within one millisecond share an updatedAt.
const documentOf = (row: Sync): SyncDocument =>
  fromStored({ ...row, settings: JSON.parse(row.settings) as SyncSettings });

function viewOf(row: Sync, profiles: ProfileCountsData | undefined): SyncViewData {
  return {
    id: row.id,
    // The engine's FieldOverrides type is looser than the schema's; stored settings were checked against it.
    ...(documentOf(row) as Omit<SyncViewData, "id" | "profiles" | "createdAt" | "updatedAt">),
    profiles: profiles ?? NO_PROFILES,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Both connections exist and differ; the field named is the one to fix. */
async function checkConnections(db: Store, doc: SyncDocument): Promise<void> {
  if (doc.connectionA === doc.connectionB) {
    throw new ApiError(
      400,
      "invalid_request",
      "connectionA and connectionB are the same connection: a sync joins two",
      "body/connectionB",
    );
  }
  for (const side of ["connectionA", "connectionB"] as const) {
    if (!(await findConnection(db, doc[side]))) {
      throw new ApiError(404, "connection_not_found", `no connection with id ${doc[side]}`, `body/${side}`);
    }
  }
}

/** The settings as stored, compiled once more: what cannot compile is never stored. */
function storedOf(doc: SyncDocument) {
  const stored = toStored(doc);
  const problems = compileProblems(stored.settings);
  if (problems.length > 0) throw invalidBody(problems);
  return stored;
}

async function withNameCheck<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreConflictError) throw nameTaken(name);
    throw error;
  }
}

export async function syncRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/syncs",
    {
      schema: {
        summary: "List syncs with their settings and profile counts by status",
        tags: ["syncs"],
        response: responses({ 200: Type.Object({ syncs: Type.Array(SyncView) }) }, [401]),
      },
    },
    async () => {
      const [rows, counts] = await Promise.all([listSyncs(settings.db), countsBySync(settings.db)]);
      return { syncs: rows.map((row) => viewOf(row, counts.get(row.id))) };
    },
  );

  app.post(
    "/api/syncs",
    {
      schema: {
        summary: "Create a sync between two connections (the config file's sync entry, by connection ids)",
        tags: ["syncs"],
        body: NewSyncBody,
        response: responses({ 201: SyncView }, [400, 401, 403, 404, 409, 413, 415]),
      },
      validatorCompiler: checkedBy(false),
    },
    async (request, reply) => {
      const doc = withDefaults(request.body);
      const stored = storedOf(doc);
      const now = settings.now();
      const id = randomUUID();
      const row = await withNameCheck(doc.name, () =>
        transaction(settings.db, async (trx) => {
          await checkConnections(trx, doc);
          const row = await insertSync(
            trx,
            { id, ...stored, settings: JSON.stringify(stored.settings) },
            now,
          );
          await auditRequest(trx, request, "sync_created", { syncId: id, name: doc.name }, now);
          return row;
        }),
      );
      reply.code(201);
      return viewOf(row, undefined);
    },
  );

  app.get(
    "/api/syncs/:id",
    {
      schema: {
        summary: "One sync with its settings and profile counts by status",
        tags: ["syncs"],
        params: IdParams,
        response: responses({ 200: SyncView }, [400, 401, 404]),
      },
    },
    async (request) => {
      const { id } = request.params;
      const row = await findSync(settings.db, id);
      if (!row) throw notFound(id);
      return viewOf(row, (await countsBySync(settings.db, id)).get(id));
    },
  );

  app.patch(
    "/api/syncs/:id",
    {
      schema: {
        summary: "Edit a sync; its connections can change only while it has no profiles",
        tags: ["syncs"],
        params: IdParams,
        body: SyncPatchBody,
        response: responses({ 200: SyncView }, [400, 401, 403, 404, 409, 413, 415]),
      },
      validatorCompiler: checkedBy(true),
    },
    async (request) => {
      const { id } = request.params;
      const now = settings.now();
      const { row, counts } = await withNameCheck(request.body.name ?? "", () =>
        transaction(settings.db, async (trx) => {
          const current = await findSync(trx, id);
          if (!current) throw notFound(id);
          const doc = applyPatch(documentOf(current), request.body);
          const counts = (await countsBySync(trx, id)).get(id);
          const moved = doc.connectionA !== current.connectionA || doc.connectionB !== current.connectionB;
          if (moved) {
            if (counts) {
              throw new ApiError(
                409,
                "sync_has_profiles",
                `the sync has ${counts.total} profile(s) whose copies were made through its connections: remove them before changing connections`,
                request.body.connectionA !== undefined ? "body/connectionA" : "body/connectionB",
              );
            }
            await checkConnections(trx, doc);
          }
          const stored = storedOf(doc);
          await updateSync(trx, id, { ...stored, settings: JSON.stringify(stored.settings) }, now);
          const changed = Object.keys(request.body).sort();
          await auditRequest(trx, request, "sync_updated", { syncId: id, name: doc.name, changed }, now);
          return { row: (await findSync(trx, id))!, counts };
        }),
      );
      return viewOf(row, counts);
    },
  );

  app.delete(
    "/api/syncs/:id",
    {
      schema: {
        summary: "Delete a sync that has no profiles (remove them first: they hold its copies' state)",
        tags: ["syncs"],
        params: IdParams,
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const now = settings.now();
      await transaction(settings.db, async (trx) => {
        const current = await findSync(trx, id);
        if (!current) throw notFound(id);
        const counts = (await countsBySync(trx, id)).get(id);
        if (counts) {
          throw new ApiError(
            409,
            "sync_has_profiles",
            `the sync has ${counts.total} profile(s): remove them first (their copies are cleaned up with them)`,
          );
        }
        await deleteSync(trx, id);
        await auditRequest(trx, request, "sync_deleted", { syncId: id, name: current.name }, now);
      });
      reply.code(204);
    },
  );
}
