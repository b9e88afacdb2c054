import { Type } from "typebox";
import { cancelJob, listJobSummaries, requireJob } from "../../jobs/background-jobs.js";
import { auditActorOf } from "../audit.js";
import { responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import {
  JobDetail,
  JobParams,
  JobSchema,
  JobsList,
  JobsQuery,
  jobDetailOut,
  jobErrors,
  jobOut,
} from "./job-schemas.js";
import { serviceOf } from "./needs.js";

const APPLY_NOW = `Queues a run of every active profile of the sync as a background job, so that their copies follow
the sync's changed settings now rather than at each profile's next run. The runs are asked for at a steady
pace (5 a second by default), so neither Graph nor the workers are flooded; the job's progress counts the
runs asked for, and each run's result is in the history and the live update stream.`;

/** Background jobs: their progress, cancelling one, and the job that applies a sync's settings now. */
export async function jobRoutes(app: App, settings: ServerSettings): Promise<void> {
  const deps = () => ({ db: settings.db, now: settings.now });

  app.get(
    "/api/jobs",
    {
      schema: {
        summary: "Background jobs, newest first (status=running for those in progress)",
        tags: ["jobs"],
        querystring: JobsQuery,
        response: responses({ 200: JobsList }, [400, 401]),
      },
    },
    async (request) => {
      const jobs = await listJobSummaries(settings.db, request.query);
      return { jobs: jobs.map(jobOut) };
    },
  );

  app.get(
    "/api/jobs/:id",
    {
      schema: {
        summary: "One background job: its progress and the first failures",
        tags: ["jobs"],
        params: JobParams,
        response: responses({ 200: JobDetail }, [400, 401, 404]),
      },
    },
    async (request) => jobDetailOut(await requireJob(settings.db, request.params.id).catch(jobErrors)),
  );

  app.post(
    "/api/jobs/:id/cancel",
    {
      schema: {
        summary: "Cancel a background job: a queued one at once, a running one after its current batch",
        tags: ["jobs"],
        params: JobParams,
        response: responses({ 200: JobSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const job = await cancelJob(deps(), request.params.id, auditActorOf(request)).catch(jobErrors);
      return jobOut(job);
    },
  );

  app.post(
    "/api/syncs/:syncId/apply-now",
    {
      schema: {
        summary:
          "Run every active profile of a sync now (after a settings change), as a paced background job",
        description: APPLY_NOW,
        tags: ["jobs"],
        params: Type.Object({ syncId: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: responses({ 202: JobSchema }, [400, 401, 403, 404, 503]),
      },
    },
    async (request, reply) => {
      const { jobs } = serviceOf(settings);
      const job = await jobs.queueApplySync(request.params.syncId, auditActorOf(request)).catch(jobErrors);
      reply.code(202);
      return jobOut(job);
    },
  );
}
