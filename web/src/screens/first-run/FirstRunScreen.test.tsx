import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, type Routes, signedOut } from "../../test/fake-api";
import { renderApp } from "../../test/render";

const firstRun: Routes = { ...signedOut, "GET /api/setup": [200, { needed: true }] };

describe("first run", () => {
  it("is where every page leads while no administrator exists", async () => {
    fakeApi({ ...firstRun });
    const { location } = renderApp("/connections");
    await screen.findByRole("heading", { level: 1, name: "Create the administrator" });
    expect(location()).toBe("/setup");
  });

  it("puts a refused setup token beside its input and keeps everything typed", async () => {
    fakeApi({
      ...firstRun,
      "POST /api/setup": [
        403,
        {
          error: {
            code: "setup_token_expired",
            message: "the setup token has expired: restart crosscal serve",
          },
        },
      ],
    });
    const { user } = renderApp("/setup");
    await user.type(await screen.findByLabelText(/Setup token/), "ccsetup_old");
    await user.type(screen.getByLabelText(/^Username/), "admin");
    await user.type(screen.getByLabelText(/^Password \*/), "correct horse battery staple");
    await user.type(screen.getByLabelText(/^Password again/), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Create the administrator" }));

    const token = screen.getByLabelText<HTMLInputElement>(/Setup token/);
    await waitFor(() => expect(token.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("the setup token has expired: restart crosscal serve")).toBeTruthy();
    expect(document.activeElement).toBe(token);
    expect(token.value).toBe("ccsetup_old");
    expect(screen.getByLabelText<HTMLInputElement>(/^Password again/).value).toBe(
      "correct horse battery staple",
    );
  });

  it("refuses two different passwords before asking the API", async () => {
    const requests = fakeApi({ ...firstRun });
    const { user } = renderApp("/setup");
    await user.type(await screen.findByLabelText(/Setup token/), "ccsetup_x");
    await user.type(screen.getByLabelText(/^Username/), "admin");
    await user.type(screen.getByLabelText(/^Password \*/), "correct horse battery staple");
    await user.type(screen.getByLabelText(/^Password again/), "correct horse battery stapler");
    await user.click(screen.getByRole("button", { name: "Create the administrator" }));

    expect(await screen.findByText(/The two passwords differ/)).toBeTruthy();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
  });

  it("creates the administrator, signs in with the same password and opens the overview", async () => {
    const requests = fakeApi({
      ...firstRun,
      "POST /api/setup": [201, { username: "admin" }],
      "POST /api/auth/login": [
        200,
        { username: "admin", csrfToken: "c", expiresAt: "2099-01-01T00:00:00.000Z" },
      ],
    });
    const { user, location } = renderApp("/setup");
    await user.type(await screen.findByLabelText(/Setup token/), "ccsetup_good");
    await user.type(screen.getByLabelText(/^Username/), "admin");
    await user.type(screen.getByLabelText(/^Password \*/), "correct horse battery staple");
    await user.type(screen.getByLabelText(/^Password again/), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Create the administrator" }));

    await screen.findByRole("heading", { level: 1, name: "Overview" });
    expect(location()).toBe("/");
    expect(
      requests.find((request) => request.path === "/api/setup" && request.method === "POST")?.body,
    ).toEqual({
      setupToken: "ccsetup_good",
      username: "admin",
      password: "correct horse battery staple",
    });
  });
});
