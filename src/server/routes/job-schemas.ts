import { Type } from "typebox";
import { JobRefusal } from "../../jobs/background-jobs.js";
import { FAILURES_KEPT } from "../../jobs/job-runner.js";
import type { Job, JobSummary } from "../../store/jobs.js";
import {
  JOB_KINDS,
  JOB_STATUSES,
  MAILBOX_CHECKS,
  PROFILE_SOURCES,
  PROFILE_STATUSES,
  START_MODES,
} from "../../store/schema.js";
import { ApiError } from "../errors.js";
import { profileErrors } from "./profile-errors.js";

/** The background jobs API's shapes: a job with its progress, the filter a bulk action selects with. */

const DateTime = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** The filters of the profile list (GET /api/syncs/{syncId}/profiles); every sync's profiles without `sync`. */
export const ProfileFilter = Type.Object(
  {
    sync: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "the sync's id" })),
    status: Type.Optional(Type.Enum(PROFILE_STATUSES)),
    source: Type.Optional(Type.Enum(PROFILE_SOURCES)),
    mailboxCheck: Type.Optional(Type.Enum(MAILBOX_CHECKS)),
    search: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "part of the name or of either address" }),
    ),
  },
  { additionalProperties: false, description: "every profile matching all the filters given" },
);

const JobFields = {
  id: Type.String(),
  kind: Type.Enum(JOB_KINDS, {
    description: "profile_action: an action on a selection; apply_sync: a sync's runs, paced",
  }),
  action: Type.String({ description: "start, pause, resume, resync, cleanup, remove; run for apply_sync" }),
  status: Type.Enum(JOB_STATUSES),
  total: Type.Integer({ description: "profiles selected" }),
  done: Type.Integer({ description: "profiles processed so far, failed ones included" }),
  failed: Type.Integer({ description: "profiles the action failed or was refused for" }),
  cancelRequested: Type.Boolean({ description: "a running job stops after its current batch" }),
  filter: Nullable(ProfileFilter),
  mode: Nullable(Type.Enum(START_MODES)),
  reason: Nullable(Type.String()),
  sync: Nullable(
    Type.Object(
      { id: Type.String(), name: Type.String() },
      { description: "the sync an apply_sync job runs" },
    ),
  ),
  error: Nullable(Type.String({ description: "why the job itself failed (not one profile)" })),
  createdBy: Type.String(),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  updatedAt: DateTime,
};

export const JobSchema = Type.Object(JobFields);

export const JobDetail = Type.Object({
  ...JobFields,
  failures: Type.Array(
    Type.Object({
      id: Type.String({ description: "the profile's id" }),
      code: Type.String({
        description:
          "not_found, wrong_status, mailbox_unverified, sync_missing, profile_busy, cleanup_failed, internal_error",
      }),
      message: Type.String(),
    }),
    { description: `the first ${FAILURES_KEPT} failures; failed counts them all` },
  ),
});

export const JobsList = Type.Object({ jobs: Type.Array(JobSchema) });

export const JobParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const JobsQuery = Type.Object({
  status: Type.Optional(Type.Enum(JOB_STATUSES)),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

const text = (value: unknown) => (typeof value === "string" ? value : null);

/** A job as the API shows it. */
export function jobOut(job: JobSummary) {
  const parameters = job.parameters;
  const syncId = text(parameters.sync);
  return {
    id: job.id,
    kind: job.kind,
    action: job.action,
    status: job.status,
    total: job.total,
    done: job.done,
    failed: job.failed,
    cancelRequested: job.cancelRequested,
    filter: (parameters.filter as Record<string, string> | undefined) ?? null,
    mode: text(parameters.mode) as (typeof START_MODES)[number] | null,
    reason: text(parameters.reason),
    sync: job.kind === "apply_sync" && syncId ? { id: syncId, name: text(parameters.syncName) ?? "" } : null,
    error: job.error,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    updatedAt: job.updatedAt,
  };
}

export const jobDetailOut = (job: Job) => ({ ...jobOut(job), failures: job.failures });

const STATUS = { invalid: 400, not_found: 404, conflict: 409, too_large: 413 } as const;

/** The jobs room's refusals (and the profiles room's, for a filter's unknown sync) as the API's answers. */
export function jobErrors(error: unknown, fields?: Readonly<Record<string, string>>): never {
  if (error instanceof JobRefusal)
    throw new ApiError(STATUS[error.kind], error.code, error.message, error.at);
  return profileErrors(error, fields);
}
