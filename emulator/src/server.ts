import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import { registerBatchRoutes } from "./batch/routes.js";
import { EmulatorContext, type EmulatorSettings } from "./context.js";
import { registerControlRoutes } from "./control/routes.js";
import { registerDirectoryRoutes } from "./directory/routes.js";
import { registerEventControl } from "./events/control.js";
import { registerEventRoutes } from "./events/routes.js";
import { GraphError, graphErrorBody } from "./graph/errors.js";
import { registerIdentityControl } from "./identity/control.js";
import { registerGraphAuth } from "./identity/graph-auth.js";
import { registerIdentityRoutes } from "./identity/routes.js";
import { WorldAutosave } from "./persistence/autosave.js";
import { restoreSnapshot } from "./persistence/snapshot.js";
import { readWorldFile } from "./persistence/world-file.js";
import { registerSubscriptionControl } from "./subscriptions/control.js";
import { registerSubscriptionRoutes } from "./subscriptions/routes.js";
import { registerTrafficControl } from "./throttle/control.js";
import { registerTrafficHooks } from "./throttle/hooks.js";
import { loadOrCreateTls } from "./tls.js";
import { applySeed, loadSeed } from "./world/seed.js";
import { WorldError } from "./world/world.js";

export interface EmulatorOptions extends Partial<EmulatorSettings> {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Folder for the CA, server certificate and signing key; a temporary folder if omitted. */
  stateDir?: string;
  /** "demo", a path to a seed JSON file, or nothing for an empty emulator. */
  seed?: string;
  /** Log requests to stderr (pino). */
  logger?: boolean;
  /**
   * Keep the world in this file: when it exists the emulator starts from it (the seed is not applied
   * again), and it is rewritten shortly after every change and on close().
   */
  worldFile?: string;
}

export interface RunningEmulator {
  url: string;
  caCertPath: string;
  ctx: EmulatorContext;
  app: FastifyInstance;
  /** True when the world came from `worldFile` rather than from the seed. */
  restored: boolean;
  /** Writes the world file now (nothing without `worldFile`), e.g. after in-process changes to the directory. */
  save(): Promise<void>;
  close(): Promise<void>;
}

/** Graph's answer for an unmatched path: it names the segment it could not resolve. */
function unknownSegment(url: string): GraphError {
  const segments = url.split("?")[0]!.split("/").filter(Boolean);
  const segment = segments.at(-1) ?? "";
  return new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
}

function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (error instanceof WorldError) return new GraphError(400, "BadRequest", error.message);
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode === 413)
    return new GraphError(413, "RequestEntityTooLarge", fastifyError.message);
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new GraphError(400, "BadRequest", fastifyError.message);
  }
  return new GraphError(500, "InternalServerError", "An internal server error occurred.");
}

/** JSON bodies as Graph reads them, and the one error handler that renders Graph's error envelope. */
function installGraphErrors(app: FastifyInstance, ctx: EmulatorContext): void {
  // Graph accepts POSTs such as /cancel or /accept with no body at all, even when they say JSON.
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(
        new GraphError(
          400,
          "BadRequest",
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        ),
      );
    }
  });
  app.setErrorHandler((error, request, reply) => {
    const graphError = toGraphError(error);
    if (graphError.status >= 500) request.log.error({ err: error }, "emulator error");
    reply
      .code(graphError.status)
      .headers(graphError.headers)
      .send(graphErrorBody(graphError.code, graphError.message, ctx.clock.nowDate()));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = unknownSegment(request.url);
    reply.code(error.status).send(graphErrorBody(error.code, error.message, ctx.clock.nowDate()));
  });
}

/** Any request may change what the world file holds (a delta round issues a token), except a control read. */
function changesState(request: FastifyRequest): boolean {
  return !(request.method === "GET" && request.url.startsWith("/_emulator/"));
}

export async function buildApp(
  ctx: EmulatorContext,
  logger = false,
  onChange?: () => void,
): Promise<FastifyInstance> {
  const app = Fastify({
    https: { key: ctx.tls.server.keyPem, cert: ctx.tls.server.certPem },
    // Graph matches path segments case-insensitively ("Users/{id}/Events" works); ids keep their case.
    routerOptions: { caseSensitive: false },
    bodyLimit: 16 * 1024 * 1024,
    // stderr: stdout carries only the start-up line, which callers read as the first line.
    logger: logger ? { level: "info", stream: process.stderr } : false,
  });
  installGraphErrors(app, ctx);
  // Microsoft's servers stamp their answers with their own clock: a client compares it with its own (clock
  // skew makes Entra ID refuse client assertions and tokens), so the emulator's clock control moves it too.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("date", ctx.clock.nowDate().toUTCString());
  });
  if (onChange) {
    app.addHook("onResponse", async (request) => {
      if (changesState(request)) onChange();
    });
  }

  await app.register(
    async (control) => {
      await registerControlRoutes(control, ctx);
      await registerIdentityControl(control, ctx);
      await registerEventControl(control, ctx);
      await registerTrafficControl(control, ctx);
      await registerSubscriptionControl(control, ctx);
    },
    { prefix: "/_emulator" },
  );

  await app.register(
    async (graph) => {
      await registerGraphAuth(graph, ctx);
      await registerTrafficHooks(graph, ctx);
      await registerEventRoutes(graph, ctx);
      await registerDirectoryRoutes(graph, ctx);
      await registerSubscriptionRoutes(graph, ctx);
      await registerBatchRoutes(graph, ctx);
    },
    { prefix: "/v1.0" },
  );

  await registerIdentityRoutes(app, ctx);
  return app;
}

/** The world from its file when there is one, else from the seed. True when it was restored. */
async function populate(ctx: EmulatorContext, options: EmulatorOptions): Promise<boolean> {
  const saved = options.worldFile ? await readWorldFile(options.worldFile) : undefined;
  if (saved) {
    restoreSnapshot(ctx, saved);
    return true;
  }
  if (options.seed) {
    ctx.startupSeed = await loadSeed(options.seed);
    await applySeed(ctx, ctx.startupSeed);
  }
  return false;
}

function autosaveOf(ctx: EmulatorContext, worldFile: string): WorldAutosave {
  return new WorldAutosave(ctx, worldFile, (error) =>
    process.stderr.write(`emulator: cannot save the world to ${worldFile}: ${error.message}\n`),
  );
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(os.tmpdir(), "m365-emulator-")));
  const tls = await loadOrCreateTls(stateDir);
  const ctx = new EmulatorContext(tls, {
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    allowHttpNotificationUrls: options.allowHttpNotificationUrls ?? false,
  });
  await ctx.identity.init(stateDir);
  const restored = await populate(ctx, options);
  const autosave = options.worldFile ? autosaveOf(ctx, options.worldFile) : undefined;
  // In-process writes (tests calling ctx.mailboxes) do not pass through a request.
  const stopWatching = autosave && ctx.bus.on(() => autosave.changed());
  const app = await buildApp(ctx, options.logger, autosave && (() => autosave.changed()));
  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  ctx.url = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  // A seeded world is on disk from the start, so a kill before the first change still restarts the same.
  if (autosave && !restored) await autosave.save();
  return {
    url: ctx.url,
    caCertPath: tls.caCertPath,
    ctx,
    app,
    restored,
    save: async () => autosave?.save(),
    close: async () => {
      stopWatching?.();
      await ctx.subscriptions.close();
      await app.close();
      await autosave?.close();
    },
  };
}
