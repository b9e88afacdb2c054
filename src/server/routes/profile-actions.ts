import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { ProfileAction, ProfileActionOptions } from "../../jobs/service-types.js";
import { PROFILE_STATUSES, START_MODES } from "../../store/schema.js";
import { auditRequest } from "../audit.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { serviceOf } from "./needs.js";

const ACTIONS = ["start", "pause", "resume", "resync", "cleanup", "remove"] as const;
const MAX_SELECTION = 5_000;

const ProfileStatusSchema = Type.Enum(PROFILE_STATUSES);
const ActionResult = Type.Object({
  id: Type.String(),
  ok: Type.Boolean(),
  status: Type.Optional(ProfileStatusSchema),
  error: Type.Optional(
    Type.Object({
      code: Type.String({
        description:
          "not_found, wrong_status, mailbox_unverified, sync_missing, profile_busy, cleanup_failed",
      }),
      message: Type.String(),
    }),
  ),
});
const ActionResults = Type.Object({
  action: Type.Enum(ACTIONS),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(ActionResult),
});
const ActionOptions = {
  mode: Type.Optional(
    Type.Enum(START_MODES, {
      description: "start only: copy only meetings made from now on, or merge the existing ones too",
    }),
  ),
  reason: Type.Optional(
    Type.String({ maxLength: 500, description: "pause only: shown as the status reason" }),
  ),
};

const DESCRIPTION = `start: a draft begins syncing (mailboxes verified first; mode only_new or merge, default the
sync's); pause: no more runs, subscriptions removed; resume: a paused profile, one in error, or one that needs
confirmation (what the guards stopped goes through) runs again; resync: both mailboxes are listed again
from scratch; cleanup: every copy crosscal made is removed from both mailboxes and the profile paused;
remove: cleanup, then the profile and its history are deleted. Each profile gets its own result.`;

/**
 * Actions on one profile or a selection. Refusals are per profile (200 with ok: false and a reason), so a
 * selection of a thousand is never all-or-nothing on one wrong status; the request itself is 4xx only when
 * malformed. One audit entry per request.
 */
export async function profileActionRoutes(app: App, settings: ServerSettings): Promise<void> {
  const perform = async (
    request: FastifyRequest,
    action: ProfileAction,
    ids: string[],
    extra: Omit<ProfileActionOptions, "actor">,
  ) => {
    const actor = actorOf(principalOf(request));
    const results = await serviceOf(settings).actions.apply(action, ids, { ...extra, actor });
    const succeeded = results.filter((result) => result.ok).length;
    const detail = {
      action,
      profiles: ids.slice(0, 100),
      selected: ids.length,
      succeeded,
      failed: results.length - succeeded,
    };
    await auditRequest(settings.db, request, `profiles_${action}`, detail, settings.now());
    return { action, succeeded, failed: results.length - succeeded, results };
  };

  app.post(
    "/api/profiles/actions",
    {
      schema: {
        summary: "Start, pause, resume, resync, clean up or remove a selection of profiles",
        description: DESCRIPTION,
        tags: ["profiles"],
        body: Type.Object(
          {
            action: Type.Enum(ACTIONS),
            ids: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
              minItems: 1,
              maxItems: MAX_SELECTION,
            }),
            ...ActionOptions,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: ActionResults }, [400, 401, 403, 503]),
      },
    },
    async (request) => {
      const { action, ids, ...extra } = request.body;
      return perform(request, action, ids, extra);
    },
  );

  app.post(
    "/api/profiles/:id/:action",
    {
      schema: {
        summary: "Start, pause, resume, resync, clean up or remove one profile",
        description: DESCRIPTION,
        tags: ["profiles"],
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 100 }),
          action: Type.Enum(ACTIONS),
        }),
        querystring: Type.Object(ActionOptions, { additionalProperties: false }),
        response: responses({ 200: ActionResults }, [400, 401, 403, 503]),
      },
    },
    async (request) => perform(request, request.params.action, [request.params.id], request.query),
  );
}
