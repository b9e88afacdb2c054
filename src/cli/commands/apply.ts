import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { ApplyError, type ApplyReport, applyConfig, countsOf } from "../../config/apply.js";
import { loadSecretBox, SECRET_KEY_ENV, SECRET_KEY_FILE, SecretKeyError } from "../../secrets/key.js";
import { SecretBox } from "../../secrets/secret-box.js";
import { ensurePrivateFolder } from "../../store/data-folder.js";
import { closeDatabase, type Store } from "../../store/database.js";
import { describeDatabase, openStore, readConfig, scratchStore } from "../context.js";
import { badInput, EXIT, type ExitCode } from "../errors.js";
import { databaseTarget } from "./serve.js";

export interface ApplyOptions {
  file: string;
  data: string;
  database?: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `crosscal apply -f FILE`: the config file's connections, syncs and profiles into the service's store,
 * all or nothing, secrets sealed with the service's key. The report goes to stdout.
 */
export async function applyCommand(
  options: ApplyOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const config = await readConfig(options.file);
  const target = databaseTarget(options);
  const { db, secrets } = await openTargets(options, target);
  let report: ApplyReport;
  try {
    report = await applyConfig(db, secrets, config, new Date(), {
      dryRun: options.dryRun ?? false,
      actor: "cli",
    });
  } catch (error) {
    if (error instanceof ApplyError) throw badInput(`${error.message}; nothing was written`);
    throw error;
  } finally {
    await closeDatabase(db);
  }
  if (options.json) out(JSON.stringify(report, null, 2));
  else out(reportLines(report).join("\n"));
  const verb = report.dryRun ? "would apply" : "applied";
  log(`${verb} ${config.file} to ${describeDatabase(target)}: ${summary(report)}`);
  return EXIT.ok;
}

/**
 * The store and the key. A dry run writes nothing anywhere: without a database it plans against an empty
 * scratch store, and without a key it seals with a throwaway one.
 */
async function openTargets(
  options: ApplyOptions,
  target: string,
): Promise<{ db: Store; secrets: SecretBox }> {
  const keyFile = path.join(options.data, SECRET_KEY_FILE);
  if (options.dryRun) {
    const db = (await openStore(target, false)) ?? (await scratchStore());
    const hasKey = process.env[SECRET_KEY_ENV] !== undefined || existsSync(keyFile);
    return { db, secrets: hasKey ? await secretBox(options.data) : new SecretBox(randomBytes(32)) };
  }
  await ensurePrivateFolder(options.data);
  const secrets = await secretBox(options.data);
  return { db: (await openStore(target, true))!, secrets };
}

async function secretBox(dataDir: string): Promise<SecretBox> {
  try {
    return (await loadSecretBox({ dataDir })).box;
  } catch (error) {
    if (error instanceof SecretKeyError) throw badInput(`${error.message}; nothing was written`);
    throw error;
  }
}

export function reportLines(report: ApplyReport): string[] {
  const lines = [
    ...report.connections.map((c) => `connection ${c.name}: ${outcomeOf(c)}`),
    ...report.syncs.map((s) => `sync ${s.name}: ${outcomeOf(s)}`),
    ...report.profiles.map((p) => `profile "${p.name}" (sync ${p.sync}, ${p.a} / ${p.b}): ${p.outcome}`),
    ...report.notInFile.connections.map((c) => `connection ${c.name}: not in the file, left as it is`),
    ...report.notInFile.syncs.map((s) => `sync ${s.name}: not in the file, left as it is`),
    ...report.notInFile.profiles.map(
      (p) => `profile "${p.name}" (sync ${p.sync}, ${p.a} / ${p.b}): not in the file, left as it is`,
    ),
  ];
  return lines.length > 0 ? lines : ["the file defines nothing to apply"];
}

const outcomeOf = (item: { outcome: string; changed?: string[] }) =>
  item.changed ? `${item.outcome} (${item.changed.join(", ")})` : item.outcome;

function summary(report: ApplyReport): string {
  const counts = countsOf(report);
  return (["connections", "syncs", "profiles"] as const)
    .map((kind) => {
      const { created, updated, unchanged } = counts[kind];
      return `${kind} ${created} created, ${updated} updated, ${unchanged} unchanged`;
    })
    .join("; ");
}
