import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeRequest, fakeApi, signedIn } from "../../test/fake-api";
import { renderApp } from "../../test/render";
import { connection } from "./connection-fixture";
import type { NewConnection } from "./use-connections";

const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----";

const card = (name: string) => screen.getByRole("article", { name });

describe("the connections screen", () => {
  it("shows each connection's live status, what to do, and counts down to the next check, reading again when it passes", async () => {
    const soon = new Date(Date.now() + 1_800).toISOString();
    let reads = 0;
    fakeApi({
      ...signedIn,
      "GET /api/connections": () => {
        reads += 1;
        return [
          200,
          {
            connections: [
              connection("c1", "contoso"),
              connection("c2", "fabrikam", {
                status: "consent_missing",
                statusReason: "AADSTS65001: the app is not consented in tenant fabrikam.onmicrosoft.com",
                recheckAt: reads === 1 ? soon : null,
              }),
            ],
          },
        ];
      },
    });
    renderApp("/connections");
    const contoso = await screen.findByRole("article", { name: "contoso" }, { timeout: 5000 });
    expect(within(contoso).getByText("Connected")).toBeTruthy();
    expect(within(contoso).queryByText(/What to do/)).toBeNull();

    const fabrikam = card("fabrikam");
    expect(within(fabrikam).getByText("Consent missing")).toBeTruthy();
    expect(within(fabrikam).getByText(/AADSTS65001/)).toBeTruthy();
    expect(within(fabrikam).getByText(/An administrator of the tenant grants admin consent/)).toBeTruthy();
    expect(
      within(fabrikam).getByText(/Permissions can take a few minutes to propagate; next check in [12] s\./),
    ).toBeTruthy();
    // When the time passes, the connections are read again: the service has checked by then.
    await waitFor(() => expect(reads).toBeGreaterThan(1), { timeout: 5000 });
    await waitFor(() => expect(within(card("fabrikam")).queryByText(/next check in/)).toBeNull());
  });

  it("creates a connection with a certificate read from a file (certificate and key in one), then checks it", async () => {
    const requests = fakeApi({
      ...signedIn,
      "POST /api/connections": (request: FakeRequest) => [
        201,
        connection("c9", (request.body as NewConnection).name, {
          credentialKind: "certificate",
          status: "unchecked",
        }),
      ],
      "POST /api/connections/c9/check": [
        200,
        { connection: connection("c9", "northwind"), roles: ["Calendars.ReadWrite"] },
      ],
      "GET /api/connections/c9": [200, connection("c9", "northwind")],
    });
    const { user, location } = renderApp("/connections/new");
    await user.type(await screen.findByLabelText(/^Name/, {}, { timeout: 5000 }), "northwind");
    await user.type(screen.getByLabelText(/^Tenant/), "northwind.onmicrosoft.com");
    await user.type(screen.getByLabelText(/^Client ID/), "6f1c2a9e-5b0d-4c1e-9a43-2d7e8f0b1c3a");
    await user.click(screen.getByLabelText("Certificate"));
    const file = new File([`${CERTIFICATE}\n${KEY}\n`], "northwind.pem", { type: "application/x-pem-file" });
    await user.upload(screen.getByLabelText("Choose the certificate file…"), file);
    await screen.findByText("Read northwind.pem.");
    expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: /^Private key/ }).value).toBe(`${KEY}\n`);
    await user.type(screen.getByLabelText(/^Passphrase/), "s3cret");
    await user.click(screen.getByRole("button", { name: "Create connection" }));

    await waitFor(() => expect(location()).toBe("/connections/c9"));
    const sent = requests.find((r) => r.path === "/api/connections")!.body as NewConnection;
    expect(sent).toEqual({
      name: "northwind",
      tenant: "northwind.onmicrosoft.com",
      clientId: "6f1c2a9e-5b0d-4c1e-9a43-2d7e8f0b1c3a",
      certificate: { certificatePem: `${CERTIFICATE}\n`, privateKey: `${KEY}\n`, passphrase: "s3cret" },
      cloud: "global",
    });
    await waitFor(() => expect(requests.some((r) => r.path === "/api/connections/c9/check")).toBe(true));
    await screen.findByText("Connected", {}, { timeout: 3000 });
  });

  it("takes a key file dropped on its field", async () => {
    fakeApi(signedIn);
    const { user } = renderApp("/connections/new");
    await user.click(await screen.findByLabelText("Certificate", {}, { timeout: 5000 }));
    const key = screen.getByRole<HTMLTextAreaElement>("textbox", { name: /^Private key/ });
    fireEvent.drop(key, { dataTransfer: { files: [new File([KEY], "key.pem")] } });
    await waitFor(() => expect(key.value).toBe(`${KEY}\n`));
  });

  it("shows beside the endpoints that the deployment does not allow them, keeping what was typed", async () => {
    fakeApi({
      ...signedIn,
      "POST /api/connections": [
        400,
        {
          error: {
            code: "endpoint_not_allowed",
            message:
              "login.lab.example resolves to a private address: start crosscal serve with --allow-endpoint-host login.lab.example",
            field: "body/endpoints",
          },
        },
      ],
    });
    const { user } = renderApp("/connections/new");
    await user.type(await screen.findByLabelText(/^Name/, {}, { timeout: 5000 }), "lab");
    await user.selectOptions(screen.getByLabelText("Cloud"), "custom");
    const endpoints = screen.getByRole("group", { name: "Custom endpoints" });
    await user.type(within(endpoints).getByLabelText(/^Authority/), "https://login.lab.example");
    await user.type(within(endpoints).getByLabelText(/^Graph$|^Graph \*/), "https://graph.lab.example");
    await user.click(screen.getByRole("button", { name: "Create connection" }));

    await within(endpoints).findByText(/--allow-endpoint-host login.lab.example/);
    const authority = within(endpoints).getByLabelText<HTMLInputElement>(/^Authority/);
    expect(authority.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(authority);
    expect(authority.value).toBe("https://login.lab.example");
  });

  it("asks for the credential beside it when an edit moves the connection to other hosts", async () => {
    const requests = fakeApi({
      ...signedIn,
      "GET /api/connections/c1": [200, connection("c1", "contoso")],
      "PATCH /api/connections/c1": [
        400,
        {
          error: {
            code: "credential_required",
            message:
              "moving the connection to other hosts needs its credential again: give clientSecret or certificate",
            field: "body/clientSecret",
          },
        },
      ],
    });
    const { user } = renderApp("/connections/c1");
    const form = await screen.findByRole("form", { name: "Edit contoso" }, { timeout: 5000 });
    await user.selectOptions(within(form).getByLabelText("Cloud"), "usgov");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    await within(form).findByText(/needs its credential again/);
    // Only what changed is sent.
    expect(requests.find((r) => r.method === "PATCH")!.body).toEqual({ cloud: "usgov" });
    await user.click(within(form).getByLabelText("A new client secret"));
    expect(
      within(form)
        .getByLabelText(/^Client secret/)
        .getAttribute("aria-invalid"),
    ).toBe("true");
  });

  it("refuses to delete a connection a sync uses, naming the syncs", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/connections": [200, { connections: [connection("c1", "contoso")] }],
      "DELETE /api/connections/c1": [
        409,
        {
          error: {
            code: "connection_in_use",
            message:
              'connection "contoso" is used by the syncs contoso-fabrikam, contoso-northwind: delete or change them first',
          },
        },
      ],
    });
    const { user } = renderApp("/connections");
    await user.click(await screen.findByRole("button", { name: "Delete contoso" }, { timeout: 5000 }));
    const dialog = await screen.findByRole("dialog", { name: "Delete the connection “contoso”?" });
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Cancel"));
    await user.click(within(dialog).getByRole("button", { name: "Delete connection" }));
    const refusal = await within(dialog).findByRole("alert");
    expect(refusal.textContent).toContain("A sync uses this connection");
    expect(refusal.textContent).toContain("contoso-fabrikam, contoso-northwind");
  });

  it("gets the admin-consent link from the API and offers it as the way to Microsoft", async () => {
    const url =
      "https://login.microsoftonline.com/fabrikam.onmicrosoft.com/adminconsent?client_id=6f1c&redirect_uri=https%3A%2F%2Fcrosscal.example.com%2Fapi%2Fconnections%2Fconsent&state=abc";
    const requests = fakeApi({
      ...signedIn,
      "GET /api/connections": [200, { connections: [] }],
      "POST /api/connections/consent": [200, { url, expiresAt: "2025-03-01T09:15:00.000Z" }],
    });
    const { user } = renderApp("/connections");
    await user.click(
      await screen.findByRole("button", { name: "Add with admin consent" }, { timeout: 5000 }),
    );
    const dialog = await screen.findByRole("dialog", { name: "Add a connection with this deployment's app" });
    await user.type(within(dialog).getByLabelText(/^Name/), "fabrikam");
    await user.type(within(dialog).getByLabelText(/^Tenant/), "fabrikam.onmicrosoft.com");
    await user.click(within(dialog).getByRole("button", { name: "Get the consent link" }));

    const go = await within(dialog).findByRole("link", { name: "Go to Microsoft's consent page" });
    expect(go.getAttribute("href")).toBe(url);
    expect(within(dialog).getByLabelText<HTMLInputElement>("Consent link").value).toBe(url);
    expect(requests.find((r) => r.method === "POST")!.body).toEqual({
      name: "fabrikam",
      tenant: "fabrikam.onmicrosoft.com",
    });
  });

  it("says what to set when the deployment has no app for admin consent", async () => {
    fakeApi({
      ...signedIn,
      "GET /api/connections": [200, { connections: [] }],
      "POST /api/connections/consent": [
        409,
        {
          error: {
            code: "consent_app_missing",
            message:
              "this deployment has no multi-tenant app for admin consent: set CROSSCAL_APP_CLIENT_ID and CROSSCAL_APP_CLIENT_SECRET and restart crosscal serve",
          },
        },
      ],
    });
    const { user } = renderApp("/connections");
    await user.click(
      await screen.findByRole("button", { name: "Add with admin consent" }, { timeout: 5000 }),
    );
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText(/^Name/), "fabrikam");
    await user.click(within(dialog).getByRole("button", { name: "Get the consent link" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("CROSSCAL_APP_CLIENT_ID");
  });
});
