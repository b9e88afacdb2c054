import type { StoredClients } from "../connections/stored-clients.js";
import { inParallel } from "../core/in-parallel.js";
import { cleanupProfile, ProfileBusyError } from "../engine/cleanup-profile.js";
import { deleteCursor } from "../store/cursors.js";
import { type Store, transaction } from "../store/database.js";
import {
  deleteProfile,
  findProfileById,
  type Profile,
  updateProfileDetails,
  updateProfileStatusFrom,
} from "../store/profiles.js";
import { PROFILE_STATUSES, type ProfileStatus } from "../store/schema.js";
import { findSync, type Sync } from "../store/syncs.js";
import type {
  ProfileAction,
  ProfileActionOptions,
  ProfileActionResult,
  ProfileActions,
  RunRequester,
} from "./service-types.js";

/** Checks both mailboxes of a profile against their tenants and records the outcome on the profile. */
export type VerifyProfile = (profile: Profile, sync: Sync) => Promise<Profile>;

export interface ActionDeps {
  db: Store;
  clients: StoredClients;
  runs: RunRequester;
  /** Brings Graph subscriptions in line with the runnable profiles (after start, pause, remove...). */
  keepSubscriptions(): Promise<void>;
  verify?: VerifyProfile;
  now: () => Date;
}

/** A refusal or failure for one profile, with a stable code the dashboard can show. */
class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (code: string, message: string): never => {
  throw new Refused(code, message);
};

const CLEANUP_CONCURRENCY = 4;

/** What an action did to one profile: its status now (none once removed), and whether it runs next. */
interface Outcome {
  status?: ProfileStatus;
  run: boolean;
  confirmed?: boolean;
}

/** From which statuses each action may be taken. */
const ALLOWED: Record<ProfileAction, readonly ProfileStatus[]> = {
  start: ["draft"],
  pause: ["active", "error", "needs_confirmation"],
  resume: ["paused", "error", "needs_confirmation"],
  // Not from needs_confirmation: a resync must not approve what the guards stopped (resume does, on purpose).
  resync: ["active", "error"],
  cleanup: PROFILE_STATUSES,
  remove: PROFILE_STATUSES,
};

const ADVICE: Partial<Record<ProfileAction, string>> = {
  start: "only a draft is started; a paused profile is resumed",
  resume: "only a paused profile, or one in error or needing confirmation, is resumed",
  resync: "resume the profile first (for one needing confirmation, resume confirms what the guards stopped)",
};

/**
 * The admin's actions on a selection of profiles. Each profile gets its own result (one refusal does not
 * stop the others); status changes are written first, then subscriptions follow once for the whole
 * selection, then the runs are requested. Jobs are hints: a lost request is made good by the reconcile.
 */
export class StoredProfileActions implements ProfileActions {
  constructor(private readonly deps: ActionDeps) {}

