import { Document, isMap, isScalar, isSeq, visit, type YAMLMap } from "yaml";
import type { FieldOverrides } from "../core/mapping/custom.js";
import type { SyncSettings } from "../engine/settings.js";
import { type ConnectionRow, listConnections } from "../store/connections.js";
import type { Store } from "../store/database.js";
import { listProfiles } from "../store/profiles.js";
import { listSyncs } from "../store/syncs.js";
import { DEFAULTS, type MappingName } from "./schema.js";
import { configEntryOf, fromStored } from "./sync-document.js";

/**
 * The service's connections, syncs and profiles as a config file that `crosscal apply` (or `loadConfig`)
 * reads back to the same thing. Secrets never leave the store: each connection names the environment
 * variable (or, for certificates, the files) to provide, with a comment saying so.
 */
export async function exportConfig(db: Store): Promise<string> {
  const [connections, syncs] = await Promise.all([listConnections(db), listSyncs(db)]);
  const envNames = secretVariables(connections);
  const namesById = new Map(connections.map((row) => [row.id, row.name]));
  const mappings: Record<string, { preset: MappingName; fields: FieldOverrides }> = {};
  const syncEntries: Record<string, unknown> = {};
  for (const sync of syncs) {
    const doc = fromStored({ ...sync, settings: JSON.parse(sync.settings) as SyncSettings });
    const sides = { a: namesById.get(sync.connectionA)!, b: namesById.get(sync.connectionB)! };
    const entry = configEntryOf(doc, sides, (mapping, index) => {
      const name = mappingName(sync.name, index, mappings);
      mappings[name] = mapping;
      return name;
    });
    const profiles = await listProfiles(db, { sync: sync.id });
    syncEntries[sync.name] = {
      ...entry,
      profiles: profiles.map((row) => ({ name: row.name, a: row.mailboxA, b: row.mailboxB })),
    };
  }
  const document = new Document({
    version: 1,
    connections: Object.fromEntries(connections.map((row) => [row.name, connectionEntry(row, envNames)])),
    ...(Object.keys(mappings).length > 0 ? { mappings } : {}),
    syncs: syncEntries,
  });
  document.commentBefore = [
    " crosscal config, exported from the service (see docs/config.md and docs/syncs.md).",
    " Secrets are never exported: set the environment variables (or provide the files) named under",
    " each connection before applying it with `crosscal apply -f FILE`.",
  ].join("\n");
  annotate(document, connections, envNames);
  return document.toString({ lineWidth: 0 });
}

function connectionEntry(row: ConnectionRow, envNames: Map<string, string>): Record<string, unknown> {
  const credential =
    row.credentialKind === "secret"
      ? { clientSecret: { env: envNames.get(row.id)! } }
      : { certificate: { certificateFile: `${row.name}.crt.pem`, privateKeyFile: `${row.name}.key.pem` } };
  const custom =
    row.cloud === "custom"
      ? {
          endpoints: {
            authority: row.authorityHost ?? "",
            graph: row.graphHost ?? "",
            ...(row.graphScope && row.graphScope !== DEFAULTS.graphScope
              ? { graphScope: row.graphScope }
              : {}),
          },
        }
      : {};
  return {
    tenant: row.tenant,
    clientId: row.clientId,
    ...credential,
    ...(row.cloud === DEFAULTS.cloud ? {} : { cloud: row.cloud }),
    ...custom,
  };
}

/** CONTOSO_SECRET for "contoso": one distinct variable per connection holding a client secret. */
export function secretVariables(
  connections: readonly Pick<ConnectionRow, "id" | "name" | "credentialKind">[],
) {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const row of connections) {
    if (row.credentialKind !== "secret") continue;
    const stem = row.name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    const base = `${/^[0-9]/.test(stem) ? "_" : ""}${stem}_SECRET`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    names.set(row.id, name);
  }
  return names;
}

/** A name for a rule's custom mapping under `mappings:`, unique in the file and valid as a name. */
function mappingName(sync: string, ruleIndex: number, taken: Record<string, unknown>): string {
  const preferred = `${sync}-rule-${ruleIndex + 1}`;
  let name = preferred.length <= 64 ? preferred : `rule-mapping-${ruleIndex + 1}`;
  for (let n = 2; name in taken; n++) name = `rule-mapping-${ruleIndex + 1}-${n}`;
  return name;
}

/** Comments where the admin must act (secrets, certificates); profiles and lists of words one per line. */
function annotate(document: Document, connections: ConnectionRow[], envNames: Map<string, string>): void {
  for (const row of connections) {
    const node = document.getIn(["connections", row.name], true);
    if (!isMap(node)) continue;
    const secret = envNames.get(row.id);
    if (secret) {
      setComment(node, "clientSecret", ` set ${secret} to the client secret of connection "${row.name}"`);
    } else {
      setComment(
        node,
        "certificate",
        ` put the certificate and its private key (PEM) of connection "${row.name}" in these files`,
      );
    }
  }
  // Lists of words read best on one line: `response: [declined]`.
  visit(document, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  const syncs = document.get("syncs", true);
  if (!isMap(syncs)) return;
  for (const pair of syncs.items) {
    const profiles = isMap(pair.value) ? pair.value.get("profiles", true) : undefined;
    if (isSeq(profiles)) for (const item of profiles.items) if (isMap(item)) item.flow = true;
  }
}

function setComment(map: YAMLMap, key: string, comment: string): void {
  const pair = map.items.find((item) => (item.key as { value?: unknown })?.value === key);
  const value = pair?.value as { flow?: boolean; commentBefore?: string | null } | undefined;
  if (!pair || !value) return;
  if ("flow" in value || isMap(value)) value.flow = key === "clientSecret";
  (pair.key as { commentBefore?: string | null }).commentBefore = comment;
}
