import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeApi, signedIn, signedOut } from "../test/fake-api";
import { renderApp } from "../test/render";

describe("pages that need a session", () => {
  it("send a visitor to sign-in, remembering the page", async () => {
    fakeApi(signedOut);
    const { location } = renderApp("/history?profile=4e0d");
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    expect(location()).toBe("/sign-in?next=%2Fhistory%3Fprofile%3D4e0d");
  });

  it("go to sign-in, saying why, when the API says the session expired", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/tokens": [401, { error: { code: "session_expired", message: "the session has expired" } }],
    });
    const { location } = renderApp("/tokens");
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    expect(location()).toBe("/sign-in?next=%2Ftokens&reason=session_expired");
    expect(screen.getByText(/Your session ended/)).toBeTruthy();
  });

  it("go to sign-in without a false reason when an expired session meets a first load's parallel requests", async () => {
    // The server deletes an expired session at its first use: the requests racing that one hear "invalid".
    const invalid: [number, unknown] = [
      401,
      { error: { code: "session_invalid", message: "the session is no longer valid" } },
    ];
    fakeApi({
      "GET /api/auth/me": [401, { error: { code: "session_expired", message: "the session has expired" } }],
      "GET /api/setup": [200, { needed: false }],
      "GET /api/profiles": invalid,
      "GET /api/syncs": invalid,
      "GET /api/connections": invalid,
    });
    const { location } = renderApp("/profiles", { firstLoad: true });
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    expect(location()).toBe("/sign-in?next=%2Fprofiles");
    expect(screen.queryByText(/no longer valid|ended elsewhere/)).toBeNull();
  });

  it("show the app shell with every screen in the navigation, the current one marked", async () => {
    fakeApi(signedIn);
    renderApp("/syncs");
    await screen.findByRole("heading", { level: 1, name: "Syncs" });
    const navigation = screen.getByRole("navigation", { name: "Main" });
    const links = [...navigation.querySelectorAll("a")].map((link) => link.textContent);
    expect(links).toEqual(["Overview", "Connections", "Syncs", "Profiles", "History", "API tokens"]);
    expect(navigation.querySelector('[aria-current="page"]')?.textContent).toBe("Syncs");
    expect(screen.getByText("admin")).toBeTruthy();
    expect(screen.getByRole("main")).toBeTruthy();
  });
});
