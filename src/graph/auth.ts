import {
  type AuthenticationResult,
  ConfidentialClientApplication,
  type Configuration,
} from "@azure/msal-node";
import { type Dispatcher, request as undiciRequest } from "undici";
import {
  type AuthSubject,
  localCredentialError,
  type TokenAcquisitionError,
  tokenErrorFromMsal,
  unreachableAuthorityError,
} from "./auth-errors.js";
import { CertificateError, type CertificateProblem, readCertificate } from "./certificate.js";
import type { GraphEndpoints } from "./endpoints.js";
import { sharedAgent } from "./http.js";

export { type AuthFailureReason, TokenAcquisitionError } from "./auth-errors.js";

export type AppCredential =
  | { kind: "secret"; secret: string }
  /** PEM certificate as uploaded to the app registration, and its PEM private key (PKCS#8 or PKCS#1). */
  | { kind: "certificate"; certificatePem: string; privateKeyPem: string };

export interface AppIdentity {
  /** Tenant GUID or verified domain. */
  tenant: string;
  clientId: string;
  credential: AppCredential;
  endpoints: GraphEndpoints;
  /** Names the connection in error messages. */
  label?: string;
}

export interface TokenOptions {
  /** Skip MSAL's cache and ask Entra ID again (after Graph answered 401). */
  forceRefresh?: boolean;
  /**
   * The token Graph just rejected: when another caller has already replaced it, that newer token is
   * returned instead of forcing yet another refresh.
   */
  rejected?: string;
}

export interface TokenSource {
  token(options?: TokenOptions): Promise<string>;
}

/** Why an EC certificate is refused, in every message that says so. */
export const RSA_ONLY =
  "the certificate's key is not RSA: crosscal signs in with PS256, which needs an RSA key (make one with openssl req -newkey rsa:3072, see docs/microsoft-365.md)";

const CERTIFICATE_PROBLEMS: Record<CertificateProblem, string> = {
  "no-certificate": "the certificate is not a readable PEM X.509 certificate",
  "certificate-unreadable": "the certificate is not a readable PEM X.509 certificate",
  "key-unreadable": "the certificate's private key is not a readable PEM private key",
  "key-mismatch": "the private key does not belong to the certificate",
  "key-not-rsa": RSA_ONLY,
};

/** MSAL's certificate credential: SHA-256 thumbprint (PS256 with `x5t#S256`) and the chain for `x5c`. */
function certificateOptions(
  credential: Extract<AppCredential, { kind: "certificate" }>,
  subject: AuthSubject,
): NonNullable<Configuration["auth"]["clientCertificate"]> {
  try {
    const read = readCertificate({
      certificatePem: credential.certificatePem,
      privateKeyPem: credential.privateKeyPem,
    });
    return {
      thumbprintSha256: read.thumbprintSha256,
      privateKey: read.privateKeyPkcs8,
      x5c: credential.certificatePem,
    };
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    throw localCredentialError(subject, CERTIFICATE_PROBLEMS[error.problem], error.cause);
  }
}

/** MSAL renews a cached token this long before it expires (its default tokenRenewalOffsetSeconds). */
const RENEWAL_OFFSET_MS = 5 * 60_000;

/** Until when a token MSAL just returned may be served without asking MSAL again. */
function freshUntil(result: AuthenticationResult): number {
  const expires = result.expiresOn ? result.expiresOn.getTime() - RENEWAL_OFFSET_MS : 0;
  const refresh = result.refreshOn?.getTime() ?? Number.POSITIVE_INFINITY;
  return Math.min(expires, refresh);
}

/**
 * App-only tokens for one app in one tenant, through MSAL's client-credentials flow. MSAL caches the
 * token until shortly before it expires; concurrent callers share one acquisition.
 *
 * The last token is also kept here until the moment MSAL itself would stop serving it from its cache
 * (five minutes before expiry, or its refresh_in time): a cache hit in MSAL still costs parsing the
 * authority, building cache keys and filtering the cache, which was ~8% of a sync run's CPU for a token
 * asked for on every Graph request.
 */
