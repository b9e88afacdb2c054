import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import {
  CONNECTIONS,
  COPIED_BY_PRIVATE,
  EVENT,
  editorRoutes,
  isPicture,
  pictureAnswer,
  SKIPPED_BY_DECLINED,
} from "./fixtures";
import type { PreviewRequest } from "./types";

const testArea = () => screen.getByRole("region", { name: "Test area" });
const previews = (requests: FakeRequest[]) =>
  requests
    .filter((r) => r.path === "/api/syncs/preview-copy" && !isPicture(r))
    .map((r) => r.body as PreviewRequest);

describe("the test area", () => {
  it("picks a real event of a profile's mailbox and shows the copy the draft makes, and the rule that decided", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...editorRoutes(),
      "GET /api/syncs/s1/events": [
        200,
        { side: "A", mailbox: "adele@contoso.com", since: "…", until: "…", events: [EVENT] },
      ],
    });
    const { user } = renderApp("/syncs/s1");
    await screen.findByRole("heading", { level: 1, name: "Sync contoso-fabrikam" }, { timeout: 5000 });
    const area = testArea();
    // Nothing is read from a mailbox until asked: each listing costs Graph requests.
    await within(area).findByRole("option", { name: "Adele Vance (adele@contoso.com)" });
    expect(requests.some((r) => r.path.startsWith("/api/syncs/s1/events"))).toBe(false);
    await user.click(within(area).getByRole("button", { name: "List events" }));

    await user.click(await within(area).findByRole("button", { name: /^Team lunch/ }));
    expect(requests.find((r) => r.path.startsWith("/api/syncs/s1/events"))!.path).toBe(
      "/api/syncs/s1/events?side=A&profile=p1&limit=20",
    );
    const outcome = await within(area).findByRole(
      "region",
      { name: "Outcome of the test" },
      { timeout: 3000 },
    );
    expect(within(outcome).getByText("Copied to B by rule “private” (rule 2)")).toBeTruthy();
    const sent = previews(requests)[0]!;
    expect(sent.event).toEqual({ syncId: "s1", side: "A", eventId: "AAMk-lunch", profileId: "p1" });
    expect(sent.sync.rules?.map((r) => r.name)).toEqual(["declined", "private"]);

    // The copy's fields beside the original's, as text: an HTML body is never markup.
    const subject = within(outcome).getByRole("rowheader", { name: "Subject" }).closest("tr")!;
    expect([...subject.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["Team lunch", "Busy"]);
    const body = within(outcome).getByRole("rowheader", { name: "Body" }).closest("tr")!;
    expect(body.querySelector("td")!.textContent).toBe("Pizza and salad");
    expect(outcome.querySelector("b, script")).toBeNull();

    // The deciding rule is marked in the editor, and the keyboard can go there.
    const rule = screen.getByRole("group", { name: "Rule 2: private" });
    expect(within(rule).getByText("Decided the test event")).toBeTruthy();
    await user.click(within(outcome).getByRole("button", { name: "Show rule “private”" }));
    expect(document.activeElement?.textContent).toBe("Rule 2: private");
  });

  it("says “skipped by rule X” when a rule skips the event, and follows the draft as it changes", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...editorRoutes(),
      "GET /api/syncs/s1/events": [
        200,
        { side: "A", mailbox: "adele@contoso.com", since: "…", until: "…", events: [EVENT] },
      ],
      "POST /api/syncs/preview-copy": (request: FakeRequest) => {
        if (isPicture(request)) return pictureAnswer(request);
        const rules = (request.body as PreviewRequest).sync.rules ?? [];
        return rules[0]?.name === "declined"
          ? [200, SKIPPED_BY_DECLINED]
          : [200, { ...COPIED_BY_PRIVATE, decidedBy: { rule: "private", index: 0 } }];
      },
    });
    const { user } = renderApp("/syncs/s1");
    await screen.findByRole("heading", { level: 1, name: "Sync contoso-fabrikam" }, { timeout: 5000 });
    const area = testArea();
    await user.type(within(area).getByLabelText(/^Search the subjects/), "lunch");
    await user.click(await within(area).findByRole("button", { name: /^Team lunch/ }, { timeout: 3000 }));
    // Typed, the search is sent once it rests, not at each key.
    const listings = requests.filter((r) => r.path.startsWith("/api/syncs/s1/events")).map((r) => r.path);
    expect(listings).toEqual(["/api/syncs/s1/events?side=A&profile=p1&search=lunch&limit=20"]);

    const outcome = await within(area).findByRole(
      "region",
      { name: "Outcome of the test" },
      { timeout: 3000 },
    );
    expect(within(outcome).getByText("Skipped by rule “declined” (rule 1)")).toBeTruthy();
    expect(
      within(screen.getByRole("group", { name: "Rule 1: declined" })).getByText("Skipped the test event"),
    ).toBeTruthy();
    const subject = within(outcome).getByRole("rowheader", { name: "Subject" }).closest("tr")!;
    expect(subject.querySelectorAll("td")[1]!.textContent).toBe("—");

    // Unsaved, the rule removed: the same event is decided again by the draft as it now is.
    await user.click(screen.getByRole("button", { name: "Remove “declined”" }));
    await within(area).findByText("Copied to B by rule “private” (rule 1)", {}, { timeout: 3000 });
    expect(
      previews(requests)
        .at(-1)!
        .sync.rules?.map((r) => r.name),
    ).toEqual(["private"]);
    expect(
      within(screen.getByRole("group", { name: "Rule 1: private" })).getByText("Decided the test event"),
    ).toBeTruthy();
  });

  it("previews a pasted event for a new sync, and shows a refused field beside it", async () => {
    const requests = fakeApi({
      ...signedIn,
      "GET /api/connections": [200, { connections: CONNECTIONS }],
      "POST /api/syncs/preview-copy": (request: FakeRequest) => {
        if (isPicture(request)) return pictureAnswer(request);
        const pasted = (request.body as { event: { pasted: { end: { dateTime: string } } } }).event.pasted;
        if (pasted.end.dateTime.startsWith("2020"))
          return [
            400,
            {
              error: {
                code: "invalid_request",
                message: "event.pasted.end: ends before it starts",
                field: "body/event/pasted/end",
              },
            },
          ];
        return [200, COPIED_BY_PRIVATE];
      },
    });
    const { user } = renderApp("/syncs/new");
    const area = await screen.findByRole("region", { name: "Test area" }, { timeout: 5000 });
    expect(within(area).getByRole("tab", { name: "Pick a real event" }).hasAttribute("disabled")).toBe(true);
    const form = within(area).getByRole("form", { name: "Paste an event" });
    await user.clear(within(form).getByLabelText("Subject"));
    await user.type(within(form).getByLabelText("Subject"), "1:1 with Megan");
    await user.selectOptions(within(form).getByLabelText("Privacy"), "private");
    await user.clear(within(form).getByLabelText("Time zone"));
    await user.type(within(form).getByLabelText("Time zone"), "Europe/Berlin");
    await user.click(within(form).getByRole("button", { name: "Preview the copy" }));

    await within(area).findByText("Copied to B by rule “private” (rule 2)", {}, { timeout: 3000 });
    const sent = previews(requests)[0]!;
    expect(sent.event).toMatchObject({
      side: "A",
      pasted: { subject: "1:1 with Megan", sensitivity: "private", start: { timeZone: "Europe/Berlin" } },
    });
    // A new sync's draft still lacks a name and connections: stand-ins go in their place.
    expect(sent.sync).toMatchObject({
      name: "draft",
      connectionA: "side-a",
      connectionB: "side-b",
      rules: [],
    });

    const end = within(form).getByLabelText("End date");
    await user.clear(end);
    await user.type(end, "2020-01-01");
    await user.click(within(form).getByRole("button", { name: "Preview the copy" }));
    await waitFor(() => expect(end.getAttribute("aria-invalid")).toBe("true"), { timeout: 3000 });
    expect(within(form).getByText("Ends before it starts")).toBeTruthy();
  });
});
