import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { editorRoutes, SYNC } from "./fixtures";
import type { NewSync } from "./types";

const rule = (name: string) => screen.getByRole("group", { name: new RegExp(`^Rule \\d: ${name}$`) });

describe("the rules editor", () => {
  it("adds a rule, edits its conditions and then, and saves the rules in order", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...editorRoutes(),
      "PATCH /api/syncs/s1": (request: FakeRequest) => [200, { ...SYNC, ...(request.body as NewSync) }],
    });
    const { user } = renderApp("/syncs/s1");
    await user.click(await screen.findByRole("button", { name: "Add a rule" }, { timeout: 5000 }));
    // The keyboard lands on the new rule's name.
    const name = await waitFor(() => {
      const input = within(rule("Rule 3")).getByLabelText("Name");
      expect(document.activeElement).toBe(input);
      return input;
    });
    await user.clear(name);
    await user.type(name, "standups");
    const card = rule("standups");
    expect(within(card).getByText(/No conditions: the rule takes every event/)).toBeTruthy();

    await user.selectOptions(within(card).getByLabelText("Add a condition"), "subject.matches");
    await user.click(within(card).getByRole("button", { name: "Add condition" }));
    await user.type(within(card).getByLabelText(/^Subject matches/), "^stand-?up");
    await user.selectOptions(within(card).getByLabelText("Add a condition"), "duration");
    await user.click(within(card).getByRole("button", { name: "Add condition" }));
    const atMost = within(card).getByLabelText("At most (minutes)");
    await user.clear(atMost);
    await user.type(atMost, "15");
    await user.selectOptions(within(card).getByLabelText("Add a condition"), "showAs");
    await user.click(within(card).getByRole("button", { name: "Add condition" }));
    await user.click(within(card).getByLabelText("Tentative"));
    await user.click(within(card).getByLabelText("Copy it with another mapping"));

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Saved.");
    const sent = requests.find((r) => r.method === "PATCH")!.body as NewSync;
    expect(sent.rules).toEqual([
      SYNC.rules[0],
      SYNC.rules[1],
      {
        name: "standups",
        when: {
          subject: { matches: "^stand-?up" },
          duration: { maximumMinutes: 15 },
          showAs: ["free", "tentative"],
        },
        // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
        then: { mapping: "busy" },
      },
    ]);
  });

  it("reorders the rules from the keyboard, the focus staying on the moved rule", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...editorRoutes(),
      "PATCH /api/syncs/s1": (request: FakeRequest) => [200, { ...SYNC, ...(request.body as NewSync) }],
    });
    const { user } = renderApp("/syncs/s1");
    const down = await screen.findByRole("button", { name: "Move “declined” down" }, { timeout: 5000 });
    expect(screen.getByRole("button", { name: "Move “declined” up" }).hasAttribute("disabled")).toBe(true);
    down.focus();
    await user.keyboard("{Enter}");

    await waitFor(() => expect(rule("declined").querySelector("h3")?.textContent).toBe("Rule 2: declined"));
    expect(rule("private").querySelector("h3")?.textContent).toBe("Rule 1: private");
    // At the bottom its "down" is disabled: the keyboard stays on the rule, on "up".
    await waitFor(() =>
      expect(document.activeElement?.getAttribute("aria-label")).toBe("Move “declined” up"),
    );
    expect(screen.getByText("“declined” moved to place 2 of 2.")).toBeTruthy();

    await user.keyboard("{Enter}");
    await waitFor(() => expect(rule("declined").querySelector("h3")?.textContent).toBe("Rule 1: declined"));
    // At the top its "up" is disabled: the keyboard is on "down".
    await waitFor(() =>
      expect(document.activeElement?.getAttribute("aria-label")).toBe("Move “declined” down"),
    );
    await user.keyboard("{Enter}");
    await waitFor(() => expect(rule("declined").querySelector("h3")?.textContent).toBe("Rule 2: declined"));

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Saved.");
    const sent = requests.find((r) => r.method === "PATCH")!.body as NewSync;
    expect(sent.rules?.map((r) => r.name)).toEqual(["private", "declined"]);
  });

  it("shows the API's error on the condition of the rule it names, keeping the draft", async () => {
    fakeApi({
      ...signedIn,
      ...editorRoutes(),
      "PATCH /api/syncs/s1": [
        400,
        {
          error: {
            code: "invalid_request",
            message:
              "rules.1.when.subject.matches: not a valid regular expression: Invalid regular expression: /(lunch/iu: Unterminated group",
            field: "body/rules/1/when/subject/matches",
          },
        },
      ],
    });
    const { user } = renderApp("/syncs/s1");
    const privateRule = await screen.findByRole("group", { name: "Rule 2: private" }, { timeout: 5000 });
    await user.selectOptions(within(privateRule).getByLabelText("Add a condition"), "subject.matches");
    await user.click(within(privateRule).getByRole("button", { name: "Add condition" }));
    await user.type(within(privateRule).getByLabelText(/^Subject matches/), "(lunch");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const input = within(privateRule).getByLabelText<HTMLInputElement>(/^Subject matches/);
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(
      within(privateRule).getByText(
        "Not a valid regular expression: Invalid regular expression: /(lunch/iu: Unterminated group",
      ),
    ).toBeTruthy();
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe("(lunch");
    // The other rule's inputs are not marked.
    expect(rule("declined").querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    // Every problem the API listed is above the save button too.
    expect(screen.getByRole("alert").textContent).toContain("rules.1.when.subject.matches");

    // Moved after the refusal, the rule keeps its error.
    within(rule("private")).getByRole("button", { name: "Move “private” up" }).click();
    await waitFor(() => expect(rule("private").querySelector("h3")?.textContent).toBe("Rule 1: private"));
    expect(
      within(rule("private"))
        .getByLabelText(/^Subject matches/)
        .getAttribute("aria-invalid"),
    ).toBe("true");
  });
});
