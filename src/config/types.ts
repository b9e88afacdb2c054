import type { FieldOverrides, MappingSpec } from "../core/mapping/custom.js";
import type { MappingPreset } from "../core/mapping/presets.js";
import type { RuleSpec } from "../core/rules/rules.js";
import type { CloudName, Direction, StartMode } from "./schema.js";
import type { Secret } from "./secret.js";

/** A loaded config file: defaults applied, references and secrets resolved, file paths absolute. */
export interface Config {
  /** Absolute path of the file it was read from. */
  file: string;
  connections: Connection[];
  /** Custom mappings by name, as written under `mappings:` (syncs and rules hold them resolved). */
  mappings: Record<string, MappingSpec>;
  syncs: Sync[];
}

export interface Connection {
  name: string;
  /** The tenant's GUID or verified domain, as written. */
  tenant: string;
  clientId: string;
  cloud: CloudName;
  endpoints: Endpoints;
  credential: Credential;
}

export interface Endpoints {
  /** Entra ID host, no trailing slash: the MSAL authority is `${authority}/${tenant}`. */
  authority: string;
  /** Graph host, no trailing slash and no version segment. */
  graph: string;
  graphScope: string;
}

export type Credential = ClientSecretCredential | CertificateCredential | StoredCredential;

/**
 * Where a secret came from: an environment variable or a file (the command line), or its value in a
 * config applied through the REST API.
 */
export type SecretSource = { env: string } | { file: string } | { value: "given" };

/**
 * A config applied through the REST API that names no credential for a connection: the one the store
 * holds stays (allowed only for a connection that exists, on unchanged endpoints).
 */
export interface StoredCredential {
  kind: "stored";
}

export interface ClientSecretCredential {
  kind: "client-secret";
  secret: Secret;
  source: SecretSource;
}

export interface CertificateCredential {
  kind: "certificate";
  certificateFile: string;
  privateKeyFile: string;
  passphraseEnv?: string;
  /** The public certificate (PEM), sent as `x5c`. */
  certificatePem: string;
  /** Hex SHA-256 thumbprint of the certificate, as MSAL's `thumbprintSha256` wants it. */
  thumbprintSha256: string;
  /** Unencrypted PKCS#8 PEM of the private key. */
  privateKey: Secret;
}

export interface Sync {
  name: string;
  a: Connection;
  b: Connection;
  direction: Direction;
  /** The preset, or the preset the sync's custom mapping starts from (see `fields`). */
  mapping: MappingPreset;
  /** The custom mapping's fields decided otherwise than by the preset; empty for a plain preset. */
  fields: FieldOverrides;
  /** The name of the mapping under `mappings:` the sync uses, if it uses one. */
  mappingName?: string;
  /** In order, with the mappings they pick resolved. */
  rules: RuleSpec[];
  startMode: StartMode;
  window: { pastDays: number };
  policies: Policies;
  profiles: Profile[];
}

export interface Policies {
  copyReminders: boolean;
  massDeletionShare: number;
  massDeletionMinimum: number;
  emptySideGuard: boolean;
}

export interface Profile {
  name: string;
  /** Mailbox (UPN or address) in connection a. */
  a: string;
  /** Mailbox (UPN or address) in connection b. */
  b: string;
}
