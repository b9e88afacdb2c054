import { open, readFile, rename, rm } from "node:fs/promises";
import { WorldError } from "../world/world.js";
import { type EmulatorSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./snapshot.js";

/** The saved world, or undefined when there is none yet; a file that is not one is refused, never replaced. */
export async function readWorldFile(file: string): Promise<EmulatorSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new WorldError(`cannot read the world file ${file}: ${(error as Error).message}`);
  }
  let snapshot: Partial<EmulatorSnapshot>;
  try {
    snapshot = JSON.parse(text) as Partial<EmulatorSnapshot>;
  } catch (error) {
    throw new WorldError(
      `the world file ${file} is not valid JSON (${(error as Error).message}); delete it to start over`,
    );
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT || snapshot.version !== SNAPSHOT_VERSION) {
    throw new WorldError(
      `the world file ${file} is not an emulator world of format version ${SNAPSHOT_VERSION}; delete it to start over`,
    );
  }
  return snapshot as EmulatorSnapshot;
}

/**
 * Writes a temporary file beside the target, flushes it to disk and renames it over the target: a crash at
 * any moment leaves either the previous world or the new one, never half of one. The file holds client
 * secrets, hence its mode.
 */
export async function writeWorldFile(file: string, snapshot: EmulatorSnapshot): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    try {
      await handle.writeFile(JSON.stringify(snapshot));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
