import { Value } from "typebox/value";
import { didYouMean } from "./did-you-mean.js";
import type { DocPath, Problem } from "./problems.js";
import { type ConnectionEntry, type ProfileEntry, ProfileSchema, type SyncEntry } from "./schema.js";

/**
 * Rules the schema cannot express: one credential per connection, endpoints that fit the cloud, syncs
 * that join two existing connections, profiles that do not overlap. Pure.
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkName(section: "connections" | "mappings" | "syncs", name: string): Problem[] {
  if (NAME.test(name)) return [];
  return [
    {
      path: [section, name],
      at: "key",
      message:
        'the name may only use letters, digits, ".", "-" and "_" (64 at most), starting with a letter or digit',
    },
  ];
}

/**
 * Where a config's credentials may come from. `local`: the command line, where the operator names
 * environment variables and files of the machine. `api`: a config sent to the REST API, whose credentials
 * are values in the request (sealed at once) or left out to keep the stored ones; the API never reads the
 * server's environment or files on a caller's word.
 */
export type CredentialOrigin = "local" | "api";

export function checkConnection(
  name: string,
  entry: ConnectionEntry,
  origin: CredentialOrigin = "local",
): Problem[] {
  const path = ["connections", name];
  const credential = origin === "api" ? checkApiCredential(path, entry) : checkCredential(path, entry);
  return [...credential, ...checkEndpoints(path, entry)];
}

function checkCredential(path: DocPath, entry: ConnectionEntry): Problem[] {
  if (entry.clientSecret && entry.certificate) {
    return [
      {
        path: [...path, "certificate"],
        at: "key",
        message: "a connection has one credential: keep clientSecret or certificate, not both",
      },
    ];
  }
  if (!entry.clientSecret && !entry.certificate) {
    return [
      {
        path,
        at: "key",
        message:
          "needs a credential: clientSecret: { env: VARIABLE } or certificate: { certificateFile: ..., privateKeyFile: ... }",
      },
    ];
  }
  const source = entry.clientSecret;
  if (source?.value !== undefined) {
    return [
      {
        path: [...path, "clientSecret", "value"],
        at: "key",
        message:
          "a secret's value belongs in no file: name the environment variable (env) or the file (file) that holds it",
      },
    ];
  }
  if (source && (source.env === undefined) === (source.file === undefined)) {
    const message =
      source.env === undefined ? "give env (a variable's name) or file" : "give env or file, not both";
    return [{ path: [...path, "clientSecret"], message }];
  }
  return [];
}

const API_ONLY_VALUES =
  "through the REST API a secret is given as its value (clientSecret: { value: ... }) and sealed at once, or left out to keep the stored one; environment variables and files are read only by crosscal apply on the server";

function checkApiCredential(path: DocPath, entry: ConnectionEntry): Problem[] {
  if (entry.certificate) {
    return [
      {
        path: [...path, "certificate"],
        at: "key",
        message:
          "a certificate is added through /api/connections (or crosscal apply on the server); leave certificate out to keep the stored one",
      },
    ];
  }
  const source = entry.clientSecret;
  if (source && (source.env !== undefined || source.file !== undefined)) {
    const key = source.env !== undefined ? "env" : "file";
    return [{ path: [...path, "clientSecret", key], at: "key", message: API_ONLY_VALUES }];
  }
  if (source && source.value === undefined) {
    return [
      { path: [...path, "clientSecret"], message: "give the secret's value: clientSecret: { value: ... }" },
    ];
  }
  return [];
}

function checkEndpoints(path: DocPath, entry: ConnectionEntry): Problem[] {
  const cloud = entry.cloud ?? "global";
  if (cloud !== "custom") {
    return entry.endpoints
      ? [
          {
            path: [...path, "endpoints"],
            at: "key",
            message: `only used with cloud: custom (cloud is ${cloud})`,
          },
        ]
      : [];
  }
  if (!entry.endpoints) {
    return [
      {
        path: [...path, "cloud"],
        message: "custom needs endpoints: { authority: https://..., graph: https://... }",
      },
    ];
  }
  const { authority, graph, graphScope } = entry.endpoints;
  const at = [...path, "endpoints"];
  return [
    ...checkHttpsUrl([...at, "authority"], authority),
    ...checkHttpsUrl([...at, "graph"], graph),
    ...(graphScope === undefined || graphScope.endsWith("/.default")
      ? []
      : [
          {
            path: [...at, "graphScope"],
            message: "must end with /.default (app-only tokens ask for a whole resource)",
          },
        ]),
  ];
}

