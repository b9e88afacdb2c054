/** A path into the config document: map keys and list indexes, as in `syncs.x.profiles.2.a`. */
export type DocPath = readonly (string | number)[];

/**
 * One thing wrong with the file, before it is placed on a line. `at: "key"` points at the key rather than
 * its value; a path that does not exist in the document (a missing key) is reported at the nearest
 * enclosing key. `ofKey` marks a problem with the key itself (unknown, duplicate): it is reported for the
 * mapping that holds the key.
 */
export interface Problem {
  path: DocPath;
  message: string;
  at?: "key" | "value";
  ofKey?: boolean;
  /** Set when the place is known without a path (YAML syntax errors). */
  position?: Position;
}

export interface Position {
  line: number;
  column: number;
}

/** A problem placed in the file: `file:line:column: subject: message`. */
export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  /** `connection "contoso"`, `sync "x", profile "Adele Vance"`, or absent for the file as a whole. */
  subject?: string;
  message: string;
}

export function formatProblem(problem: ConfigProblem): string {
  const place =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column}`;
  return problem.subject
    ? `${place}: ${problem.subject}: ${problem.message}`
    : `${place}: ${problem.message}`;
}

/** Thrown when a config file cannot be used; lists every problem found, never a partial config. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${count} in config file ${file}:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Splits a path into who is concerned (the connection, sync or profile) and the field within it, so every
 * message names what the admin has to look at. Profiles are named by their `name` when it is readable.
 */
export function describePath(path: DocPath, data: unknown): { subject?: string; field: string } {
  const [section, name, ...rest] = path;
  if (section === "connections" && name !== undefined) {
    return { subject: `connection "${name}"`, field: joinField(rest) };
  }
  if (section === "mappings" && name !== undefined) {
    return { subject: `mapping "${name}"`, field: joinField(rest) };
  }
  if (section === "syncs" && name !== undefined) {
    const [list, index, ...inProfile] = rest;
    if (list === "profiles" && typeof index === "number") {
      const profile = profileLabel(data, String(name), index);
      return { subject: `sync "${name}", ${profile}`, field: joinField(inProfile) };
    }
    if (list === "rules" && typeof index === "number") {
      const rule = dig(data, ["syncs", name, "rules", index, "name"]);
      const label = typeof rule === "string" && rule.trim() ? `rule "${rule}"` : `rule #${index + 1}`;
      return { subject: `sync "${name}", ${label}`, field: joinField(inProfile) };
    }
    return { subject: `sync "${name}"`, field: joinField(rest) };
  }
  return { field: joinField(path) };
}

function profileLabel(data: unknown, sync: string, index: number): string {
  const profile = dig(data, ["syncs", sync, "profiles", index]);
  const name = dig(profile, ["name"]);
  return typeof name === "string" && name.trim() ? `profile "${name}"` : `profile #${index + 1}`;
}

function dig(value: unknown, path: DocPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const joinField = (path: DocPath) => path.join(".");

/** `field: message`, or just the message when the problem concerns the subject as a whole. */
export function withField(field: string, message: string): string {
  return field ? `${field}: ${message}` : message;
}
