import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import type { Action } from "../../../src/core/actions.js";
import type { Side } from "../../../src/core/event.js";
import { type RunReport, runProfile } from "../../../src/engine/run-profile.js";
import type { SyncSettings } from "../../../src/engine/settings.js";
import { listLinks } from "../../../src/store/links.js";
import { findProfileById } from "../../../src/store/profiles.js";
import { listTombstones } from "../../../src/store/tombstones.js";
import { crashingPorts, type FaultPlan, injectFault, TIMEOUT_LATENCY_MS } from "./faults.js";
import {
  checkMailboxes,
  checkSeriesInstances,
  everythingSignature,
  type Knowledge,
  type Mailboxes,
  originalsSignature,
} from "./invariants.js";
import { instancesOf, type Json, parseTag, personIn, tagValue } from "./mailboxes.js";
import {
  changeBody,
  changedSides,
  daysToNextDstChange,
  type ScenarioPlan,
  type Step,
  seriesBody,
  singleBody,
} from "./steps.js";
import { type ModelWorld, newScenario, type Scenario } from "./world.js";

export const SETTINGS: SyncSettings = {
  direction: "two-way",
  mapping: "full-details",
  pastDays: 30,
  copyReminders: false,
  massDeletionShare: 0.5,
  massDeletionMinimum: 10,
  emptySideGuard: true,
};

const SIDES = ["A", "B"] as const;
const other = (side: Side): Side => (side === "A" ? "B" : "A");
const DAY_MS = 86_400_000;
/** Runs allowed to reach quiescence once faults stop (one to recover, one to settle, one spare). */
const QUIESCENCE_RUNS = 3;

/** What the whole file saw, printed at the end: proof that the faults and outcomes really happened. */
export const tally = {
  scenarios: 0,
  steps: 0,
  runs: 0,
  outcomes: {} as Record<string, number>,
  faults: {} as Record<string, number>,
  crashes: 0,
  confirmations: 0,
  quiescenceRuns: 0,
  /** Runs that read only the mailboxes people changed (the notification-driven path). */
  notifiedRuns: 0,
  /** Person steps that found nothing to act on (no event of the kind picked). */
  idleSteps: 0,
  copiesChecked: 0,
  seriesChecked: 0,
};
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const isCopy = (event: Json) => tagValue(event) !== undefined;

/** One planned action, for the journal. */
function describeAction(action: Action): string {
  const about = "sourceId" in action ? `${action.sourceSide}:${action.sourceId}` : "";
  const target =
    "copyId" in action ? ` -> ${action.copyId}` : "targetId" in action ? ` -> ${action.targetId}` : "";
  const reason = "reason" in action ? ` (${action.reason})` : "";
  return `    ${action.type} ${about}${target}${reason}`;
}
const pickFrom = <T>(items: T[], index: number): T | undefined =>
  items.length > 0 ? items[index % items.length] : undefined;

const WRITES = ["create", "update", "delete", "link", "unlink", "tombstone"];
const writesOf = (report: RunReport) => report.actions.filter((action) => WRITES.includes(action.type));

/**
 * Faults the client's retries absorb: 6 attempts allow 5 failures of one request; at most 4 are injected
 * per side, so one slow answer on a busy machine (a client timeout) cannot turn into a failed run.
 */
function survivable(faults: FaultPlan[]): boolean {
  const failures = { A: 0, B: 0 };
  for (const fault of faults) {
    if (fault.kind === "transient") failures[fault.side] += fault.count;
    else if (fault.kind === "timeout") failures[fault.side] += 1;
    else if (fault.kind !== "expire") return false;
  }
  return failures.A <= 4 && failures.B <= 4;
}

/** One generated scenario played against the emulator: steps, runs with faults, quiescence, invariants. */
export class Player {
  private readonly knowledge: Knowledge = {
    mayBeSuppressed: new Set(),
    beforeBaseline: new Set(),
    now: Date.now(),
  };
  /** What happened, for the failure message (fast-check prints the plan; this adds the outcomes). */
  readonly journal: string[] = [];
  /** Mailboxes people changed since the last successful run: what notifications would have named. */
  private readonly dirty = new Set<Side>(["A", "B"]);

  private constructor(
    private readonly world: ModelWorld,
    private readonly scenario: Scenario,
  ) {}

  static async play(world: ModelWorld, plan: ScenarioPlan): Promise<void> {
    const player = new Player(world, await newScenario(world, plan.startMode));
    tally.scenarios++;
    try {
      for (const step of [...plan.setup, ...plan.steps]) await player.step(step);
      await player.settle();
    } catch (error) {
      const journal = player.journal.map((line) => `  ${line}`).join("\n");
      (error as Error).message = `${(error as Error).message}\nscenario journal:\n${journal}`;
      throw error;
    }
  }

