import { Type } from "typebox";
import { recordAudit } from "../../store/admin-audit.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { LiveUpdates } from "../plugins/live-updates.js";
import type { App } from "../types.js";

const DESCRIPTION = `Server-Sent Events (text/event-stream) while the connection lasts; EventSource in a browser
sends the session cookie, scripts send an API token (read tokens too). Events: profile (a profile's status or
details changed: id, sync, name, status, statusReason, updatedAt), run (a run finished: id, profileId, trigger,
outcome, counts, error, startedAt, finishedAt, lagMs), job (a background job progressed: id, kind, action,
status, total, done, failed, cancelRequested, updatedAt), and reset (events since the Last-Event-ID sent are no
longer known: read the state again). Every change made by any process appears within about a second; a comment
line every 15 s keeps the connection open. At most 100 streams per server process: more answer 503
too_many_streams.`;

/** The live update stream (see plugins/live-updates.ts). */
export async function streamRoutes(app: App, settings: ServerSettings, live: LiveUpdates): Promise<void> {
  app.get(
    "/api/stream",
    {
      schema: {
        summary:
          "Live updates: profile status changes, finished runs and job progress, as Server-Sent Events",
        description: DESCRIPTION,
        tags: ["live"],
        produces: ["text/event-stream"],
        response: responses({ 200: Type.String({ description: "an event stream" }) }, [401, 503]),
      },
    },
    async (request, reply) => {
      live.admit(request, reply);
      // Hooks do not run after a hijack: a token's use is recorded here, as the others' are on response.
      const caller = principalOf(request);
      if (caller.via === "token") {
        const detail = { tokenId: caller.tokenId, method: "GET", route: "/api/stream", status: 200 };
        const entry = { action: "token_used", actor: actorOf(caller), ip: request.ip, detail };
        await recordAudit(settings.db, entry, settings.now()).catch((error) =>
          request.log.error({ err: error }, "recording a token's use failed"),
        );
      }
    },
  );
}
