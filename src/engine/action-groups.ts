import type { Action } from "../core/actions.js";
import { otherSide, type Side } from "../core/event.js";

/**
 * The original an action is about (an exception counts as its series), so that actions about one original
 * run in the order the planner gave while actions about different originals run side by side.
 */
export function groupKey(action: Action): string {
  switch (action.type) {
    case "skip":
      return `${action.side}:${action.eventId}`;
    case "create":
      return `${action.sourceSide}:${action.source.id}`;
    case "update":
      return `${action.sourceSide}:${action.instance?.seriesSourceId ?? action.sourceId}`;
    default:
      return `${action.sourceSide}:${action.sourceId}`;
  }
}

/** The mailbox a group's writes go to: the side opposite its original's (a skip writes nothing). */
export function targetOf(group: Action[]): Side {
  return otherSide(groupKey(group[0]!).startsWith("A:") ? "A" : "B");
}

export function groupActions(actions: Action[]): Action[][] {
  const groups = new Map<string, Action[]>();
  for (const action of actions) {
    const key = groupKey(action);
    const group = groups.get(key);
    if (group) group.push(action);
    else groups.set(key, [action]);
  }
  return [...groups.values()];
}