export class MsalTokenSource implements TokenSource {
  private readonly msal: ConfidentialClientApplication;
  private readonly subject: AuthSubject;
  private readonly authority: string;
  private pending: Promise<string> | undefined;
  private refreshing: Promise<string> | undefined;
  private latest: string | undefined;
  private latestFreshUntil = 0;

  constructor(
    private readonly identity: AppIdentity,
    private readonly dispatcher: Dispatcher = sharedAgent(),
  ) {
    const { endpoints, credential } = identity;
    this.authority = `${endpoints.authorityHost}/${identity.tenant}`;
    this.subject = {
      label: identity.label ?? `${identity.tenant}/${identity.clientId}`,
      tenant: identity.tenant,
      clientId: identity.clientId,
      authorityHost: endpoints.authorityHost,
      secrets: credential.kind === "secret" ? [credential.secret] : [credential.privateKeyPem],
    };
    const auth: Configuration["auth"] = {
      clientId: identity.clientId,
      authority: this.authority,
      // MSAL's instance discovery only knows Microsoft's hosts; a custom host (port included) is trusted as is.
      ...(endpoints.custom ? { knownAuthorities: [new URL(endpoints.authorityHost).host] } : {}),
      ...(credential.kind === "secret"
        ? { clientSecret: credential.secret }
        : { clientCertificate: certificateOptions(credential, this.subject) }),
    };
    this.msal = new ConfidentialClientApplication({ auth });
  }

  async token(options: TokenOptions = {}): Promise<string> {
    if (this.refreshing) return this.refreshing;
    if (options.forceRefresh) {
      if (options.rejected !== undefined && this.latest !== undefined && options.rejected !== this.latest) {
        return this.latest;
      }
      this.refreshing = this.acquire(true).finally(() => {
        this.refreshing = undefined;
      });
      return this.refreshing;
    }
    if (this.latest !== undefined && Date.now() < this.latestFreshUntil) return this.latest;
    this.pending ??= this.acquire(false).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async acquire(skipCache: boolean): Promise<string> {
    let result: AuthenticationResult | null;
    try {
      result = await this.msal.acquireTokenByClientCredential({
        scopes: [this.identity.endpoints.scope],
        skipCache,
      });
    } catch (cause) {
      throw await this.translate(cause);
    }
    const accessToken = result?.accessToken;
    if (!result || !accessToken) {
      throw tokenErrorFromMsal({ errorCode: "empty_response" }, this.subject);
    }
    this.latest = accessToken;
    this.latestFreshUntil = freshUntil(result);
    return accessToken;
  }

  /**
   * MSAL reports an unknown tenant and an unreachable host alike ("endpoints_resolution_error"), so the
   * discovery document is fetched once more here to tell them apart.
   */
  private async translate(cause: unknown): Promise<TokenAcquisitionError> {
    const code = (cause as { errorCode?: string })?.errorCode;
    if (code !== "endpoints_resolution_error" && code !== "network_error") {
      return tokenErrorFromMsal(cause, this.subject);
    }
    const discovery = `${this.authority}/v2.0/.well-known/openid-configuration`;
    try {
      const answer = await undiciRequest(discovery, { dispatcher: this.dispatcher, headersTimeout: 15_000 });
      const body = (await answer.body.json().catch(() => ({}))) as {
        error_codes?: number[];
        error_description?: string;
      };
      const aadsts = body.error_codes?.[0];
      if (aadsts !== undefined) {
        return tokenErrorFromMsal(
          { errorNo: aadsts, errorMessage: body.error_description, status: answer.statusCode },
          this.subject,
        );
      }
      return tokenErrorFromMsal({ errorCode: code, status: answer.statusCode }, this.subject);
    } catch (probeError) {
      const detail = probeError instanceof Error ? probeError.message : String(probeError);
      const errno = (probeError as { code?: string })?.code;
      return unreachableAuthorityError(this.subject, `${detail}${errno ? ` (${errno})` : ""}`, probeError);
    }
  }
}

export function createTokenSource(identity: AppIdentity, dispatcher?: Dispatcher): TokenSource {
  return new MsalTokenSource(identity, dispatcher);
}
