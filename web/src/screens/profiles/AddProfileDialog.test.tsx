import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { baseRoutes, profile, profileListRoute } from "./profiles-fixture";

/** The service's check of one mailbox: "ghost" is not in the tenant, "taken" already syncs with someone. */
function checkRoute(request: FakeRequest): [number, unknown] {
  const { side, mailbox } = request.body as { side: "A" | "B"; mailbox: string };
  const tenant = side === "A" ? "contoso.com" : "fabrikam.com";
  if (mailbox.startsWith("ghost"))
    return [
      200,
      { side, mailbox, status: "not_found", reason: `${mailbox} not found in ${tenant}`, inUse: null },
    ];
  return [
    200,
    {
      side,
      mailbox,
      status: "verified",
      reason: `${mailbox} is a mailbox in ${tenant}, readable by the app`,
      inUse: mailbox.startsWith("taken")
        ? { profileId: "p9", name: "Taken Person", partner: "other@contoso.com" }
        : null,
    },
  ];
}

describe("adding one profile", () => {
  it("checks each mailbox in its tenant as it is typed, then adds the profile", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute([]),
      "POST /api/syncs/s1/mailboxes/check": checkRoute,
      "POST /api/syncs/s1/profiles": (request) => [
        201,
        profile(1, { ...(request.body as object), id: "new", status: "draft", source: "manual" }),
      ],
    });
    const { user } = renderApp("/profiles");
    await user.click(await screen.findByRole("button", { name: "Add a profile" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a profile" });
    expect(within(dialog).getByText("In contoso.com (connection contoso)")).toBeTruthy();

    await user.type(within(dialog).getByLabelText(/^Name/), "Adele Vance");
    const mailboxA = within(dialog).getByLabelText(/^Mailbox A/);
    await user.type(mailboxA, "ghost@contoso.com");
    await within(dialog).findByText("ghost@contoso.com not found in contoso.com", {}, { timeout: 3_000 });
    expect(mailboxA.getAttribute("aria-invalid")).toBe("true");

    await user.clear(mailboxA);
    await user.type(mailboxA, "adele@contoso.com");
    await within(dialog).findByText(
      "✓ adele@contoso.com is a mailbox in contoso.com, readable by the app",
      {},
      { timeout: 3_000 },
    );
    const mailboxB = within(dialog).getByLabelText(/^Mailbox B/);
    await user.type(mailboxB, "taken@fabrikam.com");
    await within(dialog).findByText(
      /Already synced with other@contoso.com by the profile “Taken Person”/,
      {},
      { timeout: 3_000 },
    );
    await user.clear(mailboxB);
    await user.type(mailboxB, "adele@fabrikam.com");

    // Only addresses were sent to the tenant, each once typing paused: no check of every keystroke.
    const checks = requests.filter((request) => request.path === "/api/syncs/s1/mailboxes/check");
    expect(checks.length).toBeLessThanOrEqual(4);

    await user.click(within(dialog).getByRole("button", { name: "Add profile" }));
    await screen.findByText(/as a draft: start it to begin syncing/);
    expect(requests.find((request) => request.path === "/api/syncs/s1/profiles")?.body).toEqual({
      name: "Adele Vance",
      mailboxA: "adele@contoso.com",
      mailboxB: "adele@fabrikam.com",
    });
  });

  it("keeps what was typed and shows the API's refusal beside the mailbox it names", async () => {
    fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute([]),
      "POST /api/syncs/s1/mailboxes/check": checkRoute,
      "POST /api/syncs/s1/profiles": [
        422,
        {
          error: {
            code: "mailbox_out_of_scope",
            message: "hidden@fabrikam.com is outside the app's mailbox scope in fabrikam.com",
            field: "body/mailboxB",
          },
        },
      ],
    });
    const { user } = renderApp("/profiles");
    await user.click(await screen.findByRole("button", { name: "Add a profile" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a profile" });
    await user.type(within(dialog).getByLabelText(/^Name/), "Hidden");
    await user.type(within(dialog).getByLabelText(/^Mailbox A/), "hidden@contoso.com");
    await user.type(within(dialog).getByLabelText(/^Mailbox B/), "hidden@fabrikam.com");
    await user.click(within(dialog).getByRole("button", { name: "Add profile" }));

    const mailboxB = within(dialog).getByLabelText<HTMLInputElement>(/^Mailbox B/);
    await waitFor(() => expect(mailboxB.getAttribute("aria-invalid")).toBe("true"));
    expect(
      within(dialog).getByText("hidden@fabrikam.com is outside the app's mailbox scope in fabrikam.com"),
    ).toBeTruthy();
    expect(mailboxB.value).toBe("hidden@fabrikam.com");
    expect(within(dialog).getByLabelText<HTMLInputElement>(/^Name/).value).toBe("Hidden");
  });
});
