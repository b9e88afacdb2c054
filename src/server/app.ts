import { readFileSync } from "node:fs";
import cookie from "@fastify/cookie";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify from "fastify";
import { installAuthentication } from "./auth/authenticate.js";
import { DEFAULT_BODY_LIMIT, type ServerOptions, settingsOf } from "./options.js";
import { installClosedSchemas } from "./plugins/closed-schemas.js";
import { DEFAULT_DASHBOARD_DIR, dashboardPages, registerDashboardAssets } from "./plugins/dashboard.js";
import { installErrorHandling } from "./plugins/errors.js";
import { answerClientError, answerFrameworkError, MAX_PARAM_LENGTH } from "./plugins/framework-errors.js";
import { DEFAULT_LIVE_UPDATES, LiveUpdates } from "./plugins/live-updates.js";
import { loggerOptions } from "./plugins/logger.js";
import { createMetrics, registerMetrics } from "./plugins/metrics.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { installSecurityHeaders } from "./plugins/security-headers.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { configRoutes } from "./routes/config.js";
import { connectionRoutes } from "./routes/connections.js";
import { consentRoutes } from "./routes/consent.js";
import { groupBindingRoutes } from "./routes/group-bindings.js";
import { healthRoutes } from "./routes/health.js";
import { historyRoutes } from "./routes/history.js";
import { jobRoutes } from "./routes/jobs.js";
import { overviewRoutes } from "./routes/overview.js";
import { profileActionRoutes } from "./routes/profile-actions.js";
import { profileRoutes } from "./routes/profiles.js";
import { setupRoutes } from "./routes/setup.js";
import { streamRoutes } from "./routes/stream.js";
import { syncRoutes } from "./routes/syncs.js";
import { tokenRoutes } from "./routes/tokens.js";
import { webhookRoutes } from "./routes/webhooks.js";
import type { App } from "./types.js";

export type { ServerOptions } from "./options.js";
export type { App } from "./types.js";

function packageVersion(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** The TCP peer (hop 0) is the proxy; every address it forwards beyond is the client's own word. */
const trustOnlyThePeer = (_address: string, hop: number) => hop === 0;

/**
 * The crosscal service as a Fastify app, not yet listening (tests call `inject`). Layers, in order: the
 * error shape and security headers, closed request schemas (unknown fields refused), cookies, the
 * OpenAPI document (it must see every route), authentication (every route but the public ones), metrics,
 * then the routes and the dashboard's assets (web/); its pages answer the browser's GETs no route claims.
 * The caller owns the store: closing the app does not close it.
 */
export async function buildApp(options: ServerOptions): Promise<App> {
  const settings = settingsOf(options);
  const app = Fastify({
    logger: loggerOptions(options.log),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // One hop: the proxy in front. The client is the address that proxy appended to X-Forwarded-For;
    // entries to its left are whatever the client wrote, and trusting them would let it choose its address.
    trustProxy: options.trustProxy ? trustOnlyThePeer : false,
    // A field the schema does not know is an error the caller should hear about, not something to drop.
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // What Fastify and Node answer before any route runs, in the one error shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const dashboardDir = options.dashboardDir ?? DEFAULT_DASHBOARD_DIR;
  installErrorHandling(app, dashboardPages(dashboardDir));
  installSecurityHeaders(app);
  installClosedSchemas(app);
  // The API speaks JSON only: any other body type is refused with 415 instead of reaching validation.
  app.removeContentTypeParser("text/plain");
  await app.register(cookie);
  await registerOpenApi(app, packageVersion());
  installAuthentication(app, settings);
  registerMetrics(app, options.metrics ?? createMetrics());

  await healthRoutes(app, settings);
  await setupRoutes(app, settings);
  await authRoutes(app, settings);
  await tokenRoutes(app, settings);
  await auditRoutes(app, settings);
  await webhookRoutes(app, settings);
  await connectionRoutes(app, settings);
  await consentRoutes(app, settings);
  await syncRoutes(app, settings);
  await profileRoutes(app, settings);
  await profileActionRoutes(app, settings);
  await groupBindingRoutes(app, settings);
  await configRoutes(app, settings);
  await historyRoutes(app, settings);
  await jobRoutes(app, settings);
  await overviewRoutes(app, settings);
  const live = new LiveUpdates(settings.db, { ...DEFAULT_LIVE_UPDATES, ...options.liveUpdates }, app.log);
  // Before the server closes: it waits for open connections, and a stream never ends by itself.
  app.addHook("preClose", () => live.close());
  await streamRoutes(app, settings, live);
  await registerDashboardAssets(app, dashboardDir);
  return app;
}
