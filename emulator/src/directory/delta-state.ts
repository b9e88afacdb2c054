import type { EmulatorContext } from "../context.js";
import { newOpaqueToken } from "../ids.js";
import type { DirectoryKind } from "./properties.js";

/** What a directory object looked like at the end of a delta round (selected properties only). */
export interface ObjectSnapshot {
  /** Serialized selected properties: a change to anything else is not reported, as in Graph. */
  fingerprint: string;
  /** Member ids with their kind, for groups when `members` is tracked. */
  members?: Map<string, DirectoryKind>;
}

/** A delta query's fixed shape and the state it last saw. */
export interface DeltaState {
  kind: DirectoryKind;
  tenantId: string;
  select?: string[];
  includeMembers: boolean;
  /** The `$filter` (on object ids only) the query was started with. */
  idFilter?: string;
  snapshot: Map<string, ObjectSnapshot>;
  createdMs: number;
}

/** One round's remaining pages, kept until the client has read them all. */
export interface DeltaRound {
  state: DeltaState;
  items: Array<Record<string, unknown>>;
}

/** Graph keeps directory delta tokens 7 days. */
export const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;
/** Bounds memory under benchmarks: the oldest states are forgotten first (clients then resync). */
const MAX_ENTRIES = 2000;

class BoundedMap<V> {
  private map = new Map<string, V>();

  put(value: V): string {
    const key = newOpaqueToken(18);
    this.map.set(key, value);
    if (this.map.size > MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    return key;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Oldest first, the order eviction follows. */
  entries(): Array<[string, V]> {
    return [...this.map];
  }

  replace(entries: Array<[string, V]>): void {
    this.map = new Map(entries);
  }
}

type SavedObject = { fingerprint: string; members?: Array<[string, DirectoryKind]> };

/** A delta state as saved: its snapshot map (and each group's member map) as lists of entries. */
interface SavedDeltaState extends Omit<DeltaState, "snapshot"> {
  snapshot: Array<[string, SavedObject]>;
}

/** Directory delta tokens and unfinished rounds, as saved between runs. */
export interface DirectoryDeltaSnapshot {
  states: Array<[string, SavedDeltaState]>;
  rounds: Array<[string, { state: SavedDeltaState; items: Array<Record<string, unknown>> }]>;
}

function saveState(state: DeltaState): SavedDeltaState {
  const snapshot = [...state.snapshot].map(([id, object]): [string, SavedObject] => [
    id,
    { fingerprint: object.fingerprint, ...(object.members && { members: [...object.members] }) },
  ]);
  return { ...state, snapshot };
}

function loadState(saved: SavedDeltaState): DeltaState {
  const snapshot = new Map<string, ObjectSnapshot>(
    saved.snapshot.map(([id, object]) => [
      id,
      { fingerprint: object.fingerprint, ...(object.members && { members: new Map(object.members) }) },
    ]),
  );
  return { ...saved, snapshot };
}

export class DirectoryDeltaStore {
  readonly states = new BoundedMap<DeltaState>();
  readonly rounds = new BoundedMap<DeltaRound>();

  snapshot(): DirectoryDeltaSnapshot {
    return {
      states: this.states.entries().map(([key, state]) => [key, saveState(state)]),
      rounds: this.rounds.entries().map(([key, round]) => [key, { ...round, state: saveState(round.state) }]),
    };
  }

  restore(snapshot: DirectoryDeltaSnapshot): void {
    this.states.replace(snapshot.states.map(([key, state]) => [key, loadState(state)]));
    this.rounds.replace(
      snapshot.rounds.map(([key, round]) => [key, { ...round, state: loadState(round.state) }]),
    );
  }
}

// One store per emulator instance, without a field on the shared context.
const stores = new WeakMap<EmulatorContext, DirectoryDeltaStore>();

export function deltaStoreOf(ctx: EmulatorContext): DirectoryDeltaStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new DirectoryDeltaStore();
    stores.set(ctx, store);
  }
  return store;
}
