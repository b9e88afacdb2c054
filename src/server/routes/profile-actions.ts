import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { ProfileAction, ProfileActionOptions } from "../../jobs/service-types.js";
import { PROFILE_STATUSES, START_MODES } from "../../store/schema.js";
import { auditActorOf, auditRequest } from "../audit.js";
import { actorOf, principalOf } from "../auth/authenticate.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { JobSchema, jobErrors, jobOut, ProfileFilter } from "./job-schemas.js";
import { serviceOf } from "./needs.js";

const ACTIONS = ["start", "pause", "resume", "resync", "cleanup", "remove"] as const;
const MAX_SELECTION = 5_000;
/** A selection of ids up to this size is acted on within the request (unless `background` asks for a job). */
export const MAX_IMMEDIATE = 20;

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

const SELECTION = `${DESCRIPTION}

The selection is exactly one of ids (up to ${MAX_SELECTION}) and filter (the profile list's filters, sync optional:
every profile matching now). Up to ${MAX_IMMEDIATE} ids are acted on within the request (200, one result per
profile) unless background is true; anything larger, and any filter, becomes a background job (202 with the job):
follow it at GET /api/jobs/{id} or on the live update stream (GET /api/stream), cancel it with POST
/api/jobs/{id}/cancel.`;

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
        summary:
          "Start, pause, resume, resync, clean up or remove a selection of profiles (a job when large)",
        description: SELECTION,
        tags: ["profiles"],
        body: Type.Object(
          {
            action: Type.Enum(ACTIONS),
            ids: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
                minItems: 1,
                maxItems: MAX_SELECTION,
              }),
            ),
            filter: Type.Optional(ProfileFilter),
            background: Type.Optional(
              Type.Boolean({ description: `a background job even for ${MAX_IMMEDIATE} ids or fewer` }),
            ),
            ...ActionOptions,
          },
          { additionalProperties: false, description: "exactly one of ids and filter" },
        ),
        response: responses({ 200: ActionResults, 202: JobSchema }, [400, 401, 403, 404, 413, 503]),
      },
    },
    async (request, reply) => {
      const { action, ids, filter, background, ...extra } = request.body;
      if (ids && !filter && !background && ids.length <= MAX_IMMEDIATE)
        return perform(request, action, ids, extra);
      const input = { action, ...(ids && { ids }), ...(filter && { filter }), ...extra };
      const job = await serviceOf(settings)
        .jobs.queueProfileAction(input, auditActorOf(request))
        .catch((error) => jobErrors(error, { sync_not_found: "body/filter/sync" }));
      return reply.code(202).send(jobOut(job));
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
