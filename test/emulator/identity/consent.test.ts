import type { RunningEmulator } from "m365-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, msalFor, tokenFor } from "../../helpers/clients.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { controlFetch, graphGet } from "../../helpers/http.js";
import {
  decodeClaims,
  type IdentityFixture,
  postToken,
  REDIRECT_URI,
  secretForm,
  seedIdentity,
} from "./fixture.js";

describe("admin consent", () => {
  let emulator: RunningEmulator;
  let fixture: IdentityFixture;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    fixture = await seedIdentity(emulator);
  });
  afterEach(() => emulator.close());

  const consentUrl = (authority: string, clientId: string, redirectUri = REDIRECT_URI, state = "s-42") =>
    `${emulator.url}/${authority}/adminconsent?client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}`;

  const decide = (body: Record<string, string>) => controlFetch(emulator, "PUT", "/consent-decision", body);

  const follow = async (url: string) => {
    const response = await fetch(url, { redirect: "manual" });
    const location = response.headers.get("location");
    return { status: response.status, location: location ? new URL(location) : undefined, response };
  };

  it("redirects with admin_consent=True&tenant&state after an accepted consent, and the app gets its roles there", async () => {
    const before = await postToken(emulator, "fabrikam.test", secretForm(fixture.crosscal, "contoso-secret"));
    expect(before.body.error_codes).toEqual([700016]);
    expect((await decide({ decision: "accept" })).status).toBe(200);
    const { status, location } = await follow(consentUrl("fabrikam.test", fixture.crosscal));
    expect(status).toBe(302);
    expect(`${location!.origin}${location!.pathname}`).toBe(REDIRECT_URI);
    expect(Object.fromEntries(location!.searchParams)).toEqual({
      admin_consent: "True",
      tenant: fixture.fabrikam.id,
      state: "s-42",
    });
    const token = await tokenFor(emulator, fixture.fabrikam.id, fixture.crosscal, "contoso-secret");
    expect(decodeClaims(token).tid).toBe(fixture.fabrikam.id);
    const users = await graphGet(emulator, token, "/users/megan@fabrikam.test");
    expect(users.status).toBe(200);
  });

  it("consents through /common in the administrator's tenant chosen by the control API", async () => {
    await decide({ decision: "accept", tenant: "fabrikam.test" });
    const { location } = await follow(consentUrl("common", fixture.crosscal));
    expect(location!.searchParams.get("tenant")).toBe(fixture.fabrikam.id);
    expect(fixture.fabrikam.servicePrincipals.get(fixture.crosscal)?.consented).toBe(true);
  });

  it("redirects with error=permission_denied when the admin cancels", async () => {
    await decide({ decision: "deny" });
    const { status, location } = await follow(consentUrl("organizations", fixture.crosscal));
    expect(status).toBe(302);
    expect(location!.searchParams.get("error")).toBe("permission_denied");
    expect(location!.searchParams.get("error_description")).toBe("The admin canceled the request");
    expect(location!.searchParams.get("state")).toBe("s-42");
    expect(fixture.fabrikam.servicePrincipals.has(fixture.crosscal)).toBe(false);
  });

  it("refuses a redirect URI that is not registered, with an AADSTS50011 page", async () => {
    await decide({ decision: "accept" });
    const { status, response } = await follow(
      consentUrl("fabrikam.test", fixture.crosscal, "https://evil.example/cb"),
    );
    expect(status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("AADSTS50011");
  });

  it("refuses consent for a single-tenant app in another tenant", async () => {
    await decide({ decision: "accept" });
    const { status, response } = await follow(consentUrl("fabrikam.test", fixture.single));
    expect(status).toBe(400);
    expect(await response.text()).toContain("AADSTS700016");
  });

  it("shows an Accept/Cancel page by default, whose Accept completes the flow", async () => {
    const page = await fetch(consentUrl("common", fixture.crosscal));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="accept"');
    expect(html).toContain("Calendars.ReadWrite");
    expect(html).toContain(fixture.fabrikam.id);
    const response = await fetch(`${emulator.url}/common/adminconsent`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: fixture.crosscal,
        redirect_uri: REDIRECT_URI,
        state: "page",
        decision: "accept",
        consent_tenant: fixture.fabrikam.id,
      }).toString(),
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("admin_consent")).toBe("True");
    expect(location.searchParams.get("tenant")).toBe(fixture.fabrikam.id);
  });

  it("keeps stale tokens: a token minted before consent lacks roles until a fresh one is requested", async () => {
    const msal = msalFor(emulator, "contoso.test", fixture.unconsented, {
      clientSecret: "unconsented-secret",
    });
    const stale = (await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }))!.accessToken;
    expect((await graphGet(emulator, stale, "/users")).status).toBe(403);
    emulator.ctx.world.apps.get(fixture.unconsented)!.requiredRoles = ["User.Read.All"];
    await decide({ decision: "accept" });
    expect((await follow(consentUrl("contoso.test", fixture.unconsented))).status).toBe(400); // no redirect URI registered
    emulator.ctx.world.apps.get(fixture.unconsented)!.redirectUris.push(REDIRECT_URI);
    expect((await follow(consentUrl("contoso.test", fixture.unconsented))).status).toBe(302);
    expect((await graphGet(emulator, stale, "/users")).status).toBe(403);
    const cached = (await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }))!.accessToken;
    expect(cached).toBe(stale);
    const fresh = (await msal.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE], skipCache: true }))!
      .accessToken;
    expect(decodeClaims(fresh).roles).toEqual(["User.Read.All"]);
    expect((await graphGet(emulator, fresh, "/users")).status).toBe(200);
  });
});
