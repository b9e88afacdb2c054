import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { EMPTY_OVERVIEW, OVERVIEW, RUNNING_JOB } from "./overview-fixture";

const region = (name: string) => screen.getByRole("region", { name });

/** Stands in for the browser's EventSource: the test sends the service's events. */
class FakeEventSource {
  static current: FakeEventSource | undefined;
  private readonly listeners = new Map<string, ((message: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.current = this;
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

describe("the overview", () => {
  it("shows every section of the answer", async () => {
    const requests = fakeApi({
      ...signedIn,
      "GET /api/overview": [200, OVERVIEW],
      "GET /api/jobs": [200, { jobs: [RUNNING_JOB] }],
    });
    renderApp("/");
    await screen.findByRole("region", { name: "Profiles" });

    // Profiles per status, each a link to the Profiles screen filtered by it.
    const profiles = region("Profiles");
    const cards = [
      ["Active 1,210 profiles", "/profiles?status=active"],
      ["Paused 30 profiles", "/profiles?status=paused"],
      ["Needs confirmation 2 profiles", "/profiles?status=needs_confirmation"],
      ["Error 5 profiles", "/profiles?status=error"],
    ];
    for (const [name, href] of cards)
      expect(within(profiles).getByRole("link", { name }).getAttribute("href")).toBe(href);
    expect(within(profiles).getByRole("link", { name: "3 drafts" }).getAttribute("href")).toBe(
      "/profiles?status=draft",
    );
    expect(profiles.textContent).toContain("1,250 profiles in all");

    // The latest reasons of each waiting status; names are text, whatever they hold.
    const waiting = region("Waiting for you");
    const errors = within(waiting).getByRole("table", { name: "In error: the latest" });
    const megan = within(errors).getByRole("link", { name: "Megan Bowen" });
    expect(megan.getAttribute("href")).toBe("/profiles/77b1");
    expect(within(errors).getByText("contoso-fabrikam")).toBeTruthy();
    expect(within(errors).getByText("reading mailbox B (megan@fabrikam.com): access denied")).toBeTruthy();
    expect(errors.querySelector("time")?.dateTime).toBe("2025-03-01T08:51:12.004Z");
    const confirm = within(waiting).getByRole("table", { name: "Needs confirmation: the latest" });
    expect(within(confirm).getByRole("link", { name: "=cmd|' /C calc'!A0" })).toBeTruthy();
    expect(within(confirm).getByText("9e1c")).toBeTruthy(); // a sync without a name: its id
    expect(within(waiting).queryByRole("table", { name: "Paused: the latest" })).toBeNull();
    expect(within(waiting).getByRole("link", { name: "All profiles in error" }).getAttribute("href")).toBe(
      "/profiles?status=error",
    );

    // Change lag.
    const lag = region("Change lag");
    expect(within(lag).getByText("640 ms")).toBeTruthy();
    expect(within(lag).getByText("2.95 s")).toBeTruthy();
    expect(lag.textContent).toContain("over 412 runs in the last hour");

    // Connections: status, Graph requests and 429s.
    const connections = within(region("Connections")).getByRole("table");
    const contoso = within(connections).getByRole("rowheader", { name: "contoso" }).closest("tr")!;
    expect([...contoso.querySelectorAll("td")].map((cell) => cell.textContent)).toEqual([
      "Connected",
      "5,120",
      "3",
      expect.any(String),
    ]);
    const fabrikam = within(connections).getByRole("rowheader", { name: "fabrikam" }).closest("tr")!;
    expect(fabrikam.textContent).toContain("No admin consent");
    expect(fabrikam.textContent).toContain("no admin consent yet for the app in fabrikam.com");
    expect(fabrikam.textContent).toContain("never");

    // Subscription health.
    const health = region("Subscription health");
    const values = Object.fromEntries(
      [...health.querySelectorAll("dt")].map((term) => [
        term.textContent,
        term.nextElementSibling?.textContent,
      ]),
    );
    expect(values).toEqual({
      "Watched mailboxes": "2,420",
      Subscriptions: "2,408",
      "Expiring within a day": "12",
      Missing: "12",
    });
    expect(health.querySelector("time")?.dateTime).toBe("2025-03-01T08:59:58.120Z");

    // Running jobs with their progress.
    const jobs = region("Background jobs");
    const bar = await within(jobs).findByRole("progressbar", { name: "Pause profiles" });
    expect(bar.getAttribute("aria-valuenow")).toBe("6");
    expect(jobs.textContent).toContain("75 of 1,240 profiles, 1 failed");
    expect(jobs.textContent).toContain("Reason: tenant migration");
    expect(requests.map((request) => request.path)).toContain("/api/jobs?status=running&limit=50");
  });

  it("says plainly when no run answered a change notification, and when no job runs", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/overview": [200, { ...OVERVIEW, changeLag: { runs: 0, p50Ms: null, p99Ms: null } }],
      "GET /api/jobs": [200, { jobs: [] }],
    });
    renderApp("/");
    const lag = await screen.findByRole("region", { name: "Change lag" });
    expect(lag.textContent).toContain("No run answered a change notification in the last hour");
    expect(within(lag).queryByText(/ms$/)).toBeNull();
    await within(region("Background jobs")).findByText("No background job is running.");
  });

  it("shows the first steps when there is nothing yet", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/overview": [200, EMPTY_OVERVIEW],
      "GET /api/jobs": [200, { jobs: [] }],
    });
    renderApp("/");
    const start = await screen.findByRole("link", { name: "Connect your first tenant" });
    expect(start.getAttribute("href")).toBe("/connections");
    expect(screen.getByRole("heading", { level: 2, name: "Nothing is synced yet" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Change lag" })).toBeNull();
  });

  it("says what to do next when one tenant is connected", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/overview": [200, { ...EMPTY_OVERVIEW, connections: OVERVIEW.connections.slice(0, 1) }],
      "GET /api/jobs": [200, { jobs: [] }],
    });
    renderApp("/");
    const next = await screen.findByRole("link", { name: "connect the second tenant" });
    expect(next.getAttribute("href")).toBe("/connections");
  });

  it("is refreshed by the event stream: runs re-read the overview, jobs move their progress", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    let active = 1210;
    let jobReads = 0;
    fakeApi({
      ...signedIn,
      "GET /api/overview": () => [
        200,
        {
          ...OVERVIEW,
          profiles: { ...OVERVIEW.profiles, byStatus: { ...OVERVIEW.profiles.byStatus, active } },
        },
      ],
      "GET /api/jobs": () => {
        jobReads += 1;
        return [200, { jobs: jobReads === 1 ? [RUNNING_JOB] : [] }];
      },
    });
    renderApp("/");
    await screen.findByRole("link", { name: "Active 1,210 profiles" });
    await screen.findByRole("progressbar", { name: "Pause profiles" });
    const stream = FakeEventSource.current!;
    expect(stream.url).toBe("/api/stream");

    active = 1211;
    act(() =>
      stream.send("run", {
        id: "r9",
        profileId: "4e0d",
        outcome: "ok",
        finishedAt: "2025-03-01T09:00:05.000Z",
      }),
    );
    await screen.findByRole("link", { name: "Active 1,211 profiles" });

    act(() => stream.send("job", { id: "5b0e", status: "running", total: 1240, done: 620, failed: 1 }));
    await waitFor(() =>
      expect(screen.getByRole("progressbar", { name: "Pause profiles" }).getAttribute("aria-valuenow")).toBe(
        "50",
      ),
    );
    expect(jobReads).toBe(1);

    act(() => stream.send("job", { id: "5b0e", status: "done", total: 1240, done: 1240, failed: 1 }));
    await screen.findByText("No background job is running.");
  });
});
