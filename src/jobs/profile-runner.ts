import type { StoredClients } from "../connections/stored-clients.js";
import type { Side } from "../core/event.js";
import { type RunReport, runProfile } from "../engine/run-profile.js";
import { settingsOfSync } from "../engine/stored-sync.js";
import type { Store } from "../store/database.js";
import { findProfileById, type Profile, updateStatusAfterRun } from "../store/profiles.js";
import { findSync } from "../store/syncs.js";
import { RUNNABLE } from "../store/watched.js";

/**
 * Service runs hold a profile for two minutes unless renewed (every third of that while they last): after
 * a crash of serve or a worker, its profiles wait that long, not the CLI's ten minutes.
 */
export const DEFAULT_SERVICE_LEASE_MS = 2 * 60_000;

/** What the runner reports, for metrics and logs. Must not throw. */
export interface RunObserver {
  finished(report: RunReport, request: StoredRunRequest): void;
  /** A run that could not even start or record its failure (the store unreachable, a bug). */
  threw(error: unknown, profileId: string): void;
}

export interface RunnerDeps {
  db: Store;
  clients: StoredClients;
  /** This process's name in profile leases (one worker id per process). */
  owner: string;
  now?: () => Date;
  leaseMs?: number;
  observer?: RunObserver;
  /** Aborted when the process shuts down: a run not started yet does not start, one running stops early. */
  stop?: AbortSignal;
}

export interface StoredRunRequest {
  sides?: Side[];
  trigger: string;
  /** A person confirmed what the guards stopped (resume of a profile that needs confirmation). */
  confirmed?: boolean;
  /** When the first change this run answers was notified (epoch ms), for the change-to-copy lag. */
  since?: number;
}

/** Why a requested run did not happen: not a failure, the profile is simply not to be synced now. */
export type NotRun = { skipped: string };

/** Why a run did not start: its process is shutting down. */
export const STOPPING = "the process is stopping";

/** A run that answers a change notification: its lag is measured (as `crosscal_change_lag_seconds` is). */
const mirrorsNotification = (request: StoredRunRequest): request is StoredRunRequest & { since: number } =>
  request.since !== undefined && request.trigger.includes("notification");

const runnable = (profile: Profile, confirmed: boolean) =>
  (RUNNABLE as readonly string[]).includes(profile.status) ||
  (confirmed && profile.status === "needs_confirmation");

/**
 * One run of a stored profile: its sync's settings and connections from the store, its mailboxes through
 * the connections' Graph clients. A profile that is paused, a draft, or waiting for confirmation is not
 * run (requests for it are hints that arrived late). A sync or connection that disappeared marks the
 * profile in error with the reason, as a failed run would.
 */
export async function runStoredProfile(
  deps: RunnerDeps,
  profileId: string,
  request: StoredRunRequest,
): Promise<RunReport | NotRun> {
  const now = deps.now ?? (() => new Date());
  if (deps.stop?.aborted) return { skipped: STOPPING };
  const profile = await findProfileById(deps.db, profileId);
  if (!profile) return { skipped: "no such profile" };
  if (!runnable(profile, request.confirmed ?? false)) return { skipped: `profile is ${profile.status}` };
  const sync = await findSync(deps.db, profile.sync);
  if (!sync) {
    const reason = `its sync ${profile.sync} no longer exists`;
    await updateStatusAfterRun(deps.db, profile.id, "error", reason, now());
    return { skipped: reason };
  }
  let ports: Awaited<ReturnType<StoredClients["ports"]>>;
  try {
    ports = await deps.clients.ports(sync, profile);
  } catch (error) {
    // A deleted connection, or a sealed secret this deployment's key cannot open: the profile says why.
    const reason = `its connections cannot be used: ${error instanceof Error ? error.message : error}`;
    await updateStatusAfterRun(deps.db, profile.id, "error", reason, now());
    deps.observer?.threw(error, profileId);
    return { skipped: reason };
  }
  try {
    const report = await runProfile({
      db: deps.db,
      ports,
      profile,
      settings: settingsOfSync(sync),
      now,
      owner: deps.owner,
      trigger: request.trigger,
      ...(request.confirmed && { confirmed: true }),
      ...(request.sides && { sides: request.sides }),
      ...(deps.leaseMs !== undefined && { leaseMs: deps.leaseMs }),
      ...(deps.stop && { stop: deps.stop }),
      ...(mirrorsNotification(request) && { changeSince: request.since }),
    });
    deps.observer?.finished(report, request);
    return report;
  } catch (error) {
    deps.observer?.threw(error, profileId);
    throw error;
  }
}
