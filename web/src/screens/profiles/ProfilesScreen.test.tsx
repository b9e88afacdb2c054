import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { baseRoutes, job, profile, profileListRoute } from "./profiles-fixture";

const many = (n: number) => Array.from({ length: n }, (_, index) => profile(index));

describe("the Profiles screen", () => {
  it("shows the first page of 10,000 profiles, the count matching, and only the rows in view", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute(many(10_000)),
    });
    renderApp("/profiles");

    await screen.findByRole("rowheader", { name: /Person 00000/ });
    expect(screen.getByText(/^10,000 matching/)).toBeTruthy();
    const lists = requests.filter((request) => request.path.startsWith("/api/profiles?"));
    expect(lists[0]?.path).toContain("limit=100");
    // Rendered: a screenful and the overscan, never the 100 rows loaded (nor the 10,000).
    const rendered = screen.getAllByRole("row").length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    const table = screen.getByRole("table", { name: "Profiles" });
    expect(table.getAttribute("aria-rowcount")).toBe("10001");
  });

  it("keeps each row's elements while the list refreshes, so a click on a name is never lost", async () => {
    let listing = many(3);
    fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": (request) => profileListRoute(listing)(request),
    });
    const { user, queryClient, location } = renderApp("/profiles");
    const link = await screen.findByRole("link", { name: "Person 00001" });

    // Runs finish while the admin reaches for the name: the list and the syncs' counts come again.
    listing = listing.map((p) => ({ ...p, status: "error" as const }));
    await queryClient.invalidateQueries();
    const table = screen.getByRole("table", { name: "Profiles" });
    await waitFor(() => expect(within(table).getAllByText("Error").length).toBe(3));

    expect(screen.getByRole("link", { name: "Person 00001" })).toBe(link);
    await user.click(link);
    expect(location()).toBe("/profiles/p1");
  });

  it("selects all N matching the filter and sends the filter, never the ids, as a background job", async () => {
    const all = many(300).map((p, index) => (index % 3 === 0 ? { ...p, status: "error" as const } : p));
    let jobReads = 0;
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute(all),
      "POST /api/profiles/actions": [202, job({ total: 100, action: "pause" })],
      "GET /api/jobs/j1": () => {
        jobReads += 1;
        return [
          200,
          jobReads < 2
            ? job({ status: "running", total: 100, done: 25, action: "pause" })
            : job({
                status: "done",
                total: 100,
                done: 100,
                failed: 1,
                action: "pause",
                failures: [
                  { id: "p3", code: "wrong_status", message: "cannot pause: the profile is a draft" },
                ],
              }),
        ];
      },
    });
    const { user } = renderApp("/profiles?status=error");

    await screen.findByText(/^100 matching/);
    await user.click(screen.getByRole("button", { name: "Select all 100 matching" }));
    expect(screen.getByText(/all 100 selected/)).toBeTruthy();
    await user.click(
      within(screen.getByRole("group", { name: "Actions on the selected profiles" })).getByRole("button", {
        name: "Pause",
      }),
    );

    const dialog = await screen.findByRole("dialog", { name: "Pause 100 profiles?" });
    await user.type(within(dialog).getByLabelText(/^Reason/), "tenant migration");
    await user.click(within(dialog).getByRole("button", { name: "Pause" }));

    await waitFor(() =>
      expect(requests.some((request) => request.path === "/api/profiles/actions")).toBe(true),
    );
    const sent = requests.find((request) => request.path === "/api/profiles/actions")!;
    expect(sent.body).toEqual({
      action: "pause",
      filter: { status: "error" },
      background: true,
      reason: "tenant migration",
    });
    expect(sent.headers.get("x-csrf-token")).toBe("csrf-1");

    // One progress panel for the job: done of total, then the outcome and who failed, with why.
    const panel = await screen.findByRole("region", { name: "Pause 100 profiles" });
    await within(panel).findByText("Finished: 99 paused, 1 failed.", {}, { timeout: 5_000 });
    expect(within(panel).getByText(/cannot pause: the profile is a draft/)).toBeTruthy();
    expect(within(panel).getByRole("link", { name: "Person 00003" }).getAttribute("href")).toBe(
      "/profiles/p3",
    );
  });

  it("offers the two ways to start, explained, and sends the one chosen for the rows ticked", async () => {
    const all = many(5).map((p) => ({ ...p, status: "draft" as const }));
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute(all),
      "POST /api/profiles/actions": [202, job({ action: "start", total: 2 })],
      "GET /api/jobs/j1": [200, job({ action: "start", total: 2, status: "running" })],
    });
    const { user } = renderApp("/profiles");

    await user.click(await screen.findByRole("checkbox", { name: "Select Person 00001" }));
    await user.click(screen.getByRole("checkbox", { name: "Select Person 00003" }));
    expect(screen.getByText(/2 selected/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Start" }));

    const dialog = await screen.findByRole("dialog", { name: "Start syncing 2 profiles" });
    const onlyNew = within(dialog).getByRole("radio", { name: /Sync only new meetings/ });
    const merge = within(dialog).getByRole("radio", { name: /Merge existing meetings two-way/ });
    // The sync's start mode comes first; each choice says what it does.
    expect((onlyNew as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByText(/already in the calendars stay as they are/)).toBeTruthy();
    expect(within(dialog).getByText(/from 30 days ago on/)).toBeTruthy();
    await user.click(merge);
    await user.click(within(dialog).getByRole("button", { name: "Start syncing" }));

    await waitFor(() =>
      expect(requests.some((request) => request.path === "/api/profiles/actions")).toBe(true),
    );
    expect(requests.find((request) => request.path === "/api/profiles/actions")!.body).toEqual({
      action: "start",
      ids: ["p1", "p3"],
      background: true,
      mode: "merge",
    });
    await screen.findByRole("region", { name: "Start 2 profiles" });
    // The selection is done with.
    expect(screen.queryByText(/2 selected/)).toBeNull();
  });

  it("asks for the words “clean up” before cleaning up, and for the number before removing", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute(many(40)),
      "POST /api/profiles/actions": [202, job({ action: "remove", total: 40 })],
      "GET /api/jobs/j1": [200, job({ action: "remove", total: 40, status: "running" })],
    });
    const { user } = renderApp("/profiles");
    await user.click(await screen.findByRole("checkbox", { name: "Select every profile shown" }));
    await user.click(screen.getByRole("button", { name: "Clean up" }));
    let dialog = await screen.findByRole("dialog", { name: "Clean up 40 profiles?" });
    const cleanUp = within(dialog).getByRole("button", { name: "Clean up" });
    expect(cleanUp.hasAttribute("disabled")).toBe(true);
    await user.type(within(dialog).getByLabelText("Type “clean up” to confirm"), "clean up");
    expect(cleanUp.hasAttribute("disabled")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());

    await user.click(screen.getByRole("button", { name: "Remove" }));
    dialog = await screen.findByRole("dialog", { name: "Remove 40 profiles?" });
    const remove = within(dialog).getByRole("button", { name: "Remove 40 profiles" });
    await user.type(within(dialog).getByLabelText("Type “40” to confirm"), "4");
    expect(remove.hasAttribute("disabled")).toBe(true);
    await user.type(within(dialog).getByLabelText("Type “40” to confirm"), "0");
    await user.click(remove);
    await waitFor(() =>
      expect(requests.some((request) => request.path === "/api/profiles/actions")).toBe(true),
    );
    const body = requests.find((request) => request.path === "/api/profiles/actions")!.body as {
      ids: string[];
    };
    expect(body).toMatchObject({ action: "remove", background: true });
    expect(body.ids).toHaveLength(40);
  });

  it("filters by status and search through the address, and sorts by a column", async () => {
    const all = many(30).map((p, index) =>
      index === 7 ? { ...p, status: "error" as const, statusReason: "reading mailbox B: 403" } : p,
    );
    const requests = fakeApi({ ...signedIn, ...baseRoutes, "GET /api/profiles": profileListRoute(all) });
    const { user, location } = renderApp("/profiles");
    await screen.findByText(/^30 matching/);

    await user.selectOptions(screen.getByLabelText("Status"), "error");
    await screen.findByText(/^1 matching/);
    expect(location()).toBe("/profiles?status=error");
    // The reason is in the row, and describes the badge for screen readers.
    const reason = screen.getByText("reading mailbox B: 403");
    const badge = document.querySelector(`[aria-describedby="${reason.id}"]`);
    expect(badge?.textContent).toBe("Error");
    expect(badge?.getAttribute("tabindex")).toBe("0");

    await user.click(screen.getByRole("button", { name: /^Name/ }));
    await waitFor(() => expect(location()).toBe("/profiles?status=error&order=desc"));
    const lists = requests.filter((request) => request.path.startsWith("/api/profiles?"));
    expect(lists.at(-1)?.path).toContain("sort=name&order=desc");
    expect(screen.getByRole("columnheader", { name: /^Name/ }).getAttribute("aria-sort")).toBe("descending");
  });
});
