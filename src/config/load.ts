import { readFile } from "node:fs/promises";
import path from "node:path";
import type { MappingSpec } from "../core/mapping/custom.js";
import { CLOUD_ENDPOINTS, customEndpoints } from "./clouds.js";
import { credentialFromRequest, type Env, readFailure, resolveCredential } from "./credentials.js";
import { checkConnection, checkName, checkSync } from "./cross-checks.js";
import {
  checkMappings,
  checkSyncMapping,
  mappingNames,
  resolveMapping,
  resolveRules,
} from "./mapping-checks.js";
import { ConfigError, type ConfigProblem, describePath, type Problem, withField } from "./problems.js";
import { type ConnectionEntry, DEFAULTS, type MappingEntry, type SyncEntry } from "./schema.js";
import { schemaProblems } from "./schema-problems.js";
import type { Config, Connection, Credential, Sync } from "./types.js";
import { parseYaml, type YamlSource } from "./yaml-source.js";

export type { Env } from "./credentials.js";
export { ConfigError } from "./problems.js";

/**
 * Reads a config file into a fully resolved `Config`: defaults applied, secrets read from `env` or files,
 * relative paths taken from the file's folder. Throws `ConfigError` listing every problem, each as
 * `file:line:column: subject: message`; there is no partially loaded config.
 */
export async function loadConfig(file: string, env: Env): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [{ file, message: readFailure(path.resolve(file), error) }]);
  }
  return parseConfig(text, { file, env });
}

/** Where a config comes from: a file on the command line (secrets from `env` and files), or the API. */
export type ConfigOrigin = { origin?: "local"; file: string; env: Env } | { origin: "api"; file: string };

/**
 * The same from text already in memory (an uploaded or applied config): `file` names it in messages and
 * its folder anchors relative paths. With `origin: "api"`, credentials are values in the text or absent
 * (see CredentialOrigin): nothing is read from the environment or the disk.
 */
export async function parseConfig(text: string, options: ConfigOrigin): Promise<Config> {
  const { file } = options;
  const origin = options.origin ?? "local";
  const source = parseYaml(text);
  const fail = (problems: Problem[]) => new ConfigError(file, placeAll(problems, source, file));
  if (source.problems.length > 0) throw fail(source.problems);
  if (source.data === null || source.data === undefined) {
    throw fail([{ path: [], message: "the file is empty: it starts with version: 1 (see docs/config.md)" }]);
  }
  const problems = schemaProblems(source.data);
  const { connections, syncs, connectionNames } = usableEntries(source.data, problems);
  const connectionProblems = connections.flatMap(([name, entry]) => checkConnection(name, entry, origin));
  problems.push(...connectionProblems, ...otherChecks(source.data, connectionNames));
  const ready = connections.filter(([name]) => !connectionProblems.some((p) => p.path[1] === name));
  const credentials =
    options.origin === "api"
      ? new Map(ready.map(([name, entry]) => [name, credentialFromRequest(entry)]))
      : await resolveCredentials(ready, problems, options.env, path.dirname(path.resolve(file)));
  if (problems.length > 0) throw fail(problems);
  return build(path.resolve(file), connections, syncs, credentials, mappingEntries(source.data));
}

type Entries<T> = [name: string, entry: T][];

/**
 * The connections and syncs the schema found nothing wrong with: only those are cross-checked and
 * resolved, so one broken entry does not hide the problems of the others nor cause false ones.
 */
function usableEntries(data: unknown, problems: readonly Problem[]) {
  const broken = new Set(problems.filter((p) => p.path.length >= 2).map((p) => `${p.path[0]}/${p.path[1]}`));
  const sections = (isRecord(data) ? data : {}) as Record<string, unknown>;
  const entries = <T>(section: string): Entries<T> | undefined => {
    const value = sections[section];
    if (value === undefined) return [];
    return isRecord(value) ? (Object.entries(value) as Entries<T>) : undefined;
  };
  const all = { connections: entries<ConnectionEntry>("connections"), syncs: entries<SyncEntry>("syncs") };
  const valid = <T>(section: string, list: Entries<T> | undefined) =>
    (list ?? []).filter(([name]) => !broken.has(`${section}/${name}`));
  return {
    connections: valid("connections", all.connections),
    syncs: valid("syncs", all.syncs),
    connectionNames: all.connections?.map(([name]) => name),
  };
}