  private person(side: Side) {
    return personIn(this.world.emulator, this.scenario.mailbox[side]);
  }

  private get colleague() {
    return personIn(this.world.emulator, this.scenario.colleague);
  }

  async mailboxes(): Promise<Mailboxes> {
    const [a, b] = await Promise.all([this.person("A").list(), this.person("B").list()]);
    return { events: { A: a, B: b } };
  }

  private async step(step: Step): Promise<void> {
    tally.steps++;
    if (step.kind === "run") {
      await this.run(step.faults, step.notified ?? false);
      return;
    }
    for (const side of changedSides(step)) this.dirty.add(side);
    const done = await this.personStep(step);
    if (!done) tally.idleSteps++;
    this.journal.push(`${step.kind}: ${done ?? "nothing to do"}`);
  }

  /** Occurrences of a series through Graph (a person clicking on one in Outlook). */
  private async occurrences(upn: string, side: Side, seriesId: string) {
    const now = Date.now();
    const window = {
      start: new Date(now - 60 * DAY_MS).toISOString(),
      end: new Date(now + 400 * DAY_MS).toISOString(),
    };
    const token = await this.world.observerToken(side);
    const found = await instancesOf(this.world.emulator, token, upn, seriesId, window);
    return found.sort((x, y) => String(x.originalStart).localeCompare(String(y.originalStart)));
  }

  /** A person's deletion of `event` in `side`: its copy's or twin's original may now be tombstoned. */
  private async noteDeletion(side: Side, event: Json) {
    if (isCopy(event)) {
      const tag = parseTag(tagValue(event)!);
      this.knowledge.mayBeSuppressed.add(`${tag.sourceSide}:${tag.sourceId}`);
      return;
    }
    const others = (await this.mailboxes()).events[other(side)];
    for (const candidate of others) {
      if (isCopy(candidate)) continue;
      const twin =
        candidate.subject === event.subject &&
        candidate.start.dateTime === event.start.dateTime &&
        candidate.end.dateTime === event.end.dateTime;
      if (candidate.iCalUId === event.iCalUId || twin)
        this.knowledge.mayBeSuppressed.add(`${other(side)}:${candidate.id}`);
    }
  }

  private async personStep(step: Exclude<Step, { kind: "run" }>): Promise<string | undefined> {
    const { mailbox, colleague } = this.scenario;
    switch (step.kind) {
      case "create": {
        const made = await this.person(step.side).create(singleBody(step, `guest@external.test`));
        return `${step.side}:${made.id} "${step.subject}" day ${step.day}${step.allDay ? " all-day" : ` ${step.hour}h`}`;
      }
      case "createSeries": {
        const day = step.dst ? daysToNextDstChange() - 14 : step.day;
        const made = await this.person(step.side).create(
          seriesBody(step.subject, day, step.hour, step.count),
        );
        return `${step.side}:${made.id} weekly "${step.subject}" x${step.count} from day ${day}`;
      }
      case "invite": {
        const to = step.to === "both" ? [mailbox.A, mailbox.B] : [mailbox[step.to]];
        const attendees = to.map((address) => ({ type: "required", emailAddress: { address } }));
        const body = step.series
          ? seriesBody(step.subject, step.day, step.hour, 3)
          : singleBody({
              kind: "create",
              side: "A",
              subject: step.subject,
              day: step.day,
              hour: step.hour,
              allDay: false,
              sensitivity: "normal",
              showAs: "busy",
              guest: false,
            });
        const made = await this.colleague.create({ ...body, attendees });
        return `${colleague} invites ${to.join(", ")} to ${made.id} "${step.subject}"`;
      }
      case "colleagueUpdate":
      case "colleagueCancel": {
        const meeting = pickFrom(await this.colleague.list(), step.pick);
        if (!meeting) return undefined;
        if (step.kind === "colleagueCancel") {
          await this.colleague.act(meeting.id, "cancel");
          return `${colleague} cancels ${meeting.id}`;
        }
        await this.colleague.update(meeting.id, changeBody(step.change, meeting));
        return `${colleague} changes ${step.change.field} of ${meeting.id}`;
      }
      default:
        return this.ownStep(step);
    }
  }

