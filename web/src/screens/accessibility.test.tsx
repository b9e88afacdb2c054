import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "../test/axe";
import { fakeApi, signedIn, signedOut } from "../test/fake-api";
import { renderApp } from "../test/render";
import { decision, run } from "./history/history-fixture";
import { EMPTY_OVERVIEW, OVERVIEW, RUNNING_JOB } from "./overview/overview-fixture";
import { job, profile, profileListRoute, baseRoutes as profileRoutes } from "./profiles/profiles-fixture";
import { APPLY_JOB, CONNECTIONS, EVENT, SYNC, editorRoutes as syncEditorRoutes } from "./syncs/fixtures";

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
// axe-core walks the whole document for each check, several per test: slow in happy-dom on a busy machine.
describe("accessibility (axe-core: no serious or critical violation)", { timeout: 120_000 }, () => {
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

  it("the Profiles screen: the table with a reason, all matching selected, a job, each dialog", async () => {
    const profiles = Array.from({ length: 150 }, (_, index) =>
      index === 1
        ? profile(index, { status: "error", statusReason: "reading mailbox B: 403 Forbidden" })
        : profile(index),
    );
    fakeApi({
      ...signedIn,
      ...profileRoutes,
      "GET /api/profiles": profileListRoute(profiles),
      "POST /api/profiles/actions": [202, job({ action: "pause", total: 150 })],
      "GET /api/jobs/j1": [200, job({ action: "pause", total: 150, done: 40, status: "running" })],
      "POST /api/syncs/s1/mailboxes/check": [
        200,
        {
          side: "A",
          mailbox: "ghost@contoso.com",
          status: "not_found",
          reason: "ghost@contoso.com not found",
          inUse: null,
        },
      ],
    });
    const { user } = renderApp("/profiles");
    await screen.findByRole("rowheader", { name: /Person 00001/ });
    await user.click(screen.getByRole("button", { name: "Select all 150 matching" }));
    expect(await seriousViolations()).toEqual([]);

    for (const action of ["Start", "Clean up"]) {
      await user.click(screen.getByRole("button", { name: action }));
      await screen.findByRole("dialog");
      expect(await seriousViolations()).toEqual([]);
      await user.keyboard("{Escape}");
      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    }
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Pause" }));
    await screen.findByRole("region", { name: "Pause 150 profiles" });
    expect(await seriousViolations()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Add a profile" }));
    const add = await screen.findByRole("dialog", { name: "Add a profile" });
    await user.type(within(add).getByLabelText(/^Mailbox A/), "ghost@contoso.com");
    await within(add).findByText("ghost@contoso.com not found", {}, { timeout: 3_000 });
    expect(await seriousViolations()).toEqual([]);
  });

  it("the import dialog with a report of a row to fix", async () => {
    fakeApi({
      ...signedIn,
      ...profileRoutes,
      "GET /api/profiles": profileListRoute([]),
      "POST /api/syncs/s1/profiles/import": [
        422,
        {
          error: { code: "import_invalid", message: "1 of 1 rows are invalid; nothing was written." },
          report: {
            dryRun: true,
            written: false,
            totals: { rows: 1, created: 0, updated: 0, unchanged: 0, invalid: 1 },
            planned: { rows: 1, created: 0, updated: 0, unchanged: 0, invalid: 1 },
            problem: null,
            rows: [
              {
                row: 2,
                name: "Ghost",
                mailboxA: "ghost@contoso.com",
                mailboxB: "ghost@fabrikam.com",
                outcome: "invalid",
                profileId: null,
                problems: [
                  {
                    field: "mailboxA",
                    code: "mailbox_not_found",
                    message: "row 2: ghost@contoso.com not found",
                  },
                ],
              },
            ],
          },
        },
      ],
    });
    const { user } = renderApp("/profiles");
    await user.click(await screen.findByRole("button", { name: "Import or paste" }));
    const dialog = await screen.findByRole("dialog", { name: "Import profiles" });
    await user.upload(
      dialog.querySelector<HTMLInputElement>('input[type="file"]')!,
      new File(["name,email_a,email_b\nGhost,ghost@contoso.com,ghost@fabrikam.com\n"], "people.csv"),
    );
    await within(dialog).findByText("ghost@contoso.com not found");
    expect(await seriousViolations()).toEqual([]);
  });

  it("a profile's page: summary, runs, decisions, and why for one of them", async () => {
    fakeApi({
      ...signedIn,
      ...profileRoutes,
      "GET /api/profiles/p1": [200, profile(1, { status: "paused", statusReason: "on leave" })],
      "GET /api/runs": [200, { runs: [run("r1", "Person 00001")], nextCursor: null }],
      "GET /api/decisions": [
        200,
        { decisions: [decision("d1", { sourceId: "AAMkAGI2" })], nextCursor: null },
      ],
      "GET /api/events/AAMkAGI2/why": [
        200,
        {
          eventId: "AAMkAGI2",
          profile: { id: "p1", name: "Person 00001", sync: "s1", syncName: "contoso-fabrikam" },
          role: "original",
          explanation: "copied to B on 2025-03-01 09:00 UTC",
          link: null,
          tombstone: null,
          decisions: [],
          nextCursor: null,
        },
      ],
    });
    const { user } = renderApp("/profiles/p1");
    await screen.findByRole("heading", { level: 1, name: "Person 00001" });
    const why = await screen.findAllByRole("button", { name: /^Why: / });
    await user.click(why[0]!);
    await screen.findByText(/copied to B on/);
    expect(await seriousViolations()).toEqual([]);
  });

  it("group bindings: a binding, and two groups previewed", async () => {
    fakeApi({
      ...signedIn,
      ...profileRoutes,
      "GET /api/syncs/s1/group-bindings": [200, { bindings: [] }],
      "GET /api/syncs/s1/groups": [200, { groups: [{ id: "g1", displayName: "Staff" }] }],
      "POST /api/syncs/s1/group-bindings/preview": [
        200,
        {
          groupA: { id: "g1", name: "Staff", members: 2 },
          groupB: { id: "g1", name: "Staff", members: 2 },
          alreadyBound: null,
          pairs: [
            {
              name: "Adele",
              mailboxA: "adele@contoso.com",
              mailboxB: "adele@fabrikam.com",
              outcome: "create",
              reason: null,
            },
          ],
          unmatchedA: [
            {
              name: "Lee",
              address: "lee@contoso.com",
              reason: "no member of group B with the same mail local part",
            },
          ],
          unmatchedB: [],
          ambiguous: [],
        },
      ],
    });
    const { user } = renderApp("/profiles/groups");
    await user.type(await screen.findByLabelText(/^Find the group in A/), "staff");
    await user.click(await screen.findByRole("radio", { name: /Staff/ }));
    await user.type(screen.getByLabelText(/^Find the group in B/), "staff");
    await waitFor(() => expect(screen.getAllByRole("radio", { name: /^Staff/ })).toHaveLength(2));
    await user.click(screen.getAllByRole("radio", { name: /^Staff/ })[1]!);
    await user.click(screen.getByRole("button", { name: "Preview" }));
    await screen.findByText(/1 matched/);
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

  it("connections: the list with a status and its countdown, the consent dialog", async () => {
    const recheckAt = new Date(Date.now() + 60_000).toISOString();
    fakeApi({
      ...signedIn,
      "GET /api/connections": [
        200,
        {
          connections: [
            CONNECTIONS[0],
            { ...CONNECTIONS[1], status: "consent_missing", statusReason: "AADSTS65001", recheckAt },
          ],
        },
      ],
    });
    const { user } = renderApp("/connections");
    await screen.findByText(/next check in/, {}, { timeout: 5000 });
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Add with admin consent" }));
    await screen.findByRole("dialog");
    expect(await seriousViolations()).toEqual([]);
  });

  it("a connection: its status, details and the edit form with a certificate and custom endpoints refused", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/connections/c1": [200, CONNECTIONS[0]],
      "PATCH /api/connections/c1": [
        400,
        {
          error: {
            code: "endpoint_not_allowed",
            message: "login.lab.example is not allowed",
            field: "body/endpoints",
          },
        },
      ],
    });
    const { user } = renderApp("/connections/c1");
    const form = await screen.findByRole("form", { name: "Edit contoso" }, { timeout: 5000 });
    await user.click(within(form).getByLabelText("A new certificate"));
    await user.selectOptions(within(form).getByLabelText("Cloud"), "custom");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    await within(form).findByText("login.lab.example is not allowed");
    expect(await seriousViolations()).toEqual([]);
    cleanup();

    fakeApi(signedIn);
    renderApp("/connections/new");
    await screen.findByRole("form", { name: "New connection" }, { timeout: 5000 });
    expect(await seriousViolations()).toEqual([]);
  });

  it("syncs: the list", async () => {
    fakeApi({ ...signedIn, ...syncEditorRoutes() });
    renderApp("/syncs");
    await screen.findByRole("link", { name: "contoso-fabrikam" }, { timeout: 5000 });
    expect(await seriousViolations()).toEqual([]);
  });

  it("a sync's editor: a rule's error, the fields of a mapping, the test area's outcome", async () => {
    fakeApi({
      ...signedIn,
      ...syncEditorRoutes(),
      "GET /api/syncs/s1/events": [
        200,
        { side: "A", mailbox: "adele@contoso.com", since: "…", until: "…", events: [EVENT] },
      ],
      "PATCH /api/syncs/s1": [
        400,
        {
          error: {
            code: "invalid_request",
            message: "rules.1.name: two rules are named private",
            field: "body/rules/1/name",
          },
        },
      ],
    });
    const { user } = renderApp("/syncs/s1");
    const area = await screen.findByRole("region", { name: "Test area" }, { timeout: 5000 });
    await user.click(within(area).getByRole("button", { name: "List events" }));
    await user.click(await within(area).findByRole("button", { name: /^Team lunch/ }));
    await within(area).findByRole("region", { name: "Outcome of the test" }, { timeout: 3000 });
    await user.click(
      within(screen.getByRole("group", { name: "The sync's mapping" })).getByRole("button", {
        name: "Customize the fields",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Two rules are named private");
    expect(await seriousViolations()).toEqual([]);
  });

  it("a sync's editor: a saved change applied now, with its progress", async () => {
    fakeApi({
      ...signedIn,
      ...syncEditorRoutes(),
      "PATCH /api/syncs/s1": [200, { ...SYNC, direction: "a-to-b" }],
      "POST /api/syncs/s1/apply-now": [202, { ...APPLY_JOB }],
      "GET /api/jobs/j1": [200, { ...APPLY_JOB, status: "running", done: 1, failures: [] }],
    });
    const second = renderApp("/syncs/s1");
    await second.user.click(await screen.findByLabelText("A → B only", {}, { timeout: 5000 }));
    await second.user.click(screen.getByRole("button", { name: "Save changes" }));
    await second.user.click(
      await screen.findByRole("button", { name: "Apply to the 2 active profiles now" }),
    );
    await screen.findByRole("progressbar", { name: "Applying the change to the 2 active profiles" });
    expect(await seriousViolations()).toEqual([]);
  });
});
