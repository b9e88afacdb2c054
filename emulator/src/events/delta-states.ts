import type { EmulatorContext } from "../context.js";
import { GraphError } from "../graph/errors.js";
import { newOpaqueToken } from "../ids.js";

export type ExpiryVariant = "syncStateNotFound" | "resync";

/** What the initial calendarView/delta request fixed: the mailbox, the path it used, and the window. */
export interface DeltaQuery {
  userId: string;
  /** The request path, e.g. "/v1.0/users/{id}/calendarView/delta" (links repeat it). */
  path: string;
  startDateTime: string;
  endDateTime: string;
  start: number;
  end: number;
}

/** One item of a round, already rendered; a group is a series (master + occurrences) or one event. */
export type DeltaGroup = Array<Record<string, unknown>>;

export type SyncState =
  | { kind: "page"; query: DeltaQuery; groups: DeltaGroup[]; offset: number; roundVersion: number }
  | { kind: "delta"; query: DeltaQuery; sinceVersion: number };

/** A token's state, the generation it was issued in, and whether a test expired it. */
export interface TokenEntry {
  state: SyncState;
  generation: number;
  expired?: ExpiryVariant;
}

/** Every token with its state, oldest first (the order eviction follows), and the generation counter. */
export interface DeltaStatesSnapshot {
  generation: number;
  tokens: Array<[token: string, entry: TokenEntry]>;
}

/**
 * Server-side sync states behind the opaque `$skiptoken`/`$deltatoken` values, as Exchange keeps them.
 * Tests expire them on demand to reproduce 410 SyncStateNotFound and the "full resync" 410.
 */
export class DeltaStates {
  private tokens = new Map<string, TokenEntry>();
  private generation = 0;

  /**
   * Like Exchange, which keeps Outlook sync states in a cache with no fixed lifetime, the oldest states are
   * evicted once `capacity` is reached; an evicted token answers 410 SyncStateNotFound.
   */
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly capacity = 50_000,
  ) {}

  issue(state: SyncState): string {
    const token = newOpaqueToken(32);
    this.generation += 1;
    this.tokens.set(token, { state, generation: this.generation });
    if (this.tokens.size > this.capacity) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
    return token;
  }

  /** The state behind a token, or Graph's 410 for an unknown or expired one. */
  resolve(token: string, userId: string): SyncState {
    const entry = this.tokens.get(token);
    if (!entry || entry.state.query.userId !== userId || entry.expired === "syncStateNotFound") {
      throw new GraphError(
        410,
        "SyncStateNotFound",
        `The sync state generation is not found; generation=${entry?.generation ?? 0};[highest=${this.generation}]`,
      );
    }
    if (entry.expired === "resync") {
      const { query } = entry.state;
      const initial = `${this.ctx.url}${query.path}?startDateTime=${encodeURIComponent(query.startDateTime)}&endDateTime=${encodeURIComponent(query.endDateTime)}&$deltatoken=`;
      throw new GraphError(
        410,
        "ResyncRequired",
        "The delta token is no longer valid; the application must resynchronize.",
        { Location: initial },
      );
    }
    return entry.state;
  }

  /** Marks every token (of one mailbox, or of all) expired; returns how many. */
  expire(userId: string | undefined, variant: ExpiryVariant): number {
    let count = 0;
    for (const entry of this.tokens.values()) {
      if (userId && entry.state.query.userId !== userId) continue;
      entry.expired = variant;
      count += 1;
    }
    return count;
  }

  reset(): void {
    this.tokens = new Map();
  }

  snapshot(): DeltaStatesSnapshot {
    return { generation: this.generation, tokens: [...this.tokens] };
  }

  /** Tokens handed out before a restart stay valid: a client continues its delta rounds where it was. */
  restore(snapshot: DeltaStatesSnapshot): void {
    this.tokens = new Map(snapshot.tokens);
    this.generation = snapshot.generation;
  }
}
