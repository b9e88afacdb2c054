import { createPublicKey, type KeyObject } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type JWK,
  jwtVerify,
  SignJWT,
} from "jose";
import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import type { GraphPrincipal } from "../graph/principal.js";
import { newGuid } from "../ids.js";
import type { AppRegistration, ServicePrincipal, Tenant } from "../world/types.js";
import type { ConsentDecision } from "./admin-consent.js";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

function unauthorized(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message, {
    "WWW-Authenticate": `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  });
}

/** Signing keys, token issuance and verification (Entra ID side). */
export class IdentityService {
  private privateKey!: Awaited<ReturnType<typeof importPKCS8>>;
  private publicKey!: KeyObject;
  /** The signing key's id (`kid`), as published in the JWKS document. */
  keyId = "";
  publicJwk!: JWK;
  /** How the emulated administrator answers the admin-consent page (control API: /_emulator/consent-decision). */
  consentDecision: ConsentDecision = { decision: "prompt" };

  constructor(readonly ctx: EmulatorContext) {}

  /** Back to start-up behaviour (the signing key is kept, so issued tokens stay verifiable). */
  reset(): void {
    this.consentDecision = { decision: "prompt" };
  }

  /** Loads or creates the RS256 token-signing key in the state folder, so tokens survive restarts. */
  async init(stateDir: string): Promise<void> {
    await mkdir(stateDir, { recursive: true });
    const file = path.join(stateDir, "signing-key.pem");
    let pem: string;
    try {
      pem = await readFile(file, "utf8");
    } catch (error) {
      // Only a missing key is made anew: replacing an unreadable one would void every token issued so far.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      const pair = await generateKeyPair("RS256", { extractable: true });
      pem = await exportPKCS8(pair.privateKey);
      await writeFile(file, pem, { mode: 0o600 });
    }
    this.privateKey = await importPKCS8(pem, "RS256", { extractable: true });
    this.publicKey = createPublicKey(pem);
    this.publicJwk = await exportJWK(this.publicKey);
    this.keyId = await calculateJwkThumbprint(this.publicJwk);
    this.publicJwk = { ...this.publicJwk, kid: this.keyId, use: "sig", alg: "RS256" };
  }

  /** An app-only Graph access token; it carries the roles granted at this moment (and keeps them). */
  async issueAppToken(tenant: Tenant, app: AppRegistration, sp: ServicePrincipal): Promise<string> {
    const now = Math.floor(this.ctx.clock.now() / 1000);
    const claims: Record<string, unknown> = {
      tid: tenant.id,
      appid: app.clientId,
      app_displayname: app.displayName,
      appidacr: "1",
      oid: sp.id,
      sub: sp.id,
      idtyp: "app",
      ver: "1.0",
      uti: newGuid(),
    };
    if (sp.consented && sp.roles.length > 0) claims.roles = [...sp.roles];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.keyId, x5t: this.keyId })
      .setIssuer(`https://sts.windows.net/${tenant.id}/`)
      .setAudience(GRAPH_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.ctx.settings.tokenLifetimeSeconds)
      .sign(this.privateKey);
  }

  /** Checks a bearer token the way Graph does and returns the app it speaks for. */
  async verifyGraphToken(authorization: string | undefined): Promise<GraphPrincipal> {
    const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (!token) throw unauthorized("Access token is empty.");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        audience: GRAPH_AUDIENCE,
        currentDate: this.ctx.clock.nowDate(),
        clockTolerance: 0,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") throw unauthorized("Lifetime validation failed, the token is expired.");
      if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED")
        throw unauthorized("Access token validation failure. Invalid audience.");
      throw unauthorized("Access token validation failure.");
    }
    // A token of a tenant this emulator does not hold (another emulator's, or from before a full reset).
    if (!this.ctx.world.tenants.has(String(payload.tid))) {
      throw unauthorized("Access token validation failure. Invalid issuer.");
    }
    return {
      tenantId: String(payload.tid),
      clientId: String(payload.appid),
      servicePrincipalId: String(payload.oid),
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
    };
  }
}
