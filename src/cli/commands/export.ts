import { writeFile } from "node:fs/promises";
import path from "node:path";
import { exportConfig } from "../../config/export.js";
import { closeDatabase } from "../../store/database.js";
import { describeDatabase, openStore } from "../context.js";
import { badInput, EXIT, type ExitCode } from "../errors.js";
import { type StoreOptions, storeLocation } from "../service-store.js";

export interface ExportOptions extends StoreOptions {
  output?: string;
}

/**
 * `crosscal export`: the service's connections, syncs and profiles as a config file, to stdout or a file.
 * Reads only: no key is needed, since secrets are never exported.
 */
export async function exportCommand(
  options: ExportOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const { target } = storeLocation(options);
  const db = await openStore(target, false);
  if (!db) throw badInput(`no database at ${describeDatabase(target)}: nothing to export`);
  let text: string;
  try {
    text = await exportConfig(db);
  } finally {
    await closeDatabase(db);
  }
  if (options.output === undefined) {
    out(text.trimEnd());
    return EXIT.ok;
  }
  await writeFile(options.output, text);
  log(`exported ${describeDatabase(target)} to ${path.resolve(options.output)}`);
  return EXIT.ok;
}
