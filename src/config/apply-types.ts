import type { SecretBox } from "../secrets/secret-box.js";
import type { DriftItem } from "./drift.js";

/** The outcome of one record of a config file in the store. */
export type ApplyOutcome = "created" | "updated" | "unchanged";

export interface AppliedItem {
  name: string;
  id: string;
  outcome: ApplyOutcome;
  /** What an update changed (field names, never values). */
  changed?: string[];
}

export interface AppliedProfile {
  sync: string;
  name: string;
  a: string;
  b: string;
  id: string;
  outcome: ApplyOutcome;
}

/** The file cannot be applied to this store as it is; nothing was written. */
export class ApplyError extends Error {
  override readonly name = "ApplyError";
}

/** The file would revert changes made in the service since it was last applied (see drift.ts). */
export class DriftError extends ApplyError {
  constructor(
    message: string,
    readonly items: readonly DriftItem[],
  ) {
    super(message);
  }
}

/** What applying one file carries from record to record. */
export interface ApplyContext {
  secrets: SecretBox;
  /** Filled as records are compared: what the file would revert of changes made elsewhere. */
  drift: DriftItem[];
}
