import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";

const token = (id: string, name: string) => ({
  id,
  name,
  scope: "read",
  createdBy: "admin",
  createdAt: "2025-03-01T09:00:00.000Z",
  expiresAt: null,
  lastUsedAt: null,
});

describe("the API tokens screen", () => {
  it("keeps what was typed when the API refuses a field, and shows the refusal beside it", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/tokens": [200, { tokens: [] }],
      "POST /api/tokens": [
        400,
        {
          error: {
            code: "invalid_request",
            message: "expiresAt must be in the future",
            field: "body/expiresAt",
          },
        },
      ],
    });
    const { user } = renderApp("/tokens");
    await user.type(await screen.findByLabelText(/^Name/), "nightly report");
    await user.click(screen.getByLabelText(/^Admin/));
    await user.selectOptions(screen.getByLabelText("Expires"), "date");
    await user.type(screen.getByLabelText(/^Expiry date/), "2020-01-01");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    const date = screen.getByLabelText<HTMLInputElement>(/^Expiry date/);
    await waitFor(() => expect(date.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("expiresAt must be in the future")).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/^Name/).value).toBe("nightly report");
    expect(screen.getByLabelText<HTMLInputElement>(/^Admin/).checked).toBe(true);
    expect(date.value).toBe("2020-01-01");
  });

  it("creates a token, shows it once with a way to copy it, and lists it", async () => {
    let tokens = [token("t1", "prometheus")];
    const requests = fakeApi({
      ...signedIn,
      "GET /api/tokens": () => [200, { tokens }],
      "POST /api/tokens": (request: FakeRequest) => {
        tokens = [...tokens, token("t2", (request.body as { name: string }).name)];
        return [201, { ...tokens[1], token: "cct_secret_once" }];
      },
    });
    const { user } = renderApp("/tokens");
    await user.type(await screen.findByLabelText(/^Name/), "ci");
    await user.selectOptions(screen.getByLabelText("Expires"), "30");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    const dialog = await screen.findByRole("dialog", { name: "Token “ci” created" });
    expect(within(dialog).getByLabelText<HTMLInputElement>("API token").value).toBe("cct_secret_once");
    expect(within(dialog).getByRole("button", { name: "Copy" })).toBeTruthy();
    const sent = requests.find((request) => request.method === "POST")!;
    expect(sent.headers.get("x-csrf-token")).toBe("csrf-1");
    expect(sent.body).toMatchObject({ name: "ci", scope: "read", expiresAt: expect.any(String) });

    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await screen.findByRole("rowheader", { name: "ci" });
    expect(screen.queryByText("cct_secret_once")).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>(/^Name/).value).toBe("");
  });

  it("deletes a token only after confirmation, from the keyboard", async () => {
    let tokens = [token("t1", "prometheus")];
    const requests = fakeApi({
      ...signedIn,
      "GET /api/tokens": () => [200, { tokens }],
      "DELETE /api/tokens/t1": () => {
        tokens = [];
        return [204];
      },
    });
    const { user } = renderApp("/tokens");
    const remove = await screen.findByRole("button", { name: "Delete the token prometheus" });
    remove.focus();
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Delete the token “prometheus”?" });
    // Cancel has the focus: Enter by habit deletes nothing.
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Cancel"));
    expect(requests.some((request) => request.method === "DELETE")).toBe(false);

    within(dialog).getByRole("button", { name: "Delete token" }).focus();
    await user.keyboard("{Enter}");
    await screen.findByText("No API tokens yet.");
    expect(requests.filter((request) => request.method === "DELETE").map((request) => request.path)).toEqual([
      "/api/tokens/t1",
    ]);
  });
});
