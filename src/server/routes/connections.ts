import { randomUUID } from "node:crypto";
import { Type } from "typebox";
import { checkStoredConnection, recordCheckAndSchedule } from "../../connections/connection-recheck.js";
import {
  type ConnectionChanges,
  type ConnectionRow,
  deleteConnection,
  findConnection,
  insertConnection,
  listConnections,
  updateConnection,
} from "../../store/connections.js";
import { transaction } from "../../store/database.js";
import { StoreConflictError } from "../../store/errors.js";
import { syncsOfConnection } from "../../store/syncs.js";
import { auditRequest } from "../audit.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { resolveEndpoints } from "../../graph/endpoints.js";
import {
  allowEndpoints,
  ConnectionInfo,
  type ConnectionPatch,
  ConnectionPatchBody,
  connectionInfo,
  credentialGiven,
  type EndpointColumns,
  endpointColumns,
  NewConnectionBody,
  sealCredential,
} from "./connection-input.js";
import { secretsOf } from "./needs.js";

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const CheckedConnection = Type.Object({
  connection: ConnectionInfo,
  roles: Type.Union([
    Type.Array(Type.String(), { description: "application permissions the token carried" }),
    Type.Null(),
  ]),
});

const notFound = (id: string) => new ApiError(404, "connection_not_found", `no connection with id ${id}`);
const nameTaken = (name: string) =>
  new ApiError(409, "connection_name_taken", `a connection named "${name}" already exists`, "body/name");

async function withNameCheck<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StoreConflictError) throw nameTaken(name ?? "");
    throw error;
  }
}

/** The Entra ID and Graph hosts a connection's credential and tokens go to. */
function hostsOf(columns: Pick<ConnectionRow, "cloud" | "authorityHost" | "graphHost">): string {
  if (columns.cloud === "custom") return `${columns.authorityHost} ${columns.graphHost}`;
  const named = resolveEndpoints(columns.cloud);
  return `${named.authorityHost} ${named.graphBaseUrl}`;
}

/** The endpoint columns after an edit: a named cloud drops custom endpoints, staying custom keeps them. */
function nextEndpoints(row: ConnectionRow, patch: ConnectionPatch): EndpointColumns {
  const cloud = patch.cloud ?? row.cloud;
  const kept =
    row.cloud === "custom" && row.authorityHost && row.graphHost
      ? { authority: row.authorityHost, graph: row.graphHost, graphScope: row.graphScope ?? undefined }
      : undefined;
  return endpointColumns(cloud, patch.endpoints ?? (cloud === "custom" ? kept : undefined));
}

const credentialRequired = () =>
  new ApiError(
    400,
    "credential_required",
    "the connection's endpoints change: give its clientSecret or certificate again (a stored credential only goes to the endpoints it was given for)",
    "body/clientSecret",
  );

/**
 * The columns an edit changes, and their names for the audit log (only what differs from the row). A
 * credential is bound to the hosts it was given for: moving the hosts needs it again.
 */
function changesOf(
  settings: ServerSettings,
  row: ConnectionRow,
  patch: ConnectionPatch,
): { changes: ConnectionChanges; changed: string[] } {
  const changes: ConnectionChanges = {};
  const changed: string[] = [];
  for (const key of ["name", "tenant", "clientId", "probeMailbox"] as const) {
    const value = patch[key];
    if (value === undefined || value === row[key]) continue;
    Object.assign(changes, { [key]: value });
    changed.push(key);
  }
  if (patch.cloud !== undefined || patch.endpoints !== undefined) {
    const next = nextEndpoints(row, patch);
    if (next.cloud !== row.cloud) changed.push("cloud");
    if (
      next.authorityHost !== row.authorityHost ||
      next.graphHost !== row.graphHost ||
      next.graphScope !== row.graphScope
    ) {
      changed.push("endpoints");
    }
    if (hostsOf(next) !== hostsOf(row) && !credentialGiven(patch)) throw credentialRequired();
    Object.assign(changes, next);
  }
  if (credentialGiven(patch)) {
    Object.assign(changes, sealCredential(secretsOf(settings), row.id, patch));
    changed.push("credential");
  }
  return { changes, changed };
}