  private async ownStep(
    step: Exclude<
      Step,
      { kind: "run" | "create" | "createSeries" | "invite" | "colleagueUpdate" | "colleagueCancel" }
    >,
  ): Promise<string | undefined> {
    const events = await this.person(step.side).list();
    const mine = events.filter((e) => !isCopy(e) && e.isOrganizer);
    const copies = events.filter(isCopy);
    const where = (event: Json) => `${step.side}:${event.id} "${event.subject}"`;
    switch (step.kind) {
      case "update": {
        const target = pickFrom(mine, step.pick);
        if (!target) return undefined;
        await this.person(step.side).update(target.id, changeBody(step.change, target));
        return `${where(target)} ${step.change.field} changed`;
      }
      case "delete":
      case "cancelMeeting": {
        const target = pickFrom(mine, step.pick);
        if (!target) return undefined;
        await this.noteDeletion(step.side, target);
        if (step.kind === "delete") await this.person(step.side).remove(target.id);
        else await this.person(step.side).act(target.id, "cancel");
        return `${where(target)} ${step.kind === "delete" ? "deleted" : "cancelled"}`;
      }
      case "decline": {
        const target = pickFrom(
          events.filter((e) => !isCopy(e) && !e.isOrganizer),
          step.pick,
        );
        if (!target) return undefined;
        await this.noteDeletion(step.side, target);
        await this.person(step.side).act(target.id, "decline");
        return `${where(target)} declined`;
      }
      case "deleteCopy": {
        const target = pickFrom(copies, step.pick);
        if (!target) return undefined;
        await this.noteDeletion(step.side, target);
        await this.person(step.side).remove(target.id);
        return `copy ${where(target)} deleted by a person`;
      }
      case "editCopy": {
        const target = pickFrom(copies, step.pick);
        if (!target) return undefined;
        await this.person(step.side).update(target.id, changeBody(step.change, target));
        return `copy ${where(target)} ${step.change.field} edited by a person`;
      }
      case "moveOccurrence":
      case "cancelOccurrence":
        return this.occurrenceStep(step);
    }
  }

  private async occurrenceStep(
    step: Extract<Step, { kind: "moveOccurrence" | "cancelOccurrence" }>,
  ): Promise<string | undefined> {
    const upn = step.colleague ? this.scenario.colleague : this.scenario.mailbox[step.side];
    const who = personIn(this.world.emulator, upn);
    const series = (await who.list()).filter((e) => !isCopy(e) && e.isOrganizer && e.type === "seriesMaster");
    const master = pickFrom(series, step.pick);
    if (!master) return undefined;
    const occurrence = pickFrom(
      await this.occurrences(upn, step.colleague ? "A" : step.side, master.id),
      step.occurrence,
    );
    if (!occurrence) return undefined;
    const name = `${upn} ${master.id} occurrence ${occurrence.originalStart}`;
    if (step.kind === "cancelOccurrence") {
      await who.remove(occurrence.id);
      return `${name} cancelled`;
    }
    const shift = (time: { dateTime: string }) => ({
      dateTime: new Date(Date.parse(`${time.dateTime.slice(0, 19)}Z`) + step.shiftHours * 3_600_000)
        .toISOString()
        .slice(0, 19),
      timeZone: "UTC",
    });
    await who.update(occurrence.id, {
      start: shift(occurrence.start),
      end: shift(occurrence.end),
      ...(step.retitle ? { subject: `${master.subject} (moved)` } : {}),
    });
    return `${name} moved by ${step.shiftHours}h`;
  }

  private async profile() {
    return (await findProfileById(this.world.db, this.scenario.profileId))!;
  }

  private async engineRun(
    ports: Scenario["ports"],
    confirmed = false,
    sides?: Side[],
  ): Promise<{ report?: RunReport; error?: Error }> {
    tally.runs++;
    const profile = await this.profile();
    try {
      const report = await runProfile({
        db: this.world.db,
        ports,
        profile,
        settings: SETTINGS,
        confirmed,
        ...(sides && { sides }),
      });
      if (report.outcome === "ok") for (const side of sides ?? SIDES) this.dirty.delete(side);
      else this.notifyUnrecordedWrites();
      return { report };
    } catch (error) {
      this.notifyUnrecordedWrites();
      return { error: error as Error };
    }
  }

  /**
   * A run that did not end well may have written what the store does not hold (a crash before the commit, a
   * timed-out request the server still performed). Graph notifies those writes, and the service takes them as
   * news because the store does not know them at that version, so both mailboxes are run again.
   */
  private notifyUnrecordedWrites() {
    for (const side of SIDES) this.dirty.add(side);
  }

