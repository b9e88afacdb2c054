import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { editorRoutes, isPicture, SYNC } from "./fixtures";
import type { NewSync, PreviewRequest } from "./types";

const saved = (request: FakeRequest): [number, unknown] => [200, { ...SYNC, ...(request.body as NewSync) }];

describe("the mapping editor", () => {
  it("sends each field as a template, a fixed value or left out, on the preset chosen", async () => {
    const requests = fakeApi({ ...signedIn, ...editorRoutes(), "PATCH /api/syncs/s1": saved });
    const { user } = renderApp("/syncs/s1");
    const mapping = await screen.findByRole("group", { name: "The sync's mapping" }, { timeout: 5000 });
    await user.click(within(mapping).getByLabelText(/^Busy/));
    await user.click(within(mapping).getByRole("button", { name: "Customize the fields" }));

    await user.selectOptions(within(mapping).getByLabelText("Subject"), "template");
    const template = within(mapping).getByLabelText("Subject template");
    expect((template as HTMLInputElement).value).toBe("{subject}");
    await user.clear(template);
    await user.click(template);
    await user.paste("[Contoso] {subject}");
    await user.selectOptions(within(mapping).getByLabelText("Body"), "value");
    await user.click(within(mapping).getByLabelText("Body: fixed value"));
    await user.paste("Held by the Contoso team.");
    await user.selectOptions(within(mapping).getByLabelText("Location"), "omit");
    await user.selectOptions(within(mapping).getByLabelText("Categories"), "value");
    await user.click(within(mapping).getByLabelText("Categories: fixed value"));
    await user.paste("Contoso, Partner");
    await user.selectOptions(within(mapping).getByLabelText("Reminder"), "value");
    const reminder = within(mapping).getByLabelText("Reminder: minutes before the start");
    await user.clear(reminder);
    await user.type(reminder, "10");
    await user.selectOptions(within(mapping).getByLabelText("Privacy"), "copy");
    expect(within(mapping).getByRole("button", { name: "Hide the fields (6 changed)" })).toBeTruthy();

    const expected = {
      preset: "busy",
      fields: {
        subject: { template: "[Contoso] {subject}" },
        body: { value: "Held by the Contoso team." },
        location: "omit",
        categories: { value: ["Contoso", "Partner"] },
        reminder: { value: 10 },
        sensitivity: "copy",
      },
    };
    // The picture of a copy is the service's: asked with the mapping as it now stands.
    await waitFor(
      () => {
        const pictures = requests.filter((r) => r.path === "/api/syncs/preview-copy" && isPicture(r));
        expect((pictures.at(-1)!.body as PreviewRequest).sync.mapping).toEqual(expected);
      },
      { timeout: 3000 },
    );

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Saved.");
    const sent = requests.find((r) => r.method === "PATCH")!.body as NewSync;
    expect(sent.mapping).toEqual(expected);
  });

  it("sends a mapping without changed fields as its preset, and a rule's own mapping inside the rule", async () => {
    const requests = fakeApi({
      ...signedIn,
      ...editorRoutes({ ...SYNC, mapping: { preset: "full-details", fields: { location: "omit" } } }),
      "PATCH /api/syncs/s1": saved,
    });
    const { user } = renderApp("/syncs/s1");
    const mapping = await screen.findByRole("group", { name: "The sync's mapping" }, { timeout: 5000 });
    // A changed field shows at once.
    await user.selectOptions(within(mapping).getByLabelText("Location"), "preset");

    const rule = screen.getByRole("group", { name: "Rule 2: private" });
    const ruleMapping = within(rule).getByRole("group", { name: "Mapping of “private”" });
    await user.click(within(ruleMapping).getByRole("button", { name: "Customize the fields" }));
    await user.selectOptions(within(ruleMapping).getByLabelText("Show as"), "value");
    await user.selectOptions(within(ruleMapping).getByLabelText("Show as: fixed value"), "tentative");

    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Saved.");
    const sent = requests.find((r) => r.method === "PATCH")!.body as NewSync;
    expect(sent.mapping).toBe("full-details");
    expect(sent.rules?.[1]).toEqual({
      name: "private",
      when: { sensitivity: ["private"] },
      // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
      then: { mapping: { preset: "busy", fields: { showAs: { value: "tentative" } } } },
    });
  });

  it("shows a refused template beside its field", async () => {
    fakeApi({
      ...signedIn,
      ...editorRoutes({
        ...SYNC,
        mapping: { preset: "full-details", fields: { subject: { template: "{subjct}" } } },
      }),
      "PATCH /api/syncs/s1": [
        400,
        {
          error: {
            code: "invalid_request",
            message:
              "mapping.fields.subject.template: unknown placeholder {subjct} (did you mean {subject}?)",
            field: "body/mapping/fields/subject/template",
          },
        },
      ],
    });
    const { user } = renderApp("/syncs/s1");
    const mapping = await screen.findByRole("group", { name: "The sync's mapping" }, { timeout: 5000 });
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    const template = within(mapping).getByLabelText("Subject template");
    await waitFor(() => expect(template.getAttribute("aria-invalid")).toBe("true"));
    expect(within(mapping).getByText("Unknown placeholder {subjct} (did you mean {subject}?)")).toBeTruthy();
  });
});