/** Connections to tenants: create, list, read, edit, delete, and a live check. Secrets go in, never out. */
export async function connectionRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.post(
    "/api/connections",
    {
      schema: {
        summary: "Create a connection (client secret or certificate); its secret is stored encrypted",
        tags: ["connections"],
        body: NewConnectionBody,
        response: responses({ 201: ConnectionInfo }, [400, 401, 403, 409, 413, 415, 503]),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const id = randomUUID();
      credentialGiven(body);
      const credential = sealCredential(secretsOf(settings), id, body);
      const endpoints = endpointColumns(body.cloud ?? "global", body.endpoints);
      await allowEndpoints(settings.endpointPolicy, endpoints);
      const now = settings.now();
      const row = await withNameCheck(body.name, () =>
        transaction(settings.db, async (trx) => {
          const row = await insertConnection(
            trx,
            {
              id,
              name: body.name,
              tenant: body.tenant,
              clientId: body.clientId,
              probeMailbox: body.probeMailbox ?? null,
              ...credential,
              ...endpoints,
            },
            now,
          );
          const detail = { connectionId: id, name: row.name, credentialKind: row.credentialKind };
          await auditRequest(trx, request, "connection_created", detail, now);
          return row;
        }),
      );
      reply.code(201);
      return connectionInfo(row);
    },
  );

  app.get(
    "/api/connections",
    {
      schema: {
        summary: "List connections with their last check (never their secrets)",
        tags: ["connections"],
        response: responses({ 200: Type.Object({ connections: Type.Array(ConnectionInfo) }) }, [401]),
      },
    },
    async () => ({ connections: (await listConnections(settings.db)).map(connectionInfo) }),
  );

  app.get(
    "/api/connections/:id",
    {
      schema: {
        summary: "One connection with its last check (never its secret)",
        tags: ["connections"],
        params: IdParams,
        response: responses({ 200: ConnectionInfo }, [400, 401, 404]),
      },
    },
    async (request) => {
      const row = await findConnection(settings.db, request.params.id);
      if (!row) throw notFound(request.params.id);
      return connectionInfo(row);
    },
  );

  app.patch(
    "/api/connections/:id",
    {
      schema: {
        summary: "Edit a connection: a new secret or certificate replaces the stored one, none keeps it",
        tags: ["connections"],
        params: IdParams,
        body: ConnectionPatchBody,
        response: responses({ 200: ConnectionInfo }, [400, 401, 403, 404, 409, 413, 415, 503]),
      },
    },
    async (request) => {
      const { id } = request.params;
      // Before the transaction: the policy may ask DNS, which must not hold the store's write lock.
      if (request.body.endpoints) {
        await allowEndpoints(settings.endpointPolicy, endpointColumns("custom", request.body.endpoints));
      }
      const now = settings.now();
      const row = await withNameCheck(request.body.name, () =>
        transaction(settings.db, async (trx) => {
          const current = await findConnection(trx, id);
          if (!current) throw notFound(id);
          const { changes, changed } = changesOf(settings, current, request.body);
          if (changed.length === 0) return current;
          const resetStatus = changed.some((key) => key !== "name");
          const updated = await updateConnection(trx, id, changes, now, { resetStatus });
          if (!updated) throw notFound(id);
          const detail = { connectionId: id, name: updated.name, changed };
          await auditRequest(trx, request, "connection_updated", detail, now);
          return updated;
        }),
      );
      return connectionInfo(row);
    },
  );

  app.delete(
    "/api/connections/:id",
    {
      schema: {
        summary: "Delete a connection and its stored secret",
        tags: ["connections"],
        params: IdParams,
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const now = settings.now();
      await transaction(settings.db, async (trx) => {
        const syncs = await syncsOfConnection(trx, request.params.id);
        if (syncs.length > 0) {
          const names = syncs.map((sync) => `"${sync.name}"`).join(", ");
          throw new ApiError(
            409,
            "connection_in_use",
            `the connection is used by sync ${names}: delete the sync or move it to another connection first`,
          );
        }
        const deleted = await deleteConnection(trx, request.params.id);
        if (!deleted) throw notFound(request.params.id);
        await auditRequest(
          trx,
          request,
          "connection_deleted",
          { connectionId: deleted.id, name: deleted.name },
          now,
        );
      });
      reply.code(204);
    },
  );

  app.post(
    "/api/connections/:id/check",
    {
      schema: {
        summary: "Check a connection live (token, then one Graph read) and record the outcome",
        tags: ["connections"],
        params: IdParams,
        response: responses({ 200: CheckedConnection }, [400, 401, 403, 404, 503]),
      },
    },
    async (request) => {
      const { id } = request.params;
      const row = await findConnection(settings.db, id);
      if (!row) throw notFound(id);
      // Again before a credential is sent: the policy may have narrowed, or the host resolve elsewhere now.
      await allowEndpoints(settings.endpointPolicy, row, "params/id");
      // Outside any transaction: the check talks to Entra ID and Graph, which may take seconds.
      const result = await checkStoredConnection(secretsOf(settings), row, settings.connectionCheck);
      const now = settings.now();
      const checked = await transaction(settings.db, async (trx) => {
        // While consent or roles propagate, the check repeats by itself (see engine/connection-recheck.ts).
        const checked = await recordCheckAndSchedule(trx, id, result, row.recheckAttempts, now);
        if (!checked) throw notFound(id);
        const detail = { connectionId: id, name: checked.name, status: result.status };
        await auditRequest(trx, request, "connection_checked", detail, now);
        return checked;
      });
      request.log.info(
        { connection: checked.name, status: result.status, detail: result.detail },
        "connection checked",
      );
      return { connection: connectionInfo(checked), roles: result.roles ?? null };
    },
  );
}
