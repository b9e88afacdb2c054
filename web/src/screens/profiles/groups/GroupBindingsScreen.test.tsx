import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../../test/fake-api";
import { renderApp } from "../../../test/render";
import { baseRoutes } from "../profiles-fixture";

const GROUPS = {
  A: [
    { id: "ga1", displayName: "Cross-tenant staff" },
    { id: "ga2", displayName: "Staff council" },
  ],
  B: [{ id: "gb1", displayName: "Staff (Fabrikam)" }],
};

const PREVIEW = {
  groupA: { id: "ga1", name: "Cross-tenant staff", members: 3 },
  groupB: { id: "gb1", name: "Staff (Fabrikam)", members: 3 },
  alreadyBound: null,
  pairs: [
    {
      name: "Adele Vance",
      mailboxA: "adele@contoso.com",
      mailboxB: "adele@fabrikam.com",
      outcome: "create",
      reason: null,
    },
    {
      name: "Megan Bowen",
      mailboxA: "megan@contoso.com",
      mailboxB: "megan@fabrikam.com",
      outcome: "skip",
      reason: "already a profile of this sync (source: import)",
    },
  ],
  unmatchedA: [
    {
      name: "Lee Gu",
      address: "lee@contoso.com",
      reason: "no member of group B with the same mail local part",
    },
  ],
  unmatchedB: [
    {
      name: "Nestor Wilke",
      address: "nestor@fabrikam.com",
      reason: "no member of group A with the same mail local part",
    },
  ],
  ambiguous: [],
};

const REPORT = {
  refreshedAt: "2025-03-01T09:00:00.000Z",
  groupA: PREVIEW.groupA,
  groupB: PREVIEW.groupB,
  matched: 2,
  created: [{ id: "p1", name: "Adele Vance", mailboxA: "adele@contoso.com", mailboxB: "adele@fabrikam.com" }],
  started: [],
  paused: [],
  resumed: [],
  left: [],
  skipped: [],
  refused: [],
  unmatchedA: PREVIEW.unmatchedA,
  unmatchedB: PREVIEW.unmatchedB,
  ambiguous: [],
  error: null,
};

describe("group bindings", () => {
  it("finds a group in each tenant, previews matches and unmatched members, then saves what was previewed", async () => {
    let bindings: unknown[] = [];
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/syncs/s1/group-bindings": () => [200, { bindings }],
      "GET /api/syncs/s1/groups": (request: FakeRequest) => {
        const query = new URL(request.path, "http://x").searchParams;
        const side = query.get("side") as "A" | "B";
        const word = query.get("search")!.toLowerCase();
        return [
          200,
          { groups: GROUPS[side].filter((group) => group.displayName.toLowerCase().includes(word)) },
        ];
      },
      "POST /api/syncs/s1/group-bindings/preview": [200, PREVIEW],
      "POST /api/syncs/s1/group-bindings": (request: FakeRequest) => {
        const binding = {
          id: "b1",
          syncId: "s1",
          groupA: "ga1",
          groupB: "gb1",
          matchBy: "local-part",
          matchAttribute: null,
          refreshMinutes: 60,
          autoStart: (request.body as { autoStart: string | null }).autoStart,
          lastRefreshedAt: REPORT.refreshedAt,
          lastReport: REPORT,
          createdAt: REPORT.refreshedAt,
          updatedAt: REPORT.refreshedAt,
        };
        bindings = [binding];
        return [201, binding];
      },
    });
    const { user } = renderApp("/profiles/groups");
    await screen.findByRole("heading", { level: 1, name: "Group bindings" });
    await screen.findByText("No group is bound to this sync yet.");

    await user.type(screen.getByLabelText(/^Find the group in A/), "staff");
    await user.click(await screen.findByRole("radio", { name: /Cross-tenant staff/ }));
    await user.type(screen.getByLabelText(/^Find the group in B/), "staff");
    await user.click(await screen.findByRole("radio", { name: /Staff \(Fabrikam\)/ }));
    expect(screen.getByRole("button", { name: "Save binding" }).hasAttribute("disabled")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Preview" }));
    await screen.findByText(/2 matched, 1 would get a profile, 2 unmatched/);
    expect(screen.getByText("already a profile of this sync (source: import)")).toBeTruthy();
    await user.click(screen.getByRole("tab", { name: "Unmatched (2)" }));
    expect(await screen.findByText("lee@contoso.com")).toBeTruthy();
    expect(screen.getByText("nestor@fabrikam.com")).toBeTruthy();
    expect(requests.find((request) => request.path === "/api/syncs/s1/group-bindings/preview")?.body).toEqual(
      {
        groupA: "ga1",
        groupB: "gb1",
        matchBy: "local-part",
      },
    );

    // Another rule is another preview: saving waits for it.
    await user.click(screen.getByRole("radio", { name: /Same display name/ }));
    expect(screen.getByRole("button", { name: "Save binding" }).hasAttribute("disabled")).toBe(true);
    await user.click(screen.getByRole("radio", { name: /Same address before the @/ }));
    await user.selectOptions(screen.getByLabelText("New profiles"), "merge");
    await user.click(screen.getByRole("button", { name: "Save binding" }));

    await screen.findByText("Bound: 1 profile added (drafts: start them on the Profiles screen).");
    await waitFor(() =>
      expect(
        requests.find(
          (request) => request.path === "/api/syncs/s1/group-bindings" && request.method === "POST",
        )?.body,
      ).toEqual({
        groupA: "ga1",
        groupB: "gb1",
        matchBy: "local-part",
        refreshMinutes: 60,
        autoStart: "merge",
      }),
    );
    const card = await screen.findByRole("article", { name: "“Cross-tenant staff” and “Staff (Fabrikam)”" });
    expect(within(card).getByText(/2 matched, 1 added/)).toBeTruthy();
  });
});