function checkHttpsUrl(path: DocPath, text: string): Problem[] {
  if (!URL.canParse(text)) return [{ path, message: `"${text}" is not a URL` }];
  const url = new URL(text);
  if (url.protocol !== "https:") {
    return [{ path, message: "must be an https URL (Microsoft's clients refuse anything else)" }];
  }
  if (url.search || url.hash) return [{ path, message: "must not have a query or fragment" }];
  return [];
}

/**
 * Checks a sync's parts that are well formed even when others are not (the schema reports those), so
 * every problem shows at once. `connections` lists every connection name in the file, or is undefined
 * when that section is unreadable.
 */
export function checkSync(name: string, raw: unknown, connections: readonly string[] | undefined): Problem[] {
  const path = ["syncs", name];
  const entry = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<
    Record<keyof SyncEntry, unknown>
  >;
  const sides =
    typeof entry.a === "string" && typeof entry.b === "string" ? { a: entry.a, b: entry.b } : undefined;
  const profiles = Array.isArray(entry.profiles) ? entry.profiles : [];
  const wellFormed = profiles.flatMap((profile, index) =>
    Value.Check(ProfileSchema, profile) ? [{ profile, index }] : [],
  );
  return [
    ...(sides && connections ? checkSides(path, sides, connections) : []),
    ...checkProfiles(path, wellFormed),
  ];
}

function checkSides(
  path: DocPath,
  entry: { a: string; b: string },
  connections: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  for (const side of ["a", "b"] as const) {
    const ref = entry[side];
    if (!connections.includes(ref)) {
      const hint = didYouMean(ref, connections) || listOf(connections);
      problems.push({ path: [...path, side], message: `no connection named "${ref}"${hint}` });
    }
  }
  if (problems.length === 0 && entry.a === entry.b) {
    problems.push({
      path: [...path, "b"],
      message: `a and b are both "${entry.a}": a sync joins two connections`,
    });
  }
  return problems;
}

const listOf = (names: readonly string[]) =>
  names.length > 0 ? ` (connections: ${names.join(", ")})` : " (the file defines no connections)";

type IndexedProfile = { profile: ProfileEntry; index: number };

function checkProfiles(path: DocPath, profiles: readonly IndexedProfile[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, number>();
  const mailboxes = { a: new Map<string, number>(), b: new Map<string, number>() };
  const nameOf = new Map(profiles.map(({ profile, index }) => [index, profile.name]));
  const label = (other: number) => `profile "${nameOf.get(other)}" (#${other + 1})`;
  for (const { profile, index } of profiles) {
    const at = [...path, "profiles", index];
    const sameName = names.get(profile.name);
    if (sameName !== undefined) {
      problems.push({
        path: [...at, "name"],
        message: `the name is already used by profile #${sameName + 1}`,
      });
    } else {
      names.set(profile.name, index);
    }
    const firstA = mailboxes.a.get(profile.a.toLowerCase());
    const firstB = mailboxes.b.get(profile.b.toLowerCase());
    if (firstA !== undefined && firstA === firstB) {
      problems.push({ path: at, message: `the same mailboxes as ${label(firstA)}` });
      continue;
    }
    for (const side of ["a", "b"] as const) {
      const mailbox = profile[side].toLowerCase();
      const first = mailboxes[side].get(mailbox);
      if (first === undefined) {
        mailboxes[side].set(mailbox, index);
      } else {
        problems.push({
          path: [...at, side],
          message: `${profile[side]} is already in ${label(first)}: a mailbox belongs to one profile per sync`,
        });
      }
    }
  }
  return problems;
}
