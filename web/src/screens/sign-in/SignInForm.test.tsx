import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, signedOut } from "../../test/fake-api";
import { renderApp } from "../../test/render";

/** What a screen reader reads after an input's label: its description and error. */
const describedBy = (input: HTMLElement) =>
  (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

describe("signing in", () => {
  it("shows the API's refusal beside the field it names, keeps what was typed, and focuses that field", async () => {
    fakeApi({
      ...signedOut,
      "POST /api/auth/login": [
        400,
        {
          error: {
            code: "invalid_request",
            message: "body/password must NOT have fewer than 1 characters",
            field: "body/password",
          },
        },
      ],
    });
    const { user } = renderApp("/sign-in");
    await user.type(await screen.findByLabelText(/Username/), "admin");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const password = screen.getByLabelText(/^Password/);
    await waitFor(() => expect(password.getAttribute("aria-invalid")).toBe("true"));
    expect(describedBy(password)).toContain("Must not have fewer than 1 characters");
    expect(screen.getByLabelText<HTMLInputElement>(/Username/).value).toBe("admin");
    expect(screen.getByLabelText(/Username/).getAttribute("aria-invalid")).not.toBe("true");
    expect(document.activeElement).toBe(password);
  });

  it("shows an error that names no field above the form", async () => {
    fakeApi({
      ...signedOut,
      "POST /api/auth/login": [
        401,
        { error: { code: "invalid_credentials", message: "wrong username or password" } },
      ],
    });
    const { user } = renderApp("/sign-in");
    await user.type(await screen.findByLabelText(/Username/), "admin");
    await user.type(screen.getByLabelText(/^Password/), "not the password");
    await user.keyboard("{Enter}");

    expect((await screen.findByRole("alert")).textContent).toContain("wrong username or password");
    expect(screen.getByLabelText<HTMLInputElement>(/^Password/).value).toBe("not the password");
  });

  it("signs in and goes back to the page that asked for it, sending the CSRF token from then on", async () => {
    const requests = fakeApi({
      ...signedOut,
      "POST /api/auth/login": [
        200,
        { username: "admin", csrfToken: "csrf-from-login", expiresAt: "2099-01-01T00:00:00.000Z" },
      ],
      "GET /api/tokens": [200, { tokens: [] }],
      "POST /api/auth/logout": [204],
    });
    const { user, location } = renderApp("/sign-in?next=%2Ftokens");
    await user.type(await screen.findByLabelText(/Username/), "admin");
    await user.type(screen.getByLabelText(/^Password/), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { level: 1, name: "API tokens" })).toBeTruthy();
    expect(location()).toBe("/tokens");
    expect(requests.find((r) => r.path === "/api/auth/login")?.body).toEqual({
      username: "admin",
      password: "correct horse battery staple",
    });

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    const logout = requests.find((r) => r.path === "/api/auth/logout");
    expect(logout?.headers.get("x-csrf-token")).toBe("csrf-from-login");
    expect(screen.getByText("You are signed out.")).toBeTruthy();
  });
});
