import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { baseRoutes, job, profile } from "../profiles/profiles-fixture";

/** Stands in for the browser's EventSource: the test sends the service's events. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  private readonly listeners = new Map<string, Array<(message: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {}
  send(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? [])
      listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

const run = (id: string, startedAt: string, created: number) => ({
  id,
  profile: { id: "p1", name: "Person 00001", sync: "s1", syncName: "contoso-fabrikam" },
  trigger: "notification",
  startedAt,
  finishedAt: startedAt.replace(":00.000Z", ":01.000Z"),
  outcome: "ok",
  counts: { created, updated: 0, deleted: 0, skipped: 0, linked: 0, tombstoned: 0 },
  error: null,
});

const decision = (id: string, subject: string, at: string) => ({
  id,
  runId: "r2",
  profile: { id: "p1", name: "Person 00001", sync: "s1", syncName: "contoso-fabrikam" },
  seq: 0,
  at,
  side: "A",
  sourceId: `event-${id}`,
  copyId: `copy-${id}`,
  action: "create",
  reason: "new original",
  subjectHint: subject,
});

describe("a profile's page", () => {
  it("shows a run and its copy as soon as the run finishes, without a reload", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    let runs = [run("r1", "2025-03-01T09:00:00.000Z", 0)];
    let decisions: unknown[] = [];
    fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles/p1": [200, profile(1)],
      "GET /api/runs": () => [200, { runs, nextCursor: null }],
      "GET /api/decisions": () => [200, { decisions, nextCursor: null }],
    });
    renderApp("/profiles/p1");

    await screen.findByRole("heading", { level: 1, name: "Person 00001" });
    expect(screen.getByText("person00001@contoso.com")).toBeTruthy();
    expect(screen.getByText("person00001@fabrikam.com")).toBeTruthy();
    await screen.findByText("no changes");
    await screen.findByText("No decisions yet.");

    runs = [run("r2", "2025-03-01T09:05:00.000Z", 1), ...runs];
    decisions = [decision("d1", "Planning (room 4)", "2025-03-01T09:05:00.500Z")];
    act(() =>
      FakeEventSource.last!.send("run", {
        id: "r2",
        profileId: "p1",
        outcome: "ok",
        finishedAt: "2025-03-01T09:05:01.000Z",
      }),
    );
    await screen.findByText("1 created", {}, { timeout: 2_000 });
    const row = (
      await screen.findByRole("rowheader", { name: /Planning \(room 4\)/ }, { timeout: 2_000 })
    ).closest("tr")!;
    expect(within(row).getByText("Copied")).toBeTruthy();
  });

  it("finds a meeting by subject and says why it was (not) synced", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles/p1": [200, profile(1)],
      "GET /api/runs": [200, { runs: [], nextCursor: null }],
      "GET /api/decisions": [200, { decisions: [], nextCursor: null }],
      "GET /api/syncs/s1/events": [
        200,
        {
          side: "B",
          mailbox: "person00001@fabrikam.com",
          since: "2025-02-15T00:00:00.000Z",
          until: "2025-06-01T00:00:00.000Z",
          events: [
            {
              id: "AAMk=1",
              subject: "Budget review",
              start: { dateTime: "2025-03-04T12:30:00.0000000", timeZone: "UTC" },
              end: { dateTime: "2025-03-04T13:30:00.0000000", timeZone: "UTC" },
              isAllDay: false,
              sensitivity: "normal",
              showAs: "busy",
              organizer: null,
              attendees: 2,
              isRecurring: false,
              kind: "single",
              isCancelled: false,
              isCopy: false,
            },
          ],
        },
      ],
      "GET /api/events/AAMk%3D1/why": [
        200,
        {
          eventId: "AAMk=1",
          profile: { id: "p1", name: "Person 00001", sync: "s1", syncName: "contoso-fabrikam" },
          role: "original",
          explanation: "skipped: rule 'private subjects' (2025-03-01 09:00 UTC)",
          link: null,
          tombstone: null,
          decisions: [],
          nextCursor: null,
        },
      ],
    });
    const { user } = renderApp("/profiles/p1");
    await screen.findByRole("heading", { level: 1, name: "Person 00001" });

    await user.click(screen.getByRole("radio", { name: "B: person00001@fabrikam.com" }));
    await user.type(screen.getByLabelText("Subject contains"), "budget");
    await user.click(screen.getByRole("button", { name: "Find meetings" }));
    await user.click(await screen.findByRole("button", { name: "Why: Budget review" }));

    const answer = await screen.findByRole("region", { name: "Why: Budget review" });
    await within(answer).findByText("skipped: rule 'private subjects' (2025-03-01 09:00 UTC)");
    const events = requests.find((request) => request.path.startsWith("/api/syncs/s1/events"))!;
    expect(new URL(events.path, "http://x").searchParams.toString()).toBe(
      "profile=p1&limit=50&side=B&search=budget",
    );
    expect(requests.some((request) => request.path === "/api/events/AAMk%3D1/why?profile=p1&limit=20")).toBe(
      true,
    );
  });

  it("offers the actions its status allows, with the same dialogs, as a job for this one profile", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles/p1": [
        200,
        profile(1, {
          status: "draft",
          startMode: "merge",
          counts: { copiesAToB: 0, copiesBToA: 0, linked: 0, lastRun: null },
        }),
      ],
      "GET /api/runs": [200, { runs: [], nextCursor: null }],
      "GET /api/decisions": [200, { decisions: [], nextCursor: null }],
      "POST /api/profiles/actions": [202, job({ action: "start", total: 1 })],
      "GET /api/jobs/j1": [200, job({ action: "start", total: 1, done: 1, status: "done" })],
    });
    const { user } = renderApp("/profiles/p1");
    const actions = await screen.findByRole("group", { name: "Actions on Person 00001" });
    expect(
      within(actions)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual(["Start", "Clean up", "Remove"]);
    await user.click(within(actions).getByRole("button", { name: "Start" }));
    const dialog = await screen.findByRole("dialog", { name: "Start syncing “Person 00001”" });
    // The profile's own start mode comes first.
    expect(
      within(dialog).getByRole<HTMLInputElement>("radio", { name: /Merge existing meetings two-way/ })
        .checked,
    ).toBe(true);
    await user.click(within(dialog).getByRole("button", { name: "Start syncing" }));
    await screen.findByRole("region", { name: "Start “Person 00001”" });
    await screen.findByText("Finished: 1 started.");
    await waitFor(() =>
      expect(requests.find((request) => request.path === "/api/profiles/actions")?.body).toEqual({
        action: "start",
        ids: ["p1"],
        background: true,
        mode: "merge",
      }),
    );
  });

  it("says so when the profile does not exist", async () => {
    fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles/gone": [
        404,
        { error: { code: "profile_not_found", message: "no profile with id gone" } },
      ],
    });
    renderApp("/profiles/gone");
    await screen.findByRole("heading", { level: 1, name: "Profile not found" });
  });
});
