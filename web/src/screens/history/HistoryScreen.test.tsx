import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { decision, run } from "./history-fixture";

const query = (request: FakeRequest) => new URL(request.path, "http://x").searchParams;
const listRequests = (requests: FakeRequest[], path: string) =>
  requests.filter((request) => request.path.split("?")[0] === path);

describe("the history", () => {
  it("lists the runs the address's filters select, and exports the same as CSV", async () => {
    const requests = fakeApi({
      ...signedIn,
      "GET /api/runs": [200, { runs: [run("r1")], nextCursor: null }],
    });
    renderApp(
      "/history?sync=contoso-fabrikam&profile=Adele%20Vance&outcome=failed&trigger=notification&since=2025-03-01T00:00:00.000Z&until=2025-03-02T00:00:00.000Z",
    );
    await screen.findByRole("table", { name: "Runs" });
    const [sent] = listRequests(requests, "/api/runs");
    expect(Object.fromEntries(query(sent!))).toEqual({
      sync: "contoso-fabrikam",
      profile: "Adele Vance",
      outcome: "failed",
      trigger: "notification",
      since: "2025-03-01T00:00:00.000Z",
      until: "2025-03-02T00:00:00.000Z",
      limit: "50",
    });
    const csv = screen.getByRole("link", { name: "Export runs as CSV" });
    expect(csv.hasAttribute("download")).toBe(true);
    expect(csv.getAttribute("href")).toBe(
      "/api/runs.csv?sync=contoso-fabrikam&profile=Adele%20Vance&outcome=failed&trigger=notification&since=2025-03-01T00%3A00%3A00.000Z&until=2025-03-02T00%3A00%3A00.000Z",
    );
    // The form shows the filters it was opened with.
    expect(screen.getByLabelText<HTMLInputElement>(/^Sync/).value).toBe("contoso-fabrikam");
    expect(screen.getByLabelText<HTMLSelectElement>(/^Outcome/).value).toBe("failed");
  });

  it("puts the filters typed in the address, the query and the CSV link", async () => {
    const requests = fakeApi({
      ...signedIn,
      "GET /api/runs": [200, { runs: [run("r1")], nextCursor: null }],
      "GET /api/decisions": [200, { decisions: [decision("d1")], nextCursor: null }],
    });
    const { user, location } = renderApp("/history");
    await screen.findByRole("table", { name: "Runs" });
    await user.type(screen.getByLabelText(/^Profile/), "Adele Vance");
    await user.selectOptions(screen.getByLabelText(/^Outcome/), "needs_confirmation");
    fireEvent.change(screen.getByLabelText(/^Since/), { target: { value: "2025-03-01T10:00" } });
    await user.click(screen.getByRole("button", { name: "Apply filters" }));

    const since = new Date("2025-03-01T10:00").toISOString(); // the admin's time, sent in UTC
    await waitFor(() => expect(listRequests(requests, "/api/runs")).toHaveLength(2));
    // The keyboard stays where it was, and the form shows what was applied.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Apply filters" }));
    expect(screen.getByLabelText<HTMLInputElement>(/^Profile/).value).toBe("Adele Vance");
    expect(location()).toBe(
      `/history?profile=Adele%20Vance&outcome=needs_confirmation&since=${encodeURIComponent(since)}`,
    );
    expect(Object.fromEntries(query(listRequests(requests, "/api/runs")[1]!))).toEqual({
      profile: "Adele Vance",
      outcome: "needs_confirmation",
      since,
      limit: "50",
    });
    expect(screen.getByRole("link", { name: "Export runs as CSV" }).getAttribute("href")).toBe(
      `/api/runs.csv?profile=Adele%20Vance&outcome=needs_confirmation&since=${encodeURIComponent(since)}`,
    );

    // The decisions tab keeps the filters both lists take and adds its own: several actions.
    await user.click(screen.getByRole("tab", { name: "Decisions" }));
    await screen.findByRole("table", { name: "Decisions" });
    expect(location()).toBe(
      `/history?view=decisions&profile=Adele%20Vance&since=${encodeURIComponent(since)}`,
    );
    await user.click(screen.getByRole("checkbox", { name: "create" }));
    await user.click(screen.getByRole("checkbox", { name: "skip" }));
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    await waitFor(() => expect(listRequests(requests, "/api/decisions")).toHaveLength(2));
    const sent = query(listRequests(requests, "/api/decisions")[1]!);
    expect(sent.getAll("action")).toEqual(["create", "skip"]);
    expect(sent.get("profile")).toBe("Adele Vance");
    expect(screen.getByRole("link", { name: "Export decisions as CSV" }).getAttribute("href")).toBe(
      `/api/decisions.csv?profile=Adele%20Vance&action=create&action=skip&since=${encodeURIComponent(since)}`,
    );

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(location()).toBe("/history?view=decisions"));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Apply filters" }));
    expect(screen.getByLabelText<HTMLInputElement>(/^Profile/).value).toBe("");
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "skip" }).checked).toBe(false);
    expect(screen.getByRole("link", { name: "Export decisions as CSV" }).getAttribute("href")).toBe(
      "/api/decisions.csv",
    );
  });

  it("loads more by following the cursor, with the same filters, until the last page", async () => {
    const requests = fakeApi({
      ...signedIn,
      "GET /api/runs": (request) => {
        const cursor = query(request).get("cursor");
        if (!cursor)
          return [200, { runs: [run("r1", "Adele Vance"), run("r2", "Alex Wilber")], nextCursor: "c1" }];
        if (cursor === "c1") return [200, { runs: [run("r3", "Megan Bowen")], nextCursor: "c2" }];
        return [200, { runs: [run("r4", "Nestor Wilke")], nextCursor: null }];
      },
    });
    const { user } = renderApp("/history?sync=contoso-fabrikam");
    await screen.findByText("Alex Wilber");
    expect(screen.getByText("2 runs shown.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Load more runs" }));
    await screen.findByText("Megan Bowen");
    await user.click(screen.getByRole("button", { name: "Load more runs" }));
    await screen.findByText("Nestor Wilke");

    const sent = listRequests(requests, "/api/runs").map((request) => query(request));
    expect(sent.map((params) => params.get("cursor"))).toEqual([null, "c1", "c2"]);
    expect(sent.every((params) => params.get("sync") === "contoso-fabrikam")).toBe(true);
    const rows = within(screen.getByRole("table", { name: "Runs" })).getAllByRole("link");
    expect(rows.map((link) => link.textContent)).toEqual([
      "Adele Vance",
      "Alex Wilber",
      "Megan Bowen",
      "Nestor Wilke",
    ]);
    expect(screen.queryByRole("button", { name: "Load more runs" })).toBeNull();
    expect(screen.getByText("4 runs shown, that is all.")).toBe(document.activeElement);
  });

  it("opens a run to its decisions, names and subjects shown as text", async () => {
    const name = "=cmd|' /C calc'!A0";
    const requests = fakeApi({
      ...signedIn,
      "GET /api/runs": [
        200,
        {
          runs: [
            run("r1", name, {
              outcome: "failed",
              error: "reading mailbox B: <b>denied</b>",
              counts: { created: 2, updated: 1, deleted: 0, skipped: 0, linked: 0, tombstoned: 0 },
            }),
          ],
          nextCursor: null,
        },
      ],
      "GET /api/runs/r1": [
        200,
        {
          run: run("r1", name),
          decisions: [
            decision("d1", {
              action: "create",
              reason: "new original",
              subjectHint: "<img src=x onerror=alert(1)>",
            }),
            decision("d2", { seq: 1, action: "skip", reason: "rules: private subjects", subjectHint: null }),
          ],
          nextCursor: null,
        },
      ],
    });
    const { user } = renderApp("/history");
    const table = await screen.findByRole("table", { name: "Runs" });
    expect(within(table).getByRole("link", { name }).getAttribute("href")).toBe("/profiles/p-r1");
    expect(within(table).getByText("reading mailbox B: <b>denied</b>")).toBeTruthy();
    expect(within(table).getByText("2 created, 1 updated")).toBeTruthy();
    expect(within(table).getByText("Failed")).toBeTruthy();

    const show = within(table).getByRole("button", {
      name: new RegExp(`^Show decisions of ${escapeRegExp(name)}`),
    });
    expect(show.getAttribute("aria-expanded")).toBe("false");
    await user.click(show);
    const decisions = await screen.findByRole("table", {
      name: new RegExp(`^Decisions of ${escapeRegExp(name)}'s run`),
    });
    expect(within(decisions).getByText("<img src=x onerror=alert(1)>")).toBeTruthy();
    expect(within(decisions).getByText("rules: private subjects")).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
    expect(show.getAttribute("aria-expanded")).toBe("true");
    expect(document.getElementById(show.getAttribute("aria-controls")!)?.contains(decisions)).toBe(true);
    expect(requests.some((request) => request.path === "/api/runs/r1?limit=100")).toBe(true);
    // An event's id leads to every decision about it.
    const [trace] = within(decisions).getAllByRole("link", { name: /every decision about this event$/ });
    expect(trace!.getAttribute("href")).toBe(
      `/history?view=decisions&profile=p-r1&event=${encodeURIComponent("AAMkAGI2TG93AAAAAAEGAAAD2p3fAAA=")}`,
    );

    await user.click(within(table).getByRole("button", { name: /^Hide decisions/ }));
    expect(screen.queryByRole("table", { name: /^Decisions of/ })).toBeNull();
  });

  it("shows the API's refusal beside the filter it names, and nothing to export", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/runs": [
        400,
        {
          error: {
            code: "invalid_request",
            message: 'querystring/since must match format "date-time"',
            field: "querystring/since",
          },
        },
      ],
    });
    renderApp("/history?since=yesterday");
    await screen.findByText('Must match format "date-time"');
    expect(screen.getByLabelText(/^Since/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByRole("link", { name: "Export runs as CSV" })).toBeNull();
    expect(screen.getByRole("button", { name: "Export runs as CSV" }).hasAttribute("disabled")).toBe(true);
  });

  it("keeps an unknown action of a shared link as a box to untick, the refusal beside the actions", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/decisions": [
        400,
        {
          error: {
            code: "invalid_request",
            message: "querystring/action/1 must be equal to one of the allowed values",
            field: "querystring/action/1",
          },
        },
      ],
    });
    renderApp("/history?view=decisions&action=create&action=explode");
    await screen.findByText("Must be equal to one of the allowed values");
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "explode" }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "create" }).checked).toBe(true);
  });

  it("puts the keyboard on the refused filter after applying", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/runs": (request) =>
        query(request).get("until")
          ? [
              400,
              {
                error: {
                  code: "invalid_request",
                  message: "since must be before until",
                  field: "querystring/until",
                },
              },
            ]
          : [200, { runs: [run("r1")], nextCursor: null }],
    });
    const { user } = renderApp("/history?since=2025-03-02T00:00:00.000Z");
    await screen.findByRole("table", { name: "Runs" });
    fireEvent.change(screen.getByLabelText(/^Until/), { target: { value: "2025-03-01T00:00" } });
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    const until = screen.getByLabelText(/^Until/);
    await waitFor(() => expect(document.activeElement).toBe(until));
    expect(until.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Since must be before until")).toBeTruthy();
  });

  it("folds the filters away on a phone, behind a button that says how many are set", async () => {
    const phone = (query: string) =>
      ({
        matches: query.includes("max-width"),
        media: query,
        addEventListener() {},
        removeEventListener() {},
      }) as unknown as MediaQueryList;
    vi.stubGlobal("matchMedia", phone);
    fakeApi({ ...signedIn, "GET /api/runs": [200, { runs: [run("r1")], nextCursor: null }] });
    const { user } = renderApp("/history?sync=contoso-fabrikam&outcome=ok");
    const toggle = await screen.findByRole("button", { name: "Show filters (2 set)" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("textbox", { name: /^Sync/ })).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: /^Sync/ }).value).toBe("contoso-fabrikam");
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
