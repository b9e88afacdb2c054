import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { baseRoutes, profileListRoute } from "./profiles-fixture";

const GOOD =
  "name,email_a,email_b\nAdele Vance,adele@contoso.com,adele@fabrikam.com\nLee Gu,lee@contoso.com,lee@fabrikam.com\n";
const BAD = GOOD.replace("lee@contoso.com", "ghost@contoso.com");

type Row = { row: number; name: string; mailboxA: string; mailboxB: string };

/** The service's import, as far as these tests need it: a row naming "ghost" is not found in its tenant. */
function importRoute(imported: Row[]) {
  return (request: FakeRequest): [number, unknown] => {
    const dryRun = new URL(request.path, "http://x").searchParams.get("dryRun") === "true";
    const body = request.body as { csvBase64?: string; lines?: string };
    const text =
      body.csvBase64 !== undefined
        ? new TextDecoder().decode(Uint8Array.from(atob(body.csvBase64), (c) => c.charCodeAt(0)))
        : body.lines!;
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    const data = body.csvBase64 !== undefined ? lines.slice(1) : lines;
    const rows = data.map((line, index) => {
      const [name = "", mailboxA = "", mailboxB = ""] = line.split(",").map((cell) => cell.trim());
      const ghost = mailboxA.startsWith("ghost");
      return {
        row: index + (body.csvBase64 !== undefined ? 2 : 1),
        name,
        mailboxA,
        mailboxB,
        outcome: ghost ? "invalid" : "created",
        profileId: null,
        problems: ghost
          ? [
              {
                field: "mailboxA",
                code: "mailbox_not_found",
                message: `row ${index + 2}: ${mailboxA} not found in contoso.com`,
              },
            ]
          : [],
      };
    });
    const invalid = rows.filter((row) => row.outcome === "invalid").length;
    const planned = { rows: rows.length, created: rows.length - invalid, updated: 0, unchanged: 0, invalid };
    const written = !dryRun && invalid === 0;
    const report = {
      dryRun,
      written,
      totals: written ? planned : { ...planned, created: 0 },
      planned,
      problem: null,
      rows,
    };
    if (invalid > 0)
      return [
        422,
        {
          error: {
            code: "import_invalid",
            field: "body/csv",
            message: `${invalid} of ${rows.length} rows are invalid; nothing was written. First: ${rows.find((row) => row.outcome === "invalid")!.problems[0]!.message}`,
          },
          report,
        },
      ];
    if (written) imported.push(...rows);
    return [200, report];
  };
}

const csvFile = (text: string) => new File([text], "people.csv", { type: "text/csv" });
const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;

describe("importing profiles", () => {
  it("shows a bad row's problem on that row and writes nothing; the fixed file then imports", async () => {
    const imported: Row[] = [];
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute([]),
      "POST /api/syncs/s1/profiles/import": importRoute(imported),
    });
    const { user } = renderApp("/profiles");
    await user.click(await screen.findByRole("button", { name: "Import or paste" }));
    const dialog = await screen.findByRole("dialog", { name: "Import profiles" });
    expect(within(dialog).getByRole("button", { name: "Choose a CSV file" })).toBeTruthy();

    await user.upload(fileInput(), csvFile(BAD));

    // The dry run's report: the bad row says what is wrong with it, and nothing was written.
    const row = (await within(dialog).findByText("ghost@contoso.com")).closest("tr")!;
    expect(within(row).getByText("ghost@contoso.com not found in contoso.com")).toBeTruthy();
    expect(within(row).getByText("Problem")).toBeTruthy();
    expect(within(dialog).getByRole("alert")).toHaveProperty(
      "textContent",
      expect.stringContaining("Nothing was imported"),
    );
    expect(within(dialog).queryByRole("button", { name: /^Import \d/ })).toBeNull();
    const sent = requests.filter((request) => request.path.startsWith("/api/syncs/s1/profiles/import"));
    expect(sent.map((request) => request.path)).toEqual(["/api/syncs/s1/profiles/import?dryRun=true"]);
    expect(sent[0]!.body).toEqual({ csvBase64: btoa(BAD) });
    expect(imported).toEqual([]);

    // Fixed and chosen again: the report is clean, and importing is offered (and only then done).
    await user.upload(fileInput(), csvFile(GOOD));
    await within(dialog).findByText(/2 rows: 2 would be new/);
    expect(imported).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Import 2 profiles" }));
    await within(dialog).findByText(/2 new profiles \(drafts/);
    expect(imported.map((row) => row.mailboxA)).toEqual(["adele@contoso.com", "lee@contoso.com"]);
    expect(
      requests
        .filter((request) => request.path.startsWith("/api/syncs/s1/profiles/import"))
        .map((request) => request.path),
    ).toEqual([
      "/api/syncs/s1/profiles/import?dryRun=true",
      "/api/syncs/s1/profiles/import?dryRun=true",
      "/api/syncs/s1/profiles/import?dryRun=false",
    ]);
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await screen.findByText(/Imported 2 new profiles/);
  });

  it("takes a file dropped on the dialog, and pasted lines", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...baseRoutes,
      "GET /api/profiles": profileListRoute([]),
      "POST /api/syncs/s1/profiles/import": importRoute([]),
    });
    const { user } = renderApp("/profiles");
    await user.click(await screen.findByRole("button", { name: "Import or paste" }));
    const dialog = await screen.findByRole("dialog", { name: "Import profiles" });

    fireEvent.drop(within(dialog).getByText("Drop a CSV file here, or"), {
      dataTransfer: { files: [csvFile(GOOD)] },
    });
    await within(dialog).findByText(/2 rows: 2 would be new/);

    await user.click(within(dialog).getByRole("tab", { name: "Paste lines" }));
    await user.type(
      within(dialog).getByLabelText(/^Lines, one person per line/),
      "Megan Bowen, megan@contoso.com, megan@fabrikam.com",
    );
    await user.click(within(dialog).getByRole("button", { name: "Check these lines" }));
    await within(dialog).findByText(/1 row: 1 would be new/);
    await waitFor(() =>
      expect(requests.at(-1)?.body).toEqual({ lines: "Megan Bowen, megan@contoso.com, megan@fabrikam.com" }),
    );
  });
});