  /** One engine run with faults; checks what must hold after any run, failed or not. */
  private async run(faults: FaultPlan[], notified = false): Promise<RunReport | undefined> {
    const before = await this.mailboxes();
    if (!(await this.profile()).baselineTakenAt) {
      for (const key of Object.keys(originalsSignature(before))) this.knowledge.beforeBaseline.add(key);
    }
    for (const fault of faults) {
      bump(tally.faults, fault.kind);
      await injectFault(this.world.emulator, fault, this.scenario.mailbox, this.world.appIds);
    }
    const crash = faults.find((fault) => fault.kind === "crash");
    const crashing = crash ? crashingPorts(this.scenario.ports, crash.afterWrites) : undefined;
    const sides = notified ? [...this.dirty].sort() : undefined;
    if (notified) tally.notifiedRuns++;
    const result = await this.engineRun(crashing?.ports ?? this.scenario.ports, false, sides);
    this.world.emulator.ctx.traffic.clearFaults();
    // A request the client gave up on is still performed by the emulator, a little later.
    if (faults.some((fault) => fault.kind === "timeout")) await sleep(TIMEOUT_LATENCY_MS + 50);
    if (crashing?.crashed()) tally.crashes++;
    const outcome = result.report?.outcome ?? "threw";
    bump(tally.outcomes, outcome);
    const why = result.report?.reason ?? result.error?.message;
    this.journal.push(
      `run${sides ? ` of [${sides.join(",")}]` : ""} [${faults.map((f) => JSON.stringify(f)).join(", ")}]: ${outcome}${why ? ` (${why.slice(0, 300)})` : ""}`,
      ...(result.report?.actions ?? []).filter((action) => action.type !== "skip").map(describeAction),
    );
    if (survivable(faults))
      expect(outcome, `a run with only survivable faults succeeds: ${why}`).toMatch(
        /^(ok|needs_confirmation)$/,
      );
    if (result.error && faults.length === 0)
      throw new Error(`a run without faults threw: ${result.error.message}`, { cause: result.error });
    await this.checkUntouched(before);
    if (outcome === "needs_confirmation") return this.confirm();
    return result.report;
  }

  /** A guard stopped the run: a person confirms, and the confirmed run must go through. */
  private async confirm(): Promise<RunReport> {
    tally.confirmations++;
    const before = await this.mailboxes();
    const { report, error } = await this.engineRun(this.scenario.ports, true);
    this.journal.push(`confirmed run: ${report?.outcome ?? error?.message}`);
    expect(error, "a confirmed run does not throw").toBeUndefined();
    expect(report!.outcome, `a confirmed run succeeds: ${report!.reason}`).toBe("ok");
    await this.checkUntouched(before);
    return report!;
  }

  /** Nothing crosscal does not own was modified by the run, and crosscal sent no meeting message. */
  private async checkUntouched(before: Mailboxes) {
    const after = await this.mailboxes();
    expect(originalsSignature(after), "originals are modified only by people").toEqual(
      originalsSignature(before),
    );
    const byApp = this.world.emulator.ctx.stats.snapshot().messages.byApp;
    for (const side of SIDES) {
      const sent = byApp[this.world.appIds[side]];
      expect(
        sent ?? { invitations: 0, updates: 0, cancellations: 0 },
        "crosscal sends no meeting messages",
      ).toMatchObject({
        invitations: 0,
        updates: 0,
        cancellations: 0,
      });
    }
  }

  /** Faults stop; runs until one writes nothing; then the semantics hold and a further run is a no-op. */
  private async settle(): Promise<void> {
    let quiet = false;
    // As the service would: runs of the mailboxes people changed until one writes nothing. The semantics
    // must hold then, before any run reads both mailboxes (which a one-sided run must not have needed).
    for (let round = 0; round < QUIESCENCE_RUNS && !quiet; round++) {
      tally.quiescenceRuns++;
      const report = await this.run([], true);
      quiet = report !== undefined && writesOf(report).length === 0 && this.dirty.size === 0;
    }
    expect(quiet, `quiet within ${QUIESCENCE_RUNS} runs without faults`).toBe(true);
    expect((await this.profile()).status, "the profile is active again").toBe("active");
    const mailboxes = await this.mailboxes();
    const [links, tombstones] = await Promise.all([
      listLinks(this.world.db, this.scenario.profileId),
      listTombstones(this.world.db, this.scenario.profileId),
    ]);
    const pairs = checkMailboxes(mailboxes, links, tombstones, this.knowledge, this.scenario.startMode);
    tally.copiesChecked +=
      mailboxes.events.A.filter(isCopy).length + mailboxes.events.B.filter(isCopy).length;
    tally.seriesChecked += pairs.length;
    const now = Date.now();
    await checkSeriesInstances(this.world, this.scenario, pairs, {
      start: new Date(now - 30 * DAY_MS).toISOString(),
      end: new Date(now + 400 * DAY_MS).toISOString(),
    });
    const further = await this.run([]);
    expect(writesOf(further!), "a further run writes nothing").toEqual([]);
    expect(everythingSignature(await this.mailboxes()), "a further run changes no event").toEqual(
      everythingSignature(mailboxes),
    );
  }
}
