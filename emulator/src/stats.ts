/** Counters read by tests and benchmarks through `GET /_emulator/stats` (or in-process). */

export type MessageKind = "invitations" | "updates" | "cancellations";

export interface MessageCounts {
  invitations: number;
  updates: number;
  cancellations: number;
}

export interface StatsSnapshot {
  requests: { total: number; byApp: Record<string, number>; byAppMailbox: Record<string, number> };
  throttled: { total: number; byApp: Record<string, number>; byAppMailbox: Record<string, number> };
  faultsInjected: number;
  messages: MessageCounts & { bySender: Record<string, MessageCounts>; byApp: Record<string, MessageCounts> };
  notifications: {
    delivered: number;
    failed: number;
    dropped: number;
    duplicated: number;
    lifecycle: number;
  };
}

const emptyMessages = (): MessageCounts => ({ invitations: 0, updates: 0, cancellations: 0 });

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

export class Stats {
  private data: StatsSnapshot = Stats.empty();
  private muted = 0;

  /** Runs set-up work (seeding) without counting it: counters measure traffic, not preparation. */
  silently<T>(work: () => T): T {
    this.muted++;
    try {
      return work();
    } finally {
      this.muted--;
    }
  }

  private static empty(): StatsSnapshot {
    return {
      requests: { total: 0, byApp: {}, byAppMailbox: {} },
      throttled: { total: 0, byApp: {}, byAppMailbox: {} },
      faultsInjected: 0,
      messages: { ...emptyMessages(), bySender: {}, byApp: {} },
      notifications: { delivered: 0, failed: 0, dropped: 0, duplicated: 0, lifecycle: 0 },
    };
  }

  /** One Graph request by `clientId`; `mailbox` is the UPN it addressed, if any. */
  countRequest(clientId: string, mailbox?: string): void {
    if (this.muted) return;
    this.data.requests.total++;
    bump(this.data.requests.byApp, clientId);
    if (mailbox) bump(this.data.requests.byAppMailbox, `${clientId}|${mailbox}`);
  }

  countThrottled(clientId: string, mailbox?: string): void {
    if (this.muted) return;
    this.data.throttled.total++;
    bump(this.data.throttled.byApp, clientId);
    if (mailbox) bump(this.data.throttled.byAppMailbox, `${clientId}|${mailbox}`);
  }

  countFault(): void {
    if (this.muted) return;
    this.data.faultsInjected++;
  }

  /**
   * Meeting messages Exchange would have sent: `recipients` messages of one kind from `sender` (a UPN),
   * caused by `clientId` (an app) or "outlook" (a person acting in the mailbox).
   */
  countMessages(kind: MessageKind, sender: string, clientId: string, recipients: number): void {
    if (this.muted) return;
    if (recipients <= 0) return;
    const { messages } = this.data;
    messages[kind] += recipients;
    messages.bySender[sender] ??= emptyMessages();
    messages.bySender[sender][kind] += recipients;
    messages.byApp[clientId] ??= emptyMessages();
    messages.byApp[clientId][kind] += recipients;
  }

  countNotification(outcome: keyof StatsSnapshot["notifications"], by = 1): void {
    if (this.muted) return;
    this.data.notifications[outcome] += by;
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = Stats.empty();
  }
}
