import type { Action } from "../core/actions.js";
import type { Side } from "../core/event.js";
import type { LinkState } from "../core/plan-input.js";
import type { SidePull } from "./pull.js";
import type { SyncSettings } from "./settings.js";

/**
 * Why a run must stop and ask a person first, or undefined. A side that suddenly lists nothing, or a plan
 * deleting an unusual share of the copies, is more likely an outage, a lost permission or a mistake than
 * what the people meant; acting on it would wipe calendars.
 */
export function guardViolation(
  settings: SyncSettings,
  links: LinkState[],
  pulls: Record<Side, SidePull>,
  actions: Action[],
): string | undefined {
  // Every link has an event on each side (an original, a copy, or the same meeting linked as a twin), so
  // a side listing nothing while links exist has lost all of them at once.
  if (settings.emptySideGuard && links.length > 0) {
    for (const side of ["A", "B"] as const) {
      if (pulls[side].full && pulls[side].listed === 0) {
        return `mailbox ${side} suddenly lists no events while ${links.length} are linked`;
      }
    }
  }
  const owned = links.filter((link) => link.owned).length;
  const deletes = actions.filter((action) => action.type === "delete").length;
  if (deletes >= settings.massDeletionMinimum && deletes >= settings.massDeletionShare * owned) {
    return `the run would delete ${deletes} of ${owned} copies`;
  }
  return undefined;
}
