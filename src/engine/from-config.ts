import type { Connection, Sync } from "../config/types.js";
import type { CalendarPort } from "../core/calendar-port.js";
import type { Side } from "../core/event.js";
import { type AppCredential, MsalTokenSource } from "../graph/auth.js";
import { GraphCalendar } from "../graph/calendar.js";
import { GraphClient, type GraphClientOptions } from "../graph/client.js";
import type { GraphEndpoints } from "../graph/endpoints.js";
import { AppLimiters } from "../graph/mailbox-limiter.js";
import type { StartMode } from "../store/schema.js";
import type { SyncSettings } from "./settings.js";

const settingsOfSync = new WeakMap<Sync, SyncSettings>();

/**
 * How one sync of the config file behaves, in the engine's terms. One object per sync, shared by all its
 * profiles' runs: the engine compiles a settings object's mapping and rules once.
 */
export function syncSettings(sync: Sync): SyncSettings {
  let settings = settingsOfSync.get(sync);
  if (!settings) {
    settings = {
      direction: sync.direction,
      mapping: sync.mapping,
      pastDays: sync.window.pastDays,
      copyReminders: sync.policies.copyReminders,
      massDeletionShare: sync.policies.massDeletionShare,
      massDeletionMinimum: sync.policies.massDeletionMinimum,
      emptySideGuard: sync.policies.emptySideGuard,
      fields: sync.fields,
      rules: sync.rules,
    };
    settingsOfSync.set(sync, settings);
  }
  return settings;
}

/** The config file spells start modes with a dash, the store with an underscore. */
export function storeStartMode(sync: Sync): StartMode {
  return sync.startMode === "only-new" ? "only_new" : "merge";
}

function endpointsOf(connection: Connection): GraphEndpoints {
  return {
    authorityHost: connection.endpoints.authority,
    graphBaseUrl: `${connection.endpoints.graph}/v1.0`,
    scope: connection.endpoints.graphScope,
    custom: connection.cloud === "custom",
  };
}

function credentialOf(connection: Connection): AppCredential {
  const credential = connection.credential;
  if (credential.kind === "client-secret") return { kind: "secret", secret: credential.secret.reveal() };
  // Only a config applied through the API keeps a stored credential; files on the command line name theirs.
  if (credential.kind === "stored") {
    throw new Error(`connection "${connection.name}" names no credential of its own`);
  }
  return {
    kind: "certificate",
    certificatePem: credential.certificatePem,
    privateKeyPem: credential.privateKey.reveal(),
  };
}

export type ClientOptions = Omit<GraphClientOptions, "endpoints" | "tokens" | "limiter">;

/**
 * Graph clients for a config's connections: one per connection (one token cache per app and tenant),
 * sharing one MailboxLimiter per app, since Exchange counts concurrent requests per app and mailbox
 * whatever the tenant connection they come through.
 */
export class ConnectionPool {
  private readonly clients = new Map<string, GraphClient>();
  private readonly limiters = new AppLimiters();

  constructor(private readonly options: ClientOptions = {}) {}

  client(connection: Connection): GraphClient {
    let client = this.clients.get(connection.name);
    if (!client) {
      const endpoints = endpointsOf(connection);
      const tokens = new MsalTokenSource({
        tenant: connection.tenant,
        clientId: connection.clientId,
        credential: credentialOf(connection),
        endpoints,
        label: connection.name,
      });
      client = new GraphClient({
        ...this.options,
        endpoints,
        tokens,
        limiter: this.limiters.forApp(connection.clientId),
      });
      this.clients.set(connection.name, client);
    }
    return client;
  }

  calendar(connection: Connection, mailbox: string): GraphCalendar {
    return new GraphCalendar({ requester: this.client(connection), mailbox });
  }

  /** Side A's calendar through the sync's connection a, side B's through connection b. */
  portsFor(sync: Sync, mailboxes: { mailboxA: string; mailboxB: string }): Record<Side, CalendarPort> {
    return { A: this.calendar(sync.a, mailboxes.mailboxA), B: this.calendar(sync.b, mailboxes.mailboxB) };
  }
}
