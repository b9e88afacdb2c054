import type { CalendarPort } from "../core/calendar-port.js";
import type { Side } from "../core/event.js";
import { MsalTokenSource } from "../graph/auth.js";
import { GraphCalendar } from "../graph/calendar.js";
import { GraphClient, type GraphClientOptions } from "../graph/client.js";
import { AppLimiters } from "../graph/mailbox-limiter.js";
import { fanOut, type GraphEvent } from "../graph/metrics.js";
import type { SecretBox } from "../secrets/secret-box.js";
import { type ConnectionRow, findConnection } from "../store/connections.js";
import type { Store } from "../store/database.js";
import { endpointsOf, openCredential } from "./stored-connection.js";

/** What every client of a process shares (retry policy, timeouts, an observer of 429s...). */
export type ClientOptions = Omit<GraphClientOptions, "endpoints" | "tokens" | "limiter"> & {
  /** Hears every client's events with the connection's id (GraphUsage.count counts them per connection). */
  onConnectionEvent?: (connectionId: string, event: GraphEvent) => void;
};

/** A stored connection that does not exist (any more): the caller names what needed it. */
export class UnknownConnectionError extends Error {
  override readonly name = "UnknownConnectionError";
}

interface Cached {
  /** The row's updatedAt when the client was made: an edited connection gets a new client. */
  version: string;
  client: GraphClient;
}

/**
 * Graph clients for the connections stored in the database (the one client factory of the service and the CLI):
 * one per connection, made again when the connection is edited, sharing one MailboxLimiter per app since
 * Exchange counts concurrent requests per app and mailbox whatever the tenant connection they come through.
 */
export class StoredClients {
  private readonly clients = new Map<string, Cached>();
  private readonly limiters = new AppLimiters();

  constructor(
    private readonly db: Store,
    private readonly secrets: SecretBox,
    private readonly options: ClientOptions = {},
  ) {}

  /** The Graph client of a connection, by id. Throws UnknownConnectionError for an unknown id. */
  async client(connectionId: string): Promise<GraphClient> {
    const row = await findConnection(this.db, connectionId);
    if (!row) throw new UnknownConnectionError(`connection ${connectionId} does not exist`);
    return this.clientOf(row);
  }

  clientOf(row: ConnectionRow): GraphClient {
    const cached = this.clients.get(row.id);
    if (cached?.version === row.updatedAt) return cached.client;
    const endpoints = endpointsOf(row);
    const tokens = new MsalTokenSource({
      tenant: row.tenant,
      clientId: row.clientId,
      credential: openCredential(this.secrets, row),
      endpoints,
      label: row.name,
    });
    const { onConnectionEvent, onEvent, ...shared } = this.options;
    const client = new GraphClient({
      ...shared,
      onEvent: fanOut(onEvent, onConnectionEvent && ((event) => onConnectionEvent(row.id, event))),
      endpoints,
      tokens,
      limiter: this.limiters.forApp(row.clientId),
    });
    this.clients.set(row.id, { version: row.updatedAt, client });
    return client;
  }

  async calendar(connectionId: string, mailbox: string): Promise<GraphCalendar> {
    return new GraphCalendar({ requester: await this.client(connectionId), mailbox });
  }

  /** Side A's calendar through connection a, side B's through connection b. */
  async ports(
    connections: { connectionA: string; connectionB: string },
    mailboxes: { mailboxA: string; mailboxB: string },
  ): Promise<Record<Side, CalendarPort>> {
    const [a, b] = await Promise.all([
      this.calendar(connections.connectionA, mailboxes.mailboxA),
      this.calendar(connections.connectionB, mailboxes.mailboxB),
    ]);
    return { A: a, B: b };
  }
}
