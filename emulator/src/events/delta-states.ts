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

/** A token's state, the generation and the time (emulator clock) it was issued, and whether a test expired it. */
export interface TokenEntry {
  state: SyncState;
  generation: number;
  issuedAt: number;
  expired?: ExpiryVariant;
}

/**
 * How long a nextLink is worth saving: a client reads a round's pages within seconds (minutes when
 * throttled). Older page states belong to rounds long finished, and can be large; after a restart their
 * tokens answer 410 SyncStateNotFound, as an evicted state does. DeltaLinks are always saved.
 */
export const PAGE_STATE_SAVED_MS = 5 * 60_000;

type PageState = Extract<SyncState, { kind: "page" }>;

/** A token's entry as saved: a page state names its round by index instead of holding its items. */
type SavedEntry = Omit<TokenEntry, "state"> & {
  state: Exclude<SyncState, PageState> | (Omit<PageState, "groups"> & { round: number });
};

/**
 * Every token with its state, oldest first (the order eviction follows), and the generation counter. The
 * page tokens of one round share its items, which may be large (a series without end in a far window): each
 * round is saved once, and only while it may still be read (PAGE_STATE_SAVED_MS).
 */
export interface DeltaStatesSnapshot {
  generation: number;
  rounds: DeltaGroup[][];
  tokens: Array<[token: string, entry: SavedEntry]>;
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
    this.tokens.set(token, { state, generation: this.generation, issuedAt: this.ctx.clock.now() });
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
    const rounds: DeltaGroup[][] = [];
    const indexes = new Map<DeltaGroup[], number>();
    const save = ({ state, ...entry }: TokenEntry): SavedEntry => {
      if (state.kind !== "page") return { ...entry, state };
      const { groups, ...page } = state;
      let round = indexes.get(groups);
      if (round === undefined) {
        round = rounds.push(groups) - 1;
        indexes.set(groups, round);
      }
      return { ...entry, state: { ...page, round } };
    };
    const since = this.ctx.clock.now() - PAGE_STATE_SAVED_MS;
    const kept = [...this.tokens].filter(
      ([, entry]) => entry.state.kind !== "page" || entry.issuedAt >= since,
    );
    return {
      generation: this.generation,
      rounds,
      tokens: kept.map(([token, entry]) => [token, save(entry)]),
    };
  }

  /** Tokens handed out before a restart stay valid: a client continues its delta rounds where it was. */
  restore(snapshot: DeltaStatesSnapshot): void {
    const load = ({ state, ...entry }: SavedEntry): TokenEntry => {
      if (state.kind !== "page") return { ...entry, state };
      const { round, ...page } = state;
      return { ...entry, state: { ...page, groups: snapshot.rounds[round]! } };
    };
    this.tokens = new Map(snapshot.tokens.map(([token, entry]) => [token, load(entry)]));
    this.generation = snapshot.generation;
  }
}
