import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AmbiguousGroupError, type DirectoryGroup, findGroup } from "../../graph/directory.js";
import { GraphRequestError } from "../../graph/errors.js";
import { GroupRefreshError, type GroupRefreshReport, refreshBinding } from "../../profiles/group-refresh.js";
import { findConnection } from "../../store/connections.js";
import { transaction } from "../../store/database.js";
import { StoreConflictError } from "../../store/errors.js";
import {
  deleteGroupBinding,
  findGroupBinding,
  type GroupBinding,
  type GroupBindingChanges,
  insertGroupBinding,
  listGroupBindings,
  releaseBindingProfiles,
  updateGroupBinding,
} from "../../store/group-bindings.js";
import { storedStartMode } from "../../store/start-mode.js";
import { findSync, type Sync } from "../../store/syncs.js";
import { auditRequest } from "../audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import {
  BindingInfo,
  BindingParams,
  type BindingPatch,
  BindingPatchBody,
  bindingInfo,
  type NewBinding,
  NewBindingBody,
  SyncParams,
} from "./group-binding-schemas.js";
import { serviceOf } from "./needs.js";

const DEFAULT_REFRESH_MINUTES = 60;

const syncNotFound = (id: string) =>
  new ApiError(404, "sync_not_found", `no sync with id ${id}`, "params/syncId");
const bindingNotFound = (id: string) =>
  new ApiError(404, "group_binding_not_found", `no group binding with id ${id} in this sync`, "params/id");
const attributeNeeded = () =>
  new ApiError(400, "invalid_request", "matchBy attribute needs matchAttribute", "body/matchAttribute");
const attributeUnused = () =>
  new ApiError(
    400,
    "invalid_request",
    "matchAttribute is only used with matchBy attribute",
    "body/matchAttribute",
  );

/** A Graph failure while reading a directory: the tenant or crosscal's permissions, not the request. */
const directoryFailed = (error: GraphRequestError) =>
  new ApiError(502, "directory_unavailable", error.message);

async function syncOf(settings: ServerSettings, id: string): Promise<Sync> {
  const sync = await findSync(settings.db, id);
  if (!sync) throw syncNotFound(id);
  return sync;
}

async function bindingOf(settings: ServerSettings, syncId: string, id: string): Promise<GroupBinding> {
  await syncOf(settings, syncId);
  const binding = await findGroupBinding(settings.db, id);
  if (!binding || binding.syncId !== syncId) throw bindingNotFound(id);
  return binding;
}

/** Finds the group one side names (id or display name) in that side's tenant, or answers 404 naming the side. */
async function resolveGroup(
  settings: ServerSettings,
  side: "A" | "B",
  connectionId: string,
  idOrName: string,
): Promise<DirectoryGroup> {
  const field = `body/group${side}`;
  const connection = await findConnection(settings.db, connectionId);
  if (!connection)
    throw new ApiError(409, "connection_missing", `connection ${connectionId} of side ${side} is gone`);
  let group: DirectoryGroup | undefined;
  try {
    const requester = await serviceOf(settings).clients.client(connectionId);
    group = await findGroup(requester, idOrName, { connection: connection.name });
  } catch (error) {
    if (error instanceof AmbiguousGroupError)
      throw new ApiError(409, "group_ambiguous", error.message, field);
    if (error instanceof GraphRequestError) throw directoryFailed(error);
    throw error;
  }
  if (!group) {
    const message = `no group "${idOrName}" on side ${side} (connection ${connection.name}, tenant ${connection.tenant})`;
    throw new ApiError(404, "group_not_found", message, field);
  }
  return group;
}

function checkAttribute(matchBy: string, attribute: string | null | undefined): void {
  if (matchBy === "attribute" && !attribute) throw attributeNeeded();
  if (matchBy !== "attribute" && attribute) throw attributeUnused();
}

/** Refreshes now; a failure is stored on the binding and answered as 502 with its reason. */
async function refreshNow(settings: ServerSettings, binding: GroupBinding): Promise<GroupRefreshReport> {
  const service = serviceOf(settings);
  const deps = { db: settings.db, clients: service.clients, actions: service.actions };
  try {
    return await refreshBinding(deps, binding, settings.now());
  } catch (error) {
    if (error instanceof GroupRefreshError) throw new ApiError(502, "group_refresh_failed", error.message);
    throw error;
  }
}

