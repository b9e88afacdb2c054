import { Type } from "typebox";
import { bindGroups } from "../../profiles/bind-groups.js";
import { requireSync } from "../../profiles/find-profile.js";
import {
  editBinding,
  refreshBindingNow,
  requireBinding,
  unbindGroups,
} from "../../profiles/group-binding-edits.js";
import { previewBinding, searchSyncGroups } from "../../profiles/group-preview.js";
import { listGroupBindings } from "../../store/group-bindings.js";
import { auditActorOf } from "../audit.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import {
  BindingInfo,
  BindingParams,
  BindingPatchBody,
  BindingPreview,
  bindingInfo,
  GroupList,
  GroupSearchQuery,
  NewBindingBody,
  PreviewBody,
  SyncParams,
} from "./group-binding-schemas.js";
import { serviceOf } from "./needs.js";
import { profileErrors } from "./profile-errors.js";

/** The ids come in the path: a sync or binding not found is named as its path parameter. */
const bindingErrors = (error: unknown) =>
  profileErrors(error, { sync_not_found: "params/syncId", group_binding_not_found: "params/id" });

/** What a refresh needs of the running service (503 without it). */
const refreshDepsOf = (settings: ServerSettings) => {
  const { clients, actions } = serviceOf(settings);
  return { db: settings.db, clients, actions, now: settings.now };
};

const BindingList = Type.Object({ bindings: Type.Array(BindingInfo) });

/** A group in each tenant of a sync, kept in line with the sync's profiles. */
export async function groupBindingRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.post(
    "/api/syncs/:syncId/group-bindings",
    {
      schema: {
        summary:
          "Bind a group in each tenant to the sync; the first refresh runs now and its report is returned",
        tags: ["group bindings"],
        params: SyncParams,
        body: NewBindingBody,
        response: responses({ 201: BindingInfo }, [400, 401, 403, 404, 409, 413, 415, 502, 503]),
      },
    },
    async (request, reply) => {
      const deps = refreshDepsOf(settings);
      const { syncId } = request.params;
      const made = await bindGroups(deps, syncId, request.body, auditActorOf(request)).catch(bindingErrors);
      if (made.refreshError !== undefined) {
        // The binding stands; its report says why the first refresh failed.
        request.log.warn(
          { binding: made.binding.id, reason: made.refreshError },
          "first group refresh failed",
        );
      }
      reply.code(201);
      return bindingInfo(made.binding);
    },
  );

  app.get(
    "/api/syncs/:syncId/groups",
    {
      schema: {
        summary: "Find a group in one tenant of the sync by the start of a word of its name (to bind it)",
        tags: ["group bindings"],
        params: SyncParams,
        querystring: GroupSearchQuery,
        response: responses({ 200: GroupList }, [400, 401, 404, 409, 502, 503]),
      },
    },
    async (request) => {
      const { clients } = serviceOf(settings);
      const { side, search } = request.query;
      const groups = await searchSyncGroups(
        { db: settings.db, clients },
        request.params.syncId,
        side,
        search,
      ).catch(bindingErrors);
      return { groups };
    },
  );

  app.post(
    "/api/syncs/:syncId/group-bindings/preview",
    {
      schema: {
        summary:
          "What binding two groups would do now: members matched (and the profiles they would get), unmatched, ambiguous; writes nothing",
        tags: ["group bindings"],
        params: SyncParams,
        body: PreviewBody,
        response: responses({ 200: BindingPreview }, [400, 401, 403, 404, 409, 413, 415, 502, 503]),
      },
    },
    async (request) => {
      const { clients } = serviceOf(settings);
      return previewBinding({ db: settings.db, clients }, request.params.syncId, request.body).catch(
        bindingErrors,
      );
    },
  );

  app.get(
    "/api/syncs/:syncId/group-bindings",
    {
      schema: {
        summary: "The sync's group bindings with their last refresh report",
        tags: ["group bindings"],
        params: SyncParams,
        response: responses({ 200: BindingList }, [400, 401, 404]),
      },
    },
    async (request) => {
      const sync = await requireSync(settings.db, request.params.syncId).catch(bindingErrors);
      return { bindings: (await listGroupBindings(settings.db, sync.id)).map(bindingInfo) };
    },
  );

  app.get(
    "/api/syncs/:syncId/group-bindings/:id",
    {
      schema: {
        summary: "One group binding with its last refresh report",
        tags: ["group bindings"],
        params: BindingParams,
        response: responses({ 200: BindingInfo }, [400, 401, 404]),
      },
    },
    async (request) => {
      const { syncId, id } = request.params;
      return bindingInfo(await requireBinding(settings.db, syncId, id).catch(bindingErrors));
    },
  );

  app.patch(
    "/api/syncs/:syncId/group-bindings/:id",
    {
      schema: {
        summary: "Change how a binding matches members, how often it refreshes, or how new profiles start",
        tags: ["group bindings"],
        params: BindingParams,
        body: BindingPatchBody,
        response: responses({ 200: BindingInfo }, [400, 401, 403, 404, 413, 415]),
      },
    },
    async (request) => {
      const by = auditActorOf(request);
      const updated = await editBinding(settings, request.params, request.body, by).catch(bindingErrors);
      return bindingInfo(updated);
    },
  );

  app.delete(
    "/api/syncs/:syncId/group-bindings/:id",
    {
      schema: {
        summary: "Delete a binding: its profiles stay, no longer kept by it",
        tags: ["group bindings"],
        params: BindingParams,
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const by = auditActorOf(request);
      await unbindGroups(settings.db, request.params, by, settings.now()).catch(bindingErrors);
      reply.code(204);
    },
  );

  app.post(
    "/api/syncs/:syncId/group-bindings/:id/refresh",
    {
      schema: {
        summary: "Refresh a binding now: new members get profiles, members who left are paused",
        tags: ["group bindings"],
        params: BindingParams,
        response: responses({ 200: BindingInfo }, [400, 401, 403, 404, 502, 503]),
      },
    },
    async (request) => {
      const deps = refreshDepsOf(settings);
      const refreshed = await refreshBindingNow(deps, request.params, auditActorOf(request)).catch(
        bindingErrors,
      );
      return bindingInfo(refreshed);
    },
  );
}
