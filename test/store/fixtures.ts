import type { NewConnection } from "../../src/store/connections.js";
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

/**
 * A connection row as the connections API would store it: a client secret (sealed text given or a stand-in
 * that never opens), the global cloud, no probe mailbox. Tests override what they are about.
 */
export function newConnection(
  id: string,
  name: string,
  overrides: Partial<NewConnection> = {},
): NewConnection {
  return {
    id,
    name,
    tenant: `${name}.onmicrosoft.com`,
    clientId: "11111111-1111-4111-8111-111111111111",
    credentialKind: "secret",
    sealedCredential: "v1.keyid.iv.tag.ciphertext",
    certificatePem: null,
    certificateThumbprint: null,
    cloud: "global",
    authorityHost: null,
    graphHost: null,
    graphScope: null,
    probeMailbox: null,
    ...overrides,
  };
}
