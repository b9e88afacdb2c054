import { beforeEach, expect, it } from "vitest";
import {
  deleteExpiredConsentRequests,
  insertConsentRequest,
  takeConsentRequest,
} from "../../src/store/consent-requests.js";
import { at, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const request = (stateHash: string, expiresInMinutes: number) => ({
  stateHash,
  connectionName: `conn-${stateHash}`,
  tenant: null,
  actor: "admin",
  expiresAt: at(expiresInMinutes).toISOString(),
});

describeStores("consent requests", ({ db, openAnother }) => {
  // They hang off no profile: the shared reset does not reach them.
  beforeEach(async () => {
    await db().deleteFrom("consentRequests").execute();
  });

  it("gives a request back once: whoever takes it first owns it", async () => {
    const stored = await insertConsentRequest(db(), { ...request("aa", 15), tenant: "contoso.test" }, T0);
    expect(stored).toEqual({
      stateHash: "aa",
      connectionName: "conn-aa",
      tenant: "contoso.test",
      actor: "admin",
      expiresAt: at(15).toISOString(),
      createdAt: T0.toISOString(),
    });
    expect(await takeConsentRequest(db(), "bb")).toBeUndefined();
    // Two connections racing for the same state: exactly one gets it.
    const taken = await Promise.all([
      takeConsentRequest(db(), "aa"),
      takeConsentRequest(openAnother(), "aa"),
    ]);
    expect(taken.filter(Boolean)).toEqual([stored]);
    expect(await takeConsentRequest(db(), "aa")).toBeUndefined();
  });

  it("forgets expired requests and keeps the others", async () => {
    await insertConsentRequest(db(), request("old", 5), T0);
    await insertConsentRequest(db(), request("new", 20), T0);
    expect(await deleteExpiredConsentRequests(db(), at(5))).toBe(1);
    expect(await takeConsentRequest(db(), "old")).toBeUndefined();
    expect(await takeConsentRequest(db(), "new")).toMatchObject({ connectionName: "conn-new" });
  });
});
