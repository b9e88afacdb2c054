import { type Static, Type } from "typebox";
import { Value } from "typebox/value";
import type { Side } from "../core/event.js";
import type { RunReason } from "./debounced-runs.js";

/**
 * The job a worker runs in PostgreSQL mode: one run of one profile. Pure: the job key, the payload and how
 * requests collapsed into one job are merged (src/jobs/graphile.ts does the I/O).
 */

export const RUN_TASK = "run-profile";

const SideSchema = Type.Union([Type.Literal("A"), Type.Literal("B")]);

export const RunJobSchema = Type.Object({
  profileId: Type.String({ minLength: 1 }),
  sides: Type.Array(SideSchema, { minItems: 1, maxItems: 2 }),
  /** "notification", "reconcile", "start"...; several joined with "+". */
  trigger: Type.String(),
  /** A person confirmed what the guards stopped. */
  confirmed: Type.Boolean(),
  /** When the first request this run answers arrived (epoch ms), for the change-to-copy lag. */
  since: Type.Number(),
});
export type RunJob = Static<typeof RunJobSchema>;

/**
 * A job's payload is a list of requests: graphile-worker concatenates two JSON arrays when a job is added
 * under the key of a job still waiting, so requests that collapse into one job keep every trigger, the
 * earliest `since`, and a person's confirmation (a plain object would be replaced by the last request).
 */
const PayloadSchema = Type.Array(RunJobSchema, { minItems: 1 });

const sortedSides = (sides: Iterable<Side>): Side[] => [...new Set(sides)].sort();

/** One job key per profile and set of mailboxes: a burst of requests for them is one job. */
export function runJobKey(profileId: string, sides: readonly Side[]): string {
  return `${RUN_TASK}:${profileId}:${sortedSides(sides).join("")}`;
}

export function runJob(profileId: string, sides: readonly Side[], why: RunReason): RunJob {
  return { profileId, sides: sortedSides(sides), ...why };
}

/** The one run a job's collapsed requests ask for; throws, naming the problem, on a malformed payload. */
export function mergeRunJobs(payload: unknown): RunJob {
  if (!Value.Check(PayloadSchema, payload)) {
    const first = Value.Errors(PayloadSchema, payload)[0];
    throw new Error(
      `malformed ${RUN_TASK} job payload${first ? ` at ${first.instancePath || "/"}: ${first.message}` : ""}`,
    );
  }
  const [head, ...rest] = payload as RunJob[] & [RunJob];
  const profiles = new Set(payload.map((job) => job.profileId));
  if (profiles.size > 1)
    throw new Error(`a ${RUN_TASK} job names several profiles: ${[...profiles].join(", ")}`);
  const triggers = new Set(payload.flatMap((job) => job.trigger.split("+")));
  return {
    profileId: head.profileId,
    sides: sortedSides(payload.flatMap((job) => job.sides)),
    trigger: [...triggers].join("+"),
    confirmed: payload.some((job) => job.confirmed),
    since: Math.min(head.since, ...rest.map((job) => job.since)),
  };
}
