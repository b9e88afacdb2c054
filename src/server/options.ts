import type { DestinationStream } from "pino";
import type { ConnectionCheckOptions } from "../connections/connection-check.js";
import type { ConsentApp } from "../connections/consent-app.js";
import { type EndpointPolicy, NO_CUSTOM_ENDPOINTS } from "../connections/endpoint-policy.js";
import type { ServiceHooks } from "../jobs/service-types.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { Store } from "../store/database.js";
import { DEFAULT_SCRYPT_COST, type ScryptCost } from "./auth/passwords.js";
import type { LiveUpdateOptions } from "./plugins/live-updates.js";
import type { ServiceMetrics } from "./plugins/metrics.js";

/** Sign-in throttling: see src/server/auth/login-limit.ts. */
export interface LoginLimits {
  /** Failed sign-ins in a row allowed for one username at one client address before delays begin. */
  freePerUsernameAtAddress: number;
  /** Failed sign-ins in a row allowed from one client address, whatever the usernames. */
  freePerAddress: number;
  /** The delay after the first failure beyond the free ones; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** A key's failures are forgotten this long after its last one. */
  forgetAfterMs: number;
}

export interface SessionLifetime {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, however active. */
  absoluteMs: number;
}

export interface ServerOptions {
  db: Store;
  /** Structured logs (pino, JSON lines; secrets redacted); off when omitted. */
  log?: { level?: string; stream?: DestinationStream };
  /** The clock every expiry rule reads; tests move it. */
  now?: () => Date;
  /** Largest request body accepted, in bytes (default 1 MiB); larger ones get 413. */
  bodyLimit?: number;
  loginLimits?: Partial<LoginLimits>;
  session?: Partial<SessionLifetime>;
  /** scrypt cost for new password hashes (tests lower it). */
  passwordCost?: ScryptCost;
  /** Behind a reverse proxy: trust its X-Forwarded-* headers for the client address and https. */
  trustProxy?: boolean;
  /** Seals and opens connection secrets; without it, routes that need a secret answer 503. */
  secrets?: SecretBox;
  /** Limits of a connection's live check (tests shorten them). */
  connectionCheck?: ConnectionCheckOptions;
  /**
   * The https origin Microsoft reaches this service at (webhooks, admin-consent redirects), no trailing
   * slash, e.g. https://crosscal.example.com. Without it no subscription is made (periodic reconcile only).
   */
  publicUrl?: string;
  /** The running service (Graph clients, profile actions, runs); routes that need it answer 503 without. */
  service?: ServiceHooks;
  /** The metrics the service's runs feed too (default: a registry of the app's own). */
  metrics?: ServiceMetrics;
  /**
   * The deployment's own multi-tenant app registration, for connections made through admin consent
   * (`/api/connections/consent`); without it that flow answers 409.
   */
  consentApp?: ConsentApp;
  /** Which custom endpoints connections may be given through the API (default: none). */
  endpointPolicy?: EndpointPolicy;
  /** The live update stream's pace and limits (tests shorten them). */
  liveUpdates?: Partial<LiveUpdateOptions>;
  /** The built dashboard served at `/` (default: web/dist, made by `npm run build`). */
  dashboardDir?: string;
}

export interface ServerSettings {
  db: Store;
  now: () => Date;
  loginLimits: LoginLimits;
  session: SessionLifetime;
  passwordCost: ScryptCost;
  secrets: SecretBox | undefined;
  connectionCheck: ConnectionCheckOptions;
  publicUrl: string | undefined;
  service: ServiceHooks | undefined;
  consentApp: ConsentApp | undefined;
  endpointPolicy: EndpointPolicy;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const MINUTE = 60_000;

export function settingsOf(options: ServerOptions): ServerSettings {
  return {
    db: options.db,
    now: options.now ?? (() => new Date()),
    loginLimits: {
      freePerUsernameAtAddress: 5,
      freePerAddress: 20,
      baseDelayMs: 1000,
      maxDelayMs: 15 * MINUTE,
      forgetAfterMs: 24 * 60 * MINUTE,
      ...options.loginLimits,
    },
    session: { idleMs: 2 * 60 * MINUTE, absoluteMs: 12 * 60 * MINUTE, ...options.session },
    passwordCost: options.passwordCost ?? DEFAULT_SCRYPT_COST,
    secrets: options.secrets,
    connectionCheck: options.connectionCheck ?? {},
    publicUrl: options.publicUrl,
    service: options.service,
    consentApp: options.consentApp,
    endpointPolicy: options.endpointPolicy ?? NO_CUSTOM_ENDPOINTS,
  };
}