  async apply(
    action: ProfileAction,
    profileIds: readonly string[],
    options: ProfileActionOptions,
  ): Promise<ProfileActionResult[]> {
    const results: ProfileActionResult[] = [];
    const toRun: { id: string; confirmed: boolean }[] = [];
    const concurrency = action === "cleanup" || action === "remove" ? CLEANUP_CONCURRENCY : 1;
    await inParallel([...new Set(profileIds)], concurrency, async (id) => {
      try {
        const outcome = await this.one(action, id, options);
        if (outcome.run) toRun.push({ id, confirmed: outcome.confirmed ?? false });
        results.push({ id, ok: true, ...(outcome.status && { status: outcome.status }) });
      } catch (error) {
        results.push(await this.failure(id, error));
      }
    });
    if (results.some((result) => result.ok)) await this.deps.keepSubscriptions();
    for (const confirmed of [false, true]) {
      const ids = toRun.filter((run) => run.confirmed === confirmed).map((run) => run.id);
      if (ids.length > 0) await this.deps.runs.requestRuns(ids, action, undefined, { confirmed });
    }
    const order = new Map(profileIds.map((id, index) => [id, index]));
    return results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  /**
   * One profile's failure as its result. Unexpected errors too (a Graph or store failure), so the profiles
   * done before it still get their subscriptions, runs and audit entry; the message says what happened.
   */
  private async failure(id: string, error: unknown): Promise<ProfileActionResult> {
    const code =
      error instanceof Refused
        ? error.code
        : error instanceof ProfileBusyError
          ? "profile_busy"
          : "internal_error";
    const message = error instanceof Error ? error.message : String(error);
    const status = (await findProfileById(this.deps.db, id).catch(() => undefined))?.status;
    return { id, ok: false, ...(status && { status }), error: { code, message } };
  }

  private async one(action: ProfileAction, id: string, options: ProfileActionOptions): Promise<Outcome> {
    const profile =
      (await findProfileById(this.deps.db, id)) ?? refuse("not_found", `no profile with id ${id}`);
    if (!ALLOWED[action].includes(profile.status)) {
      const advice = ADVICE[action] ? `: ${ADVICE[action]}` : "";
      refuse("wrong_status", `cannot ${action} a profile that is ${profile.status}${advice}`);
    }
    const sync =
      (await findSync(this.deps.db, profile.sync)) ??
      refuse("sync_missing", `the profile's sync ${profile.sync} no longer exists`);
    switch (action) {
      case "start":
        return this.start(profile, sync, options);
      case "pause":
        return this.setStatus(profile, "paused", options.reason ?? `paused by ${options.actor}`);
      case "resume":
        return {
          ...(await this.setStatus(profile, "active", null)),
          run: true,
          confirmed: profile.status === "needs_confirmation",
        };
      case "resync":
        return this.resync(profile);
      case "cleanup":
        return this.cleanup(profile, sync);
      case "remove":
        return this.remove(profile, sync);
    }
  }

  /** Written only if the profile is still in the status this action was allowed from (no lost races). */
  private async setStatus(profile: Profile, status: ProfileStatus, reason: string | null): Promise<Outcome> {
    const from = profile.status;
    if (!(await updateProfileStatusFrom(this.deps.db, profile.id, [from], status, reason, this.deps.now())))
      refuse("wrong_status", `the profile changed meanwhile (it was ${from}); try again`);
    return { status, run: false };
  }

  /** Mailboxes verified (now, if never), then active with the chosen start mode; the first run follows. */
  private async start(profile: Profile, sync: Sync, options: ProfileActionOptions): Promise<Outcome> {
    let checked = profile;
    if (checked.mailboxCheck !== "verified" && this.deps.verify)
      checked = await this.deps.verify(profile, sync);
    if (checked.mailboxCheck !== "verified") {
      const why = checked.mailboxCheckReason ?? "its mailboxes have not been verified";
      refuse("mailbox_unverified", `cannot start: ${why}`);
    }
    const mode = options.mode ?? sync.startMode;
    await transaction(this.deps.db, async (trx) => {
      if (!(await updateProfileStatusFrom(trx, profile.id, ["draft"], "active", null, this.deps.now())))
        refuse("wrong_status", "the profile changed meanwhile (it is no longer a draft)");
      await updateProfileDetails(trx, profile.id, { startMode: mode }, this.deps.now());
    });
    return { status: "active", run: true };
  }

  /** Both mailboxes are listed again from scratch on the next run; links and tombstones stay. */
  private async resync(profile: Profile): Promise<Outcome> {
    await transaction(this.deps.db, async (trx) => {
      if (!(await updateProfileStatusFrom(trx, profile.id, ALLOWED.resync, "active", null, this.deps.now())))
        refuse("wrong_status", "the profile changed meanwhile; try again");
      for (const side of ["A", "B"] as const) await deleteCursor(trx, profile.id, side);
    });
    return { status: "active", run: true };
  }

  private async cleanup(profile: Profile, sync: Sync): Promise<Outcome> {
    try {
      const ports = await this.deps.clients.ports(sync, profile);
      await cleanupProfile(this.deps.db, ports, profile, "resume starts it again", this.deps.now);
    } catch (error) {
      if (error instanceof ProfileBusyError) throw error;
      refuse("cleanup_failed", error instanceof Error ? error.message : String(error));
    }
    return { status: "paused", run: false };
  }

  /** Copies first (a draft never made any), then the profile with its state and history. */
  private async remove(profile: Profile, sync: Sync): Promise<Outcome> {
    if (profile.status !== "draft") await this.cleanup(profile, sync);
    await deleteProfile(this.deps.db, profile.id);
    return { run: false };
  }
}
