import type { Store } from "../../src/store/database.js";
import { insertProfile, type NewProfile, type Profile } from "../../src/store/profiles.js";

/** Fixed instants: the store never reads a clock, so tests choose every time it records. */
export const T0 = new Date("2025-03-01T09:00:00.000Z");
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let counter = 0;

/** A profile with unique mailboxes, for tests that need one to hang rows off. */
export async function someProfile(db: Store, overrides: Partial<NewProfile> = {}): Promise<Profile> {
  counter++;
  return insertProfile(
    db,
    {
      sync: "contoso-fabrikam",
      name: `Person ${counter}`,
      mailboxA: `person${counter}@contoso.example`,
      mailboxB: `person${counter}@fabrikam.example`,
      startMode: "merge",
      ...overrides,
    },
    T0,
  );
}
