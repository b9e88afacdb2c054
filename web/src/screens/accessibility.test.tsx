import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../test/axe";
import { fakeApi, signedIn, signedOut } from "../test/fake-api";
import { renderApp } from "../test/render";

const TOKENS = {
  tokens: [
    {
      id: "t1",
      name: "prometheus",
      scope: "read",
      createdBy: "admin",
      createdAt: "2025-03-01T09:00:00.000Z",
      expiresAt: null,
      lastUsedAt: "2025-03-02T09:00:00.000Z",
    },
  ],
};

/** Every screen built so far, checked by axe-core: labels, roles, landmarks, names of buttons and links. */
describe("accessibility (axe-core: no serious or critical violation)", () => {
  it("first run", async () => {
    fakeApi({ ...signedOut, "GET /api/setup": [200, { needed: true }] });
    renderApp("/setup");
    await screen.findByRole("heading", { level: 1, name: "Create the administrator" });
    expect(await seriousViolations()).toEqual([]);
  });

  it("sign-in, with an error beside a field", async () => {
    fakeApi({
      ...signedOut,
      "POST /api/auth/login": [
        400,
        {
          error: {
            code: "invalid_request",
            message: "body/username must NOT have fewer than 1 characters",
            field: "body/username",
          },
        },
      ],
    });
    const { user } = renderApp("/sign-in?reason=session_expired");
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    await screen.findByText("Must not have fewer than 1 characters");
    expect(await seriousViolations()).toEqual([]);
  });

  it("the app shell and the API tokens screen, with its dialogs", async () => {
    fakeApi({ ...signedIn, "GET /api/tokens": [200, TOKENS] });
    const { user } = renderApp("/tokens");
    await screen.findByRole("rowheader", { name: "prometheus" });
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Delete the token prometheus" }));
    await screen.findByRole("dialog");
    expect(await seriousViolations()).toEqual([]);
  });

  it("a placeholder screen", async () => {
    fakeApi(signedIn);
    renderApp("/profiles");
    await screen.findByRole("heading", { level: 1, name: "Profiles" });
    expect(await seriousViolations()).toEqual([]);
  });
});
