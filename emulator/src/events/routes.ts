import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import { registerActionRoutes } from "./routes-actions.js";
import { registerCalendarRoutes } from "./routes-calendars.js";
import { registerItemRoutes } from "./routes-items.js";
import { registerViewRoutes } from "./routes-views.js";

/** The default calendar is reachable three ways; each path serves the same events. */
const CALENDAR_PREFIXES = ["/users/:user", "/users/:user/calendar", "/users/:user/calendars/:calendarId"];

/** Graph v1.0 calendar routes (auth has already put `request.principal` on the request). */
export async function registerEventRoutes(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  registerCalendarRoutes(app, ctx);
  for (const prefix of CALENDAR_PREFIXES) {
    registerItemRoutes(app, ctx, prefix);
    registerActionRoutes(app, ctx, prefix);
    registerViewRoutes(app, ctx, prefix);
  }
}
