import fc from "fast-check";
import type { RunningEmulator } from "m365-emulator";
import type { CalendarPort } from "../../../src/core/calendar-port.js";
import type { Side } from "../../../src/core/event.js";
import { expireDelta } from "./mailboxes.js";
import { CLIENT_TIMEOUT_MS } from "./world.js";

/** Which of crosscal's requests to one mailbox a fault hits. */
export type Target = "any" | "delta" | "GET" | "POST" | "PATCH" | "DELETE";

/**
 * Something going wrong before one run. `transient` faults are few enough for the client's retries (6
 * attempts) to absorb; `exhaust` ones are not (every matching request fails, or Retry-After is longer than
 * the client will wait), so the run fails; `timeout` holds one request past the client's timeout while
 * the emulator still performs it; `expire` loses the delta tokens; `crash` stops the process right after
 * a successful write, before the store commit.
 */
export type FaultPlan =
  | {
      kind: "transient";
      side: Side;
      target: Target;
      status: 429 | 500 | 503 | 504;
      count: number;
      retryAfter?: 0 | 1;
    }
  | { kind: "exhaust"; side: Side; target: Target; status: 429 | 500 | 503 | 504; longRetryAfter: boolean }
  | { kind: "timeout"; side: Side; target: Target }
  | { kind: "expire"; side: Side | "both"; variant: "syncStateNotFound" | "resync" }
  | { kind: "crash"; afterWrites: number };

const side = fc.constantFrom<Side>("A", "B");
const target = fc.constantFrom<Target>("any", "delta", "GET", "POST", "PATCH", "DELETE");
const status = fc.constantFrom<429 | 500 | 503 | 504>(429, 500, 503, 504);

export const faultPlan: fc.Arbitrary<FaultPlan> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        kind: fc.constant("transient" as const),
        side,
        target,
        status,
        count: fc.integer({ min: 1, max: 5 }),
        retryAfter: fc.constantFrom<0 | 1>(0, 1),
      },
      { requiredKeys: ["kind", "side", "target", "status", "count"] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("exhaust" as const),
      side,
      target,
      status,
      longRetryAfter: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("timeout" as const), side, target }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("expire" as const),
      side: fc.constantFrom<Side | "both">("A", "B", "both"),
      variant: fc.constantFrom("syncStateNotFound" as const, "resync" as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("crash" as const), afterWrites: fc.constantFrom(1, 1, 2, 3) }),
  },
);

/** The latency a timeout fault adds: past the client's timeout, so the client gives up and retries. */
export const TIMEOUT_LATENCY_MS = CLIENT_TIMEOUT_MS + 200;

function selector(target: Target) {
  if (target === "any") return {};
  if (target === "delta") return { path: "calendarView/delta" };
  return { method: target };
}

/** Installs one fault in the emulator, aimed at crosscal's app and the scenario's mailbox only. */
export async function injectFault(
  emulator: RunningEmulator,
  plan: FaultPlan,
  mailbox: Record<Side, string>,
  appIds: Record<Side, string>,
): Promise<void> {
  const traffic = emulator.ctx.traffic;
  switch (plan.kind) {
    case "transient":
      traffic.addFault({
        ...selector(plan.target),
        clientId: appIds[plan.side],
        mailbox: mailbox[plan.side],
        status: plan.status,
        count: plan.count,
        ...(plan.retryAfter === undefined ? {} : { retryAfterSeconds: plan.retryAfter }),
      });
      return;
    case "exhaust":
      traffic.addFault({
        ...selector(plan.target),
        clientId: appIds[plan.side],
        mailbox: mailbox[plan.side],
        // Longer than the client waits in-process (maxRetryAfterMs): the request fails at once.
        ...(plan.longRetryAfter
          ? { status: 429 as const, retryAfterSeconds: 3600, count: 1 }
          : { status: plan.status }),
      });
      return;
    case "timeout":
      traffic.addFault({
        ...selector(plan.target),
        clientId: appIds[plan.side],
        mailbox: mailbox[plan.side],
        latencyMs: TIMEOUT_LATENCY_MS,
        count: 1,
      });
      return;
    case "expire":
      for (const s of plan.side === "both" ? (["A", "B"] as const) : [plan.side])
        await expireDelta(emulator, mailbox[s], plan.variant);
      return;
    case "crash":
      return;
  }
}

/** Thrown by the crashing ports: the process is gone. */
export class SimulatedCrash extends Error {}

/**
 * The ports of a process that dies right after its `afterWrites`-th successful write (create, update or
 * delete), before the store records it. Every call after that fails too: a dead process does nothing more.
 */
export function crashingPorts(ports: Record<Side, CalendarPort>, afterWrites: number) {
  let writes = 0;
  let dead = false;
  const wrap = (port: CalendarPort): CalendarPort => {
    const guard =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>, write: boolean) =>
      async (...args: A): Promise<R> => {
        if (dead) throw new SimulatedCrash("the process crashed earlier in this run");
        const result = await call(...args);
        if (write && ++writes >= afterWrites) {
          dead = true;
          throw new SimulatedCrash(`the process crashed after write ${writes}, before the store commit`);
        }
        return result;
      };
    return {
      changes: guard(port.changes.bind(port), false),
      instances: guard(port.instances.bind(port), false),
      get: guard(port.get.bind(port), false),
      findByICalUId: guard(port.findByICalUId.bind(port), false),
      findCopies: guard(port.findCopies.bind(port), false),
      create: guard(port.create.bind(port), true),
      update: guard(port.update.bind(port), true),
      delete: guard(port.delete.bind(port), true),
    };
  };
  return { ports: { A: wrap(ports.A), B: wrap(ports.B) }, crashed: () => dead };
}
