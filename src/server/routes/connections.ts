import { Type } from "typebox";
import { checkConnectionNow } from "../../connections/check-connection.js";
import { createConnection } from "../../connections/create-connection.js";
import { removeConnection } from "../../connections/delete-connection.js";
import { editConnection } from "../../connections/edit-connection.js";
import { ConnectionNotFoundError } from "../../connections/errors.js";
import { findConnection, listConnections } from "../../store/connections.js";
import { auditActorOf } from "../audit.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import {
  ConnectionInfo,
  ConnectionPatchBody,
  connectionErrors,
  connectionInfo,
  NewConnectionBody,
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

/** What the connections room needs of the server to create, edit and check connections. */
const editsOf = (settings: ServerSettings) => ({
  db: settings.db,
  secrets: () => secretsOf(settings),
  policy: settings.endpointPolicy,
  now: settings.now,
  check: settings.connectionCheck,
});

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
      const by = auditActorOf(request);
      const row = await createConnection(editsOf(settings), request.body, by).catch(connectionErrors);
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
      if (!row) connectionErrors(new ConnectionNotFoundError(request.params.id));
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
      const by = auditActorOf(request);
      return connectionInfo(
        await editConnection(editsOf(settings), id, request.body, by).catch(connectionErrors),
      );
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
      const by = auditActorOf(request);
      await removeConnection(settings.db, request.params.id, by, settings.now()).catch(connectionErrors);
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
      const by = auditActorOf(request);
      const { connection, result } = await checkConnectionNow(editsOf(settings), request.params.id, by).catch(
        (error) => connectionErrors(error, "params/id"),
      );
      request.log.info(
        { connection: connection.name, status: result.status, detail: result.detail },
        "connection checked",
      );
      return { connection: connectionInfo(connection), roles: result.roles ?? null };
    },
  );
}
