import {
  type Action,
  type CalendarEvent,
  type EventContent,
  otherSide,
  type Side,
} from "../../src/core/index.js";
import { originalsToFetch } from "../../src/core/plan-copies.js";
import {
  key,
  type LinkState,
  type PlanInput,
  type PlanPolicy,
  type Suppression,
} from "../../src/core/plan-input.js";

const iCalUId = (action: { iCalUId?: string }) => (action.iCalUId ? { iCalUId: action.iCalUId } : {});

import { meetingsToLookUp, plan } from "../../src/core/planner.js";

/**
 * An in-memory pair of mailboxes and a store, with a minimal executor: enough to run the pure planner
 * round after round the way the engine will, and to check the sync semantics as invariants.
 */
export class Model {
  readonly mailboxes: Record<Side, Map<string, CalendarEvent>> = { A: new Map(), B: new Map() };
  readonly links = new Map<string, LinkState>();
  readonly suppressed = new Map<string, Suppression>();
  /** Ids written by crosscal: everything else must never be touched by the executor. */
  readonly ownedIds = new Set<string>();
  private readonly pending = {
    A: { changed: new Set<string>(), gone: new Set<string>() },
    B: { changed: new Set<string>(), gone: new Set<string>() },
  };
  private counter = 0;

  constructor(
    readonly profileId: string,
    readonly policy: PlanPolicy,
    readonly now: string,
  ) {}

  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter}`;
  }

  /** A person (or Exchange) changed something: the next run will hear of it. */
  put(side: Side, event: CalendarEvent): void {
    this.mailboxes[side].set(event.id, event);
    this.pending[side].changed.add(event.id);
  }

  remove(side: Side, id: string): void {
    this.mailboxes[side].delete(id);
    this.pending[side].gone.add(id);
  }

  /** One run: gather changes, fetch what the planner asks for, plan, execute. Returns the actions. */
  run(policy: Partial<PlanPolicy> = {}): Action[] {
    const input = this.planInput(policy);
    for (const { side, id } of originalsToFetch(input)) {
      const found = this.mailboxes[side].get(id);
      if (found) input.changes[side].changed.push(found);
      else input.changes[side].gone.push(id);
    }
    let actions = plan(input);
    const found = meetingsToLookUp(actions).flatMap(({ side, iCalUId }) =>
      [...this.mailboxes[side].values()]
        .filter((event) => !event.tag && event.iCalUId === iCalUId)
        .map((event) => ({ side, event })),
    );
    if (found.length > 0) {
      for (const { side, event } of found) input.changes[side].changed.push(event);
      actions = plan(input);
    }
    const written = actions.flatMap((action) =>
      action.type === "update" || action.type === "delete" ? [action.copyId] : [],
    );
    if (new Set(written).size !== written.length)
      throw new Error(`one run writes a copy twice: ${written.join(", ")}`);
    for (const action of actions) this.execute(action);
    return actions;
  }

  private planInput(policy: Partial<PlanPolicy>): PlanInput {
    const changes = { A: this.drain("A"), B: this.drain("B") };
    return {
      profileId: this.profileId,
      now: this.now,
      policy: { ...this.policy, ...policy },
      links: [...this.links.values()],
      suppressed: new Map(this.suppressed),
      changes,
    };
  }

  private drain(side: Side) {
    const pending = this.pending[side];
    const changed = [...pending.changed].flatMap((id) => this.mailboxes[side].get(id) ?? []);
    const gone = [...pending.gone].filter((id) => !this.mailboxes[side].has(id));
    pending.changed.clear();
    pending.gone.clear();
    return { changed, gone };
  }

  private write(side: Side, id: string, content: EventContent, tag: CalendarEvent["tag"]): CalendarEvent {
    const copy: CalendarEvent = {
      ...content,
      id,
      version: this.nextId("v"),
      kind: content.recurrence ? "series" : "single",
      isCancelled: false,
      isOrganizer: true,
      attendees: [],
      response: "organizer",
      isOnlineMeeting: false,
      tag,
    };
    this.ownedIds.add(id);
    this.put(side, copy);
    return copy;
  }

  private execute(action: Action): void {
    switch (action.type) {
      case "create": {
        const target = otherSide(action.sourceSide);
        const copy = this.write(target, this.nextId(`${target}c`), action.content, action.tag);
        this.setLink(
          action.sourceSide,
          action.source.id,
          copy.id,
          true,
          action.contentHash,
          copy.version,
          action.source.iCalUId,
        );
        return;
      }
      case "update": {
        const target = otherSide(action.sourceSide);
        if (!this.ownedIds.has(action.copyId))
          throw new Error(`update of ${action.copyId}, which crosscal does not own`);
        const existing = this.mailboxes[target].get(action.copyId)!;
        const copy = this.write(target, action.copyId, action.content, existing.tag);
        const link = this.links.get(key(action.sourceSide, action.sourceId))!;
        this.links.set(key(action.sourceSide, action.sourceId), {
          ...link,
          contentHash: action.contentHash,
          copyVersion: copy.version,
        });
        return;
      }
      case "delete": {
        const target = otherSide(action.sourceSide);
        if (!this.ownedIds.has(action.copyId))
          throw new Error(`delete of ${action.copyId}, which crosscal does not own`);
        if (this.mailboxes[target].has(action.copyId)) this.remove(target, action.copyId);
        if (action.reason !== "orphan-copy") this.links.delete(key(action.sourceSide, action.sourceId));
        return;
      }
      case "link":
        this.setLink(
          action.sourceSide,
          action.sourceId,
          action.targetId,
          action.owned,
          "",
          "",
          action.iCalUId,
        );
        return;
      case "unlink":
        this.links.delete(key(action.sourceSide, action.sourceId));
        return;
      case "tombstone":
        this.links.delete(key(action.sourceSide, action.sourceId));
        this.suppressed.set(key(action.sourceSide, action.sourceId), {
          reason: "tombstoned",
          ...iCalUId(action),
        });
        return;
      case "baseline":
        this.suppressed.set(key(action.sourceSide, action.sourceId), {
          reason: "baseline",
          ...iCalUId(action),
        });
        return;
      case "skip":
        return;
    }
  }

  private setLink(
    sourceSide: Side,
    sourceId: string,
    targetId: string,
    owned: boolean,
    contentHash: string,
    copyVersion: string,
    sourceICalUId?: string,
  ) {
    this.links.set(key(sourceSide, sourceId), {
      sourceSide,
      sourceId,
      targetId,
      owned,
      contentHash,
      copyVersion,
      ...(sourceICalUId ? { sourceICalUId } : {}),
    });
  }
}