async function createBinding(
  settings: ServerSettings,
  request: FastifyRequest,
  sync: Sync,
  body: NewBinding,
): Promise<GroupBinding> {
  const matchBy = body.matchBy ?? "local-part";
  checkAttribute(matchBy, body.matchAttribute);
  const groupA = await resolveGroup(settings, "A", sync.connectionA, body.groupA);
  const groupB = await resolveGroup(settings, "B", sync.connectionB, body.groupB);
  const now = settings.now();
  try {
    return await transaction(settings.db, async (trx) => {
      const binding = await insertGroupBinding(
        trx,
        {
          id: randomUUID(),
          syncId: sync.id,
          groupA: groupA.id,
          groupB: groupB.id,
          matchBy,
          matchAttribute: body.matchAttribute ?? null,
          refreshMinutes: body.refreshMinutes ?? DEFAULT_REFRESH_MINUTES,
          autoStart: body.autoStart ? storedStartMode(body.autoStart) : null,
        },
        now,
      );
      const detail = {
        bindingId: binding.id,
        syncId: sync.id,
        groupA: { id: groupA.id, name: groupA.displayName },
        groupB: { id: groupB.id, name: groupB.displayName },
        matchBy,
      };
      await auditRequest(trx, request, "group_binding_created", detail, now);
      return binding;
    });
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const message = `this sync already binds "${groupA.displayName}" and "${groupB.displayName}"`;
    throw new ApiError(409, "group_binding_exists", message, "body/groupA");
  }
}

function changesOf(binding: GroupBinding, patch: BindingPatch): GroupBindingChanges {
  const changes: GroupBindingChanges = {};
  if (patch.matchBy !== undefined) changes.matchBy = patch.matchBy;
  if (patch.matchAttribute !== undefined) changes.matchAttribute = patch.matchAttribute;
  if (patch.refreshMinutes !== undefined) changes.refreshMinutes = patch.refreshMinutes;
  if (patch.autoStart !== undefined) changes.autoStart = patch.autoStart && storedStartMode(patch.autoStart);
  const matchBy = changes.matchBy ?? binding.matchBy;
  // Leaving attribute matching drops the attribute, so the binding never holds a rule it does not use.
  if (matchBy !== "attribute" && patch.matchAttribute === undefined) changes.matchAttribute = null;
  checkAttribute(
    matchBy,
    changes.matchAttribute === undefined ? binding.matchAttribute : changes.matchAttribute,
  );
  return changes;
}

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
      serviceOf(settings);
      const sync = await syncOf(settings, request.params.syncId);
      const binding = await createBinding(settings, request, sync, request.body);
      try {
        await refreshNow(settings, binding);
      } catch (error) {
        // The binding stands; its report says why the first refresh failed.
        if (!(error instanceof ApiError)) throw error;
        request.log.warn({ binding: binding.id, reason: error.message }, "first group refresh failed");
      }
      reply.code(201);
      return bindingInfo((await findGroupBinding(settings.db, binding.id)) ?? binding);
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
      const sync = await syncOf(settings, request.params.syncId);
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
    async (request) => bindingInfo(await bindingOf(settings, request.params.syncId, request.params.id)),
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
      const { syncId, id } = request.params;
      const now = settings.now();
      const updated = await transaction(settings.db, async (trx) => {
        const binding = await findGroupBinding(trx, id);
        if (!binding || binding.syncId !== syncId) throw bindingNotFound(id);
        const updated = await updateGroupBinding(trx, id, changesOf(binding, request.body), now);
        if (!updated) throw bindingNotFound(id);
        const detail = { bindingId: id, syncId, changed: Object.keys(request.body).sort() };
        await auditRequest(trx, request, "group_binding_updated", detail, now);
        return updated;
      });
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
      const { syncId, id } = request.params;
      const now = settings.now();
      await transaction(settings.db, async (trx) => {
        const binding = await findGroupBinding(trx, id);
        if (!binding || binding.syncId !== syncId) throw bindingNotFound(id);
        const released = await releaseBindingProfiles(trx, id, now);
        await deleteGroupBinding(trx, id);
        await auditRequest(
          trx,
          request,
          "group_binding_deleted",
          { bindingId: id, syncId, profilesKept: released },
          now,
        );
      });
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
      serviceOf(settings);
      const binding = await bindingOf(settings, request.params.syncId, request.params.id);
      const report = await refreshNow(settings, binding);
      const now = settings.now();
      const detail = {
        bindingId: binding.id,
        syncId: binding.syncId,
        created: report.created.length,
        paused: report.paused.length,
        resumed: report.resumed.length,
      };
      await auditRequest(settings.db, request, "group_binding_refreshed", detail, now);
      return bindingInfo((await findGroupBinding(settings.db, binding.id)) ?? binding);
    },
  );
}
