import { describe, expect, it } from "vitest";
import {
  ConsentAppConfigError,
  consentAppFromEnv,
  consentAuthority,
} from "../../src/connections/consent-app.js";

const CLIENT_ID = "0f1e2d3c-4b5a-4678-9abc-def012345678";
const SECRET = "Q7~the-consent-app-secret";

describe("the consent app from the environment", () => {
  it("is absent without a client id", () => {
    expect(consentAppFromEnv({})).toBeUndefined();
  });

  it("reads the client id and secret, in the global cloud by default", () => {
    const app = consentAppFromEnv({ CROSSCAL_APP_CLIENT_ID: CLIENT_ID, CROSSCAL_APP_CLIENT_SECRET: SECRET });
    expect(app).toEqual({ clientId: CLIENT_ID, clientSecret: SECRET, cloud: "global" });
    expect(consentAuthority(app!)).toBe("https://login.microsoftonline.com");
  });

  it("takes a national cloud by name, or a custom authority (Graph at the same origin unless told)", () => {
    const base = { CROSSCAL_APP_CLIENT_ID: CLIENT_ID, CROSSCAL_APP_CLIENT_SECRET: SECRET };
    const usgov = consentAppFromEnv({ ...base, CROSSCAL_APP_AUTHORITY: "usgov" })!;
    expect(usgov.cloud).toBe("usgov");
    expect(consentAuthority(usgov)).toBe("https://login.microsoftonline.us");
    const custom = consentAppFromEnv({ ...base, CROSSCAL_APP_AUTHORITY: "https://127.0.0.1:8443/" })!;
    expect(custom).toMatchObject({
      cloud: "custom",
      endpoints: { authority: "https://127.0.0.1:8443/", graph: "https://127.0.0.1:8443/" },
    });
    expect(consentAuthority(custom)).toBe("https://127.0.0.1:8443");
    const proxied = consentAppFromEnv({
      ...base,
      CROSSCAL_APP_AUTHORITY: "https://login.proxy.example",
      CROSSCAL_APP_GRAPH: "https://graph.proxy.example",
    })!;
    expect(proxied.endpoints).toEqual({
      authority: "https://login.proxy.example",
      graph: "https://graph.proxy.example",
    });
  });

  it("refuses incomplete or unusable settings, naming the variable and never the secret", () => {
    const cases = [
      [{ CROSSCAL_APP_CLIENT_SECRET: SECRET }, /CROSSCAL_APP_CLIENT_SECRET needs CROSSCAL_APP_CLIENT_ID/],
      [{ CROSSCAL_APP_CLIENT_ID: "crosscal" }, /CROSSCAL_APP_CLIENT_ID must be an application \(client\) ID/],
      [{ CROSSCAL_APP_CLIENT_ID: CLIENT_ID }, /CROSSCAL_APP_CLIENT_SECRET is not/],
      [
        {
          CROSSCAL_APP_CLIENT_ID: CLIENT_ID,
          CROSSCAL_APP_CLIENT_SECRET: SECRET,
          CROSSCAL_APP_AUTHORITY: "http://login.example",
        },
        /CROSSCAL_APP_AUTHORITY must be one of global, usgov, usgov-dod, china or an https URL/,
      ],
    ] as const;
    for (const [env, message] of cases) {
      let caught: unknown;
      try {
        consentAppFromEnv(env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConsentAppConfigError);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain(SECRET);
    }
  });
});
