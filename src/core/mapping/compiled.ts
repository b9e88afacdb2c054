/**
 * The outcome of turning a declarative spec (a custom mapping, a list of rules) into functions. Specs are
 * checked completely when they are compiled, so nothing about them can fail while a sync runs.
 */
export type Compiled<T> = { ok: true; value: T } | { ok: false; problems: SpecProblem[] };

/** What is wrong, at a path inside the spec (`["fields", "subject", "template"]`). */
export interface SpecProblem {
  path: readonly (string | number)[];
  message: string;
}

export const compiled = <T>(value: T): Compiled<T> => ({ ok: true, value });

export const failed = <T>(problems: SpecProblem[]): Compiled<T> => ({ ok: false, problems });

/** Prefixes every problem's path: a part's problems seen from the whole. */
export const within = (prefix: readonly (string | number)[], problems: SpecProblem[]): SpecProblem[] =>
  problems.map((problem) => ({ ...problem, path: [...prefix, ...problem.path] }));

/** The value of a spec known to be valid; a failure here is a caller that skipped validation. */
export function orThrow<T>(result: Compiled<T>, what: string): T {
  if (result.ok) return result.value;
  const details = result.problems.map((p) => `${p.path.join(".") || "(spec)"}: ${p.message}`).join("; ");
  throw new Error(`${what} is invalid: ${details}`);
}
