import { createPublicKey } from "node:crypto";
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from "jose";
import type { AppCertificate, AppRegistration, Tenant } from "../world/types.js";
import { aadsts } from "./aadsts.js";

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Entra tolerates this much clock skew on an assertion's `nbf`/`exp` (UNCONFIRMED: 5 minutes is customary). */
const SKEW_SECONDS = 300;

interface Decoded {
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

function decode(assertion: string): Decoded {
  try {
    return { header: decodeProtectedHeader(assertion), claims: decodeJwt(assertion) };
  } catch {
    throw aadsts.malformedAssertion();
  }
}

/** The `sub` (client id) an assertion names, for requests that carry no `client_id` parameter. */
export function assertionSubject(assertion: string): string | undefined {
  const sub = decode(assertion).claims.sub;
  return typeof sub === "string" ? sub : undefined;
}

const hex = (base64url: string | undefined) =>
  base64url ? Buffer.from(base64url, "base64url").toString("hex").toUpperCase() : "";

/**
 * The uploaded certificate an assertion names: PS256 assertions carry the SHA-256 thumbprint
 * (`x5t#S256`), RS256 ones the SHA-1 thumbprint (`x5t`), as msal-node writes them.
 */
function certificateFor(app: AppRegistration, header: ProtectedHeaderParameters): AppCertificate | undefined {
  const s256 = header["x5t#S256"];
  const sha1 = header.x5t;
  return app.certificates.find(
    (cert) =>
      (typeof s256 === "string" && cert.x5tS256 === s256) || (typeof sha1 === "string" && cert.x5t === sha1),
  );
}

async function verifySignature(assertion: string, app: AppRegistration, header: ProtectedHeaderParameters) {
  const thumbprint = hex((header["x5t#S256"] as string | undefined) ?? header.x5t);
  const certificate = certificateFor(app, header);
  if (!certificate) throw aadsts.assertionSignature("The key was not found.", thumbprint, app.clientId);
  try {
    await compactVerify(assertion, createPublicKey(certificate.certPem), { algorithms: ["RS256", "PS256"] });
  } catch {
    throw aadsts.assertionSignature(
      "The provided signature value did not match the expected signature value.",
      thumbprint,
      app.clientId,
    );
  }
}

/** Token endpoint URLs an assertion may name as `aud` for this tenant: GUID or domain, v2 or v1. */
function acceptedAudiences(baseUrl: string, tenant: Tenant, requestedTenant: string): Set<string> {
  const names = [tenant.id, tenant.domain, requestedTenant.toLowerCase()];
  const urls = names.flatMap((name) => [
    `${baseUrl}/${name}/oauth2/v2.0/token`,
    `${baseUrl}/${name}/oauth2/token`,
  ]);
  return new Set(urls.map((url) => url.toLowerCase()));
}

/**
 * Checks a certificate client assertion as Entra does: signature against one of the app's uploaded
 * certificates, `iss` = `sub` = client id, `aud` = this tenant's token endpoint, `nbf`/`exp` against the
 * emulator clock. `jti` replay is deliberately not rejected: msal-node reuses one assertion (same `jti`)
 * for every token request until it is close to expiry, and Entra accepts that.
 */
export async function verifyClientAssertion(
  assertion: string,
  input: { app: AppRegistration; tenant: Tenant; requestedTenant: string; baseUrl: string; now: Date },
): Promise<void> {
  const { header, claims } = decode(assertion);
  if (header.alg !== "RS256" && header.alg !== "PS256") throw aadsts.malformedAssertion();
  await verifySignature(assertion, input.app, header);
  if (claims.iss !== input.app.clientId || claims.sub !== input.app.clientId)
    throw aadsts.assertionClientMismatch();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const accepted = acceptedAudiences(input.baseUrl, input.tenant, input.requestedTenant);
  if (!audiences.some((aud) => typeof aud === "string" && accepted.has(aud.toLowerCase()))) {
    throw aadsts.assertionAudience();
  }
  const now = Math.floor(input.now.getTime() / 1000);
  const expired = typeof claims.exp !== "number" || claims.exp + SKEW_SECONDS <= now;
  const early = typeof claims.nbf === "number" && claims.nbf - SKEW_SECONDS > now;
  if (expired || early) throw aadsts.assertionTime(input.now, claims.nbf, claims.exp);
}