/** Names, mappings, and syncs however broken: their well-formed parts are still worth checking. */
function otherChecks(data: unknown, connectionNames: string[] | undefined): Problem[] {
  const file = data as Record<string, unknown>;
  const sectionOf = (key: string) => (isRecord(file[key]) ? file[key] : {});
  const mappings = mappingNames(data);
  return [
    ...Object.keys(sectionOf("connections")).flatMap((name) => checkName("connections", name)),
    ...Object.keys(sectionOf("mappings")).flatMap((name) => checkName("mappings", name)),
    ...checkMappings(file.mappings),
    ...Object.keys(sectionOf("syncs")).flatMap((name) => checkName("syncs", name)),
    ...Object.entries(sectionOf("syncs")).flatMap(([name, raw]) => [
      ...checkSync(name, raw, connectionNames),
      ...checkSyncMapping(name, raw, mappings),
    ]),
  ];
}

/** The `mappings:` section of a file with no problems left. */
function mappingEntries(data: unknown): Record<string, MappingSpec> {
  const section = isRecord(data) && isRecord(data.mappings) ? data.mappings : {};
  return Object.fromEntries(
    Object.entries(section as Record<string, MappingEntry>).map(([name, entry]) => [
      name,
      { preset: entry.preset, fields: entry.fields ?? {} },
    ]),
  );
}

/** Reads the credentials of well-formed connections; adds what goes wrong to `problems`. */
async function resolveCredentials(
  connections: Entries<ConnectionEntry>,
  problems: Problem[],
  env: Env,
  baseDir: string,
): Promise<Map<string, Credential>> {
  const outcomes = await Promise.all(
    connections.map(
      async ([name, entry]) => [name, await resolveCredential(name, entry, env, baseDir)] as const,
    ),
  );
  const credentials = new Map<string, Credential>();
  for (const [name, outcome] of outcomes) {
    if (outcome.value) credentials.set(name, outcome.value);
    problems.push(...outcome.problems);
  }
  return credentials;
}

function build(
  file: string,
  connectionEntries: Entries<ConnectionEntry>,
  syncEntries: Entries<SyncEntry>,
  credentials: Map<string, Credential>,
  mappings: Record<string, MappingSpec>,
): Config {
  const connections = new Map(
    connectionEntries.map(([name, entry]) => [name, buildConnection(name, entry, credentials.get(name)!)]),
  );
  const syncs = syncEntries.map(([name, entry]) =>
    buildSync(name, entry, connections.get(entry.a)!, connections.get(entry.b)!, mappings),
  );
  return { file, connections: [...connections.values()], mappings, syncs };
}

function buildConnection(name: string, entry: ConnectionEntry, credential: Credential): Connection {
  const cloud = entry.cloud ?? DEFAULTS.cloud;
  const endpoints =
    cloud === "custom"
      ? customEndpoints(entry.endpoints!.authority, entry.endpoints!.graph, entry.endpoints!.graphScope)
      : CLOUD_ENDPOINTS[cloud];
  return {
    name,
    tenant: entry.tenant,
    clientId: entry.clientId,
    cloud,
    endpoints: { ...endpoints },
    credential,
  };
}

function buildSync(
  name: string,
  entry: SyncEntry,
  a: Connection,
  b: Connection,
  mappings: Record<string, MappingSpec>,
): Sync {
  const policies = entry.policies ?? {};
  return {
    name,
    a,
    b,
    direction: entry.direction ?? DEFAULTS.direction,
    ...resolveMapping(entry.mapping ?? DEFAULTS.mapping, mappings),
    rules: resolveRules(entry.rules ?? [], mappings),
    startMode: entry.startMode ?? DEFAULTS.startMode,
    window: { pastDays: entry.window?.pastDays ?? DEFAULTS.pastDays },
    policies: {
      copyReminders: policies.copyReminders ?? DEFAULTS.copyReminders,
      massDeletionShare: policies.massDeletionShare ?? DEFAULTS.massDeletionShare,
      massDeletionMinimum: policies.massDeletionMinimum ?? DEFAULTS.massDeletionMinimum,
      emptySideGuard: policies.emptySideGuard ?? DEFAULTS.emptySideGuard,
    },
    profiles: (entry.profiles ?? []).map(({ name, a, b }) => ({ name, a, b })),
  };
}

/** Each problem on its line, with the connection, sync or profile it concerns; in file order. */
function placeAll(problems: readonly Problem[], source: YamlSource, file: string): ConfigProblem[] {
  const placed = problems.map((problem) => {
    const at = problem.at ?? "value";
    const { line, column } = problem.position ?? source.position(problem.path, at);
    const { subject, field } = describePath(subjectPath(problem), source.data);
    return {
      file,
      line,
      column,
      ...(subject ? { subject } : {}),
      message: withField(field, problem.message),
    };
  });
  return placed.sort((x, y) => x.line - y.line || x.column - y.column);
}

/** An unknown or duplicate key is about the mapping that holds it. */
const subjectPath = (problem: Problem) => (problem.ofKey ? problem.path.slice(0, -1) : problem.path);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
