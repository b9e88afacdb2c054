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
  private readonly map = new Map<string, V>();

  put(value: V): string {
    const key = newOpaqueToken(18);
    this.map.set(key, value);
    if (this.map.size > MAX_ENTRIES) this.map.delete(this.map.keys().next().value!);
    return key;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }
}

export class DirectoryDeltaStore {
  readonly states = new BoundedMap<DeltaState>();
  readonly rounds = new BoundedMap<DeltaRound>();
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
