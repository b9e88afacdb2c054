import { cleanup, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../test/axe";
import { fakeApi, signedIn, signedOut } from "../test/fake-api";
import { renderApp } from "../test/render";
import { decision, run } from "./history/history-fixture";
import { EMPTY_OVERVIEW, OVERVIEW, RUNNING_JOB } from "./overview/overview-fixture";

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

  it("the overview, with every section, and its first-run state", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/overview": [200, OVERVIEW],
      "GET /api/jobs": [200, { jobs: [RUNNING_JOB] }],
    });
    renderApp("/");
    await screen.findByRole("progressbar", { name: "Pause profiles" });
    expect(await seriousViolations()).toEqual([]);
    cleanup();

    fakeApi({
      ...signedIn,
      "GET /api/overview": [200, EMPTY_OVERVIEW],
      "GET /api/jobs": [200, { jobs: [] }],
    });
    renderApp("/");
    await screen.findByRole("link", { name: "Connect your first tenant" });
    expect(await seriousViolations()).toEqual([]);
  });

  it("the history: runs with one opened to its decisions, decisions with a refused filter", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/runs": [200, { runs: [run("r1"), run("r2", "Alex Wilber")], nextCursor: "c1" }],
      "GET /api/runs/r1": [200, { run: run("r1"), decisions: [decision("d1")], nextCursor: null }],
    });
    const { user } = renderApp("/history?sync=contoso-fabrikam");
    await user.click(await screen.findByRole("button", { name: /^Show decisions of Adele Vance/ }));
    await screen.findByRole("table", { name: /^Decisions of Adele Vance's run/ });
    expect(await seriousViolations()).toEqual([]);
    cleanup();

    fakeApi({
      ...signedIn,
      "GET /api/decisions": [
        400,
        {
          error: {
            code: "invalid_request",
            message: "since must be before until",
            field: "querystring/until",
          },
        },
      ],
    });
    renderApp("/history?view=decisions&action=skip&since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z");
    await screen.findByText("Since must be before until");
    expect(await seriousViolations()).toEqual([]);
  });
});
