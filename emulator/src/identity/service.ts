import type { EmulatorContext } from "../context.js";

/** Signing keys, token issuance and verification (Entra ID side). */
export class IdentityService {
  constructor(readonly ctx: EmulatorContext) {}

  /** Loads or creates the token-signing key in the state folder. */
  async init(_stateDir: string): Promise<void> {}
}
