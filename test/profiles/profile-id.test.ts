import { describe, expect, it } from "vitest";
import { profileIdOf } from "../../src/profiles/profile-id.js";

describe("profile ids", () => {
  it("are name-based UUIDs of the sync and both mailboxes, whatever the mailboxes' case", () => {
    const id = profileIdOf("contoso-fabrikam", "adele@contoso.com", "adele@fabrikam.com");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(profileIdOf("contoso-fabrikam", "Adele@Contoso.com", "ADELE@fabrikam.com")).toBe(id);
    expect(profileIdOf("other-sync", "adele@contoso.com", "adele@fabrikam.com")).not.toBe(id);
    expect(profileIdOf("contoso-fabrikam", "adele@fabrikam.com", "adele@contoso.com")).not.toBe(id);
  });
});
