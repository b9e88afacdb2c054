import { describe, expect, it } from "vitest";
import { RecentNotifications } from "../../src/notifications/recent-notifications.js";
import type { ChangeNotification, LifecycleNotification } from "../../src/notifications/webhooks.js";

const MINUTE = 60_000;

const change = (
  etag: string | undefined,
  overrides: Partial<ChangeNotification> = {},
): ChangeNotification => ({
  subscriptionId: "sub-1",
  changeType: "updated",
  clientState: "x".repeat(43),
  resourceData: { id: "event-1", ...(etag === undefined ? {} : { "@odata.etag": etag }) },
  ...overrides,
});

const lifecycle = (lifecycleEvent: string): LifecycleNotification => ({
  subscriptionId: "sub-1",
  lifecycleEvent,
  clientState: "x".repeat(43),
});

/** A memory on a clock the test moves. */
function memory(options: { maxKeys?: number } = {}) {
  let now = Date.parse("2025-03-01T09:00:00Z");
  const recent = new RecentNotifications({ now: () => now, ...options });
  const advance = (ms: number) => {
    now += ms;
  };
  return { recent, advance };
}

describe("recent notifications", () => {
  it("takes a change once for ten minutes, then again", () => {
    const { recent, advance } = memory();

    expect(recent.isNew(change('W/"1"'))).toBe(true);
    advance(10 * MINUTE - 1);
    expect(recent.isNew(change('W/"1"'))).toBe(false);
    advance(1);
    expect(recent.isNew(change('W/"1"'))).toBe(true);
  });

  it("tells changes apart by subscription, change type, event and version", () => {
    const { recent } = memory();
    recent.isNew(change('W/"1"'));

    expect(recent.isNew(change('W/"2"'))).toBe(true);
    expect(recent.isNew(change('W/"1"', { changeType: "deleted" }))).toBe(true);
    expect(recent.isNew(change('W/"1"', { subscriptionId: "sub-2" }))).toBe(true);
    expect(recent.isNew(change('W/"1"', { resourceData: { id: "event-2", "@odata.etag": 'W/"1"' } }))).toBe(
      true,
    );
  });

  it("never takes a change without a version for a repeat: it cannot be told from a new change", () => {
    const { recent } = memory();

    expect([recent.isNew(change(undefined)), recent.isNew(change(undefined))]).toEqual([true, true]);
  });

  it("takes a lifecycle event once a minute per subscription", () => {
    const { recent, advance } = memory();

    expect(recent.isNew(lifecycle("missed"))).toBe(true);
    expect(recent.isNew(lifecycle("missed"))).toBe(false);
    expect(recent.isNew(lifecycle("reauthorizationRequired"))).toBe(true);
    advance(MINUTE);
    expect(recent.isNew(lifecycle("missed"))).toBe(true);
  });

  it("remembers at most maxKeys, forgetting the oldest first", () => {
    const { recent } = memory({ maxKeys: 3 });
    for (const etag of ["1", "2", "3", "4"]) recent.isNew(change(etag));

    // "1" was forgotten to make room for "4"; taking it again forgets "2".
    expect(recent.isNew(change("1"))).toBe(true);
    expect([recent.isNew(change("3")), recent.isNew(change("4"))]).toEqual([false, false]);
    expect(recent.isNew(change("2"))).toBe(true);
  });

  it("still forgets each change on time after the clock was set back", () => {
    const { recent, advance } = memory();
    recent.isNew(change("early"));
    advance(-5 * MINUTE);
    recent.isNew(change("late"));

    // "late" expires first now, though it sits behind "early", which has five minutes left.
    advance(10 * MINUTE);
    expect(recent.isNew(change("late"))).toBe(true);
    expect(recent.isNew(change("early"))).toBe(false);
  });
});
