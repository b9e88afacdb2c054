import type { FastifySchemaCompiler } from "fastify";
import { type TSchema, Type } from "typebox";
import { Value } from "typebox/value";
import { previewProblems, previewSyncCopy } from "../../config/preview-copy.js";
import { type InputProblem, inputProblems } from "../../config/sync-document.js";
import { NewSyncBody, SyncPatchBody, SyncView } from "../../config/sync-document-schema.js";
import { createSync, editSync, removeSync } from "../../config/sync-edits.js";
import { listSyncEvents, type TestAreaDeps } from "../../config/sync-events.js";
import { SyncInputError, SyncRefusal, type SyncRefusalKind } from "../../config/sync-refusal.js";
import { findSyncView, listSyncViews } from "../../config/sync-views.js";
import {
  eventItemOut,
  PreviewCopyAnswer,
  PreviewCopyBody,
  SyncEventsPage,
  SyncEventsQuery,
} from "../../config/test-area-schema.js";
import { auditActorOf } from "../audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { serviceOf } from "./needs.js";

/** /api/syncs: a sync joins two connections, with the config file's settings (see docs/syncs.md). */

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** One 400 for everything wrong with a body: the first problem's field, every problem in the message. */
function invalidBody(problems: InputProblem[]): ApiError {
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
  (bodyProblems: (body: unknown) => InputProblem[]): FastifySchemaCompiler<TSchema> =>
  ({ schema, httpPart }) =>
  (data) => {
    if (httpPart === "body") {
      const problems = bodyProblems(data);
      return problems.length > 0 ? { error: invalidBody(problems) } : { value: data };
    }
    const first = Value.Errors(schema, data)[0];
    if (!first) return { value: data };
    const field = [httpPart ?? "params", ...first.instancePath.split("/").filter(Boolean)].join("/");
    return { error: new ApiError(400, "invalid_request", first.message, field) };
  };

const STATUS: Record<SyncRefusalKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  refused: 422,
  upstream: 502,
};

/** The config room's refusals of a sync operation as the API's answers; anything else as it is. */
function syncErrors(error: unknown, part: "body" | "querystring" = "body"): never {
  if (error instanceof SyncInputError) throw invalidBody(error.problems);
  if (error instanceof SyncRefusal) {
    const field = error.at && [part, ...error.at].join("/");
    throw new ApiError(STATUS[error.kind], error.code, error.message, field);
  }
  throw error;
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
    async () => ({ syncs: await listSyncViews(settings.db) }),
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
      validatorCompiler: checkedBy((body) => inputProblems(body, false)),
    },
    async (request, reply) => {
      const view = await createSync(settings, request.body, auditActorOf(request)).catch(syncErrors);
      reply.code(201);
      return view;
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
    async (request) => findSyncView(settings.db, request.params.id).catch(syncErrors),
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
      validatorCompiler: checkedBy((body) => inputProblems(body, true)),
    },
    async (request) =>
      editSync(settings, request.params.id, request.body, auditActorOf(request)).catch(syncErrors),
  );

  // The sync editor's test area: events of the sync's mailboxes, and the copy a draft would make of one.
  const testArea: TestAreaDeps = {
    db: settings.db,
    clients: () => serviceOf(settings).clients,
    now: settings.now,
  };

  app.get(
    "/api/syncs/:id/events",
    {
      schema: {
        summary:
          "Recent and upcoming events of one mailbox of a sync (a profile's, or an address), to preview",
        tags: ["syncs"],
        params: IdParams,
        querystring: SyncEventsQuery,
        response: responses({ 200: SyncEventsPage }, [400, 401, 404, 409, 422, 502, 503]),
      },
    },
    async (request) => {
      const found = await listSyncEvents(testArea, request.params.id, request.query).catch((error) =>
        syncErrors(error, "querystring"),
      );
      return { ...found, events: found.events.map(eventItemOut) };
    },
  );

  app.post(
    "/api/syncs/preview-copy",
    {
      schema: {
        summary: "The copy a sync document (saved or not) would write of one event, and what decided it",
        tags: ["syncs"],
        body: PreviewCopyBody,
        response: responses({ 200: PreviewCopyAnswer }, [400, 401, 403, 404, 409, 413, 415, 422, 502, 503]),
      },
      validatorCompiler: checkedBy(previewProblems),
    },
    async (request) => previewSyncCopy(testArea, request.body).catch((error) => syncErrors(error)),
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
      await removeSync(settings.db, request.params.id, auditActorOf(request), settings.now()).catch(
        syncErrors,
      );
      reply.code(204);
    },
  );
}
