import { closeSync, fchmodSync, openSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * The data folder holds the SQLite database (meeting subjects, password hashes, session CSRF tokens) and
 * the secret key: only crosscal's account may enter it or read them. Modes are given at creation and then
 * set again with chmod, because the umask reduces the mode mkdir and open are given.
 */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Creates `dir` and any missing parent with mode 0700. A folder that exists already is left as its
 * administrator made it: `looseModes` says what to change instead.
 */
export async function ensurePrivateFolder(dir: string): Promise<void> {
  const target = path.resolve(dir);
  const first = await mkdir(target, { recursive: true, mode: FOLDER_MODE });
  if (first === undefined) return;
  for (const folder of foldersFrom(first, target)) await chmod(folder, FOLDER_MODE);
}

/** `first` and every folder below it down to `last`: what one recursive mkdir created. */
function foldersFrom(first: string, last: string): string[] {
  const parts = path.relative(first, last).split(path.sep).filter(Boolean);
  return [first, ...parts.map((_part, index) => path.join(first, ...parts.slice(0, index + 1)))];
}

/**
 * Creates `file` empty with mode 0600 unless it exists; true when this call created it. For the SQLite
 * database before SQLite opens it: SQLite then creates the -wal and -shm files beside it with the
 * database file's mode. Synchronous, as better-sqlite3 opens synchronously.
 */
export function createPrivateFileSync(file: string): boolean {
  let fd: number;
  try {
    // "wx": never truncate, never touch a file that exists (another process may have just created it).
    fd = openSync(file, "wx", FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fchmodSync(fd, FILE_MODE);
  } finally {
    closeSync(fd);
  }
  return true;
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, "0");

async function modeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode;
  } catch (error) {
    // ENOTDIR: a folder option that names a file; nothing can be below it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

interface Place {
  path: string;
  /** What it is and what it holds, for the warning. */
  what: string;
  fix: string;
}

function placesOf(folder: string | undefined, database: string | undefined): Place[] {
  const places: Place[] = [];
  if (folder) {
    const where = path.resolve(folder);
    const what = `the data folder ${where} (it holds the secret key and the SQLite database)`;
    places.push({ path: where, what, fix: `chmod 700 ${where}` });
  }
  for (const suffix of database ? ["", "-wal", "-shm"] : []) {
    const where = `${path.resolve(database!)}${suffix}`;
    const what = `the database file ${where} (meeting details, password hashes, session tokens)`;
    places.push({ path: where, what, fix: `chmod 600 ${where}` });
  }
  return places;
}

/** A place other accounts may use: what it is, its mode (octal) and the chmod that makes it private. */
export interface LoosePlace {
  what: string;
  mode: string;
  fix: string;
}

/**
 * The data folder and each SQLite database file (with its -wal and -shm) that other accounts may use.
 * Nothing is changed: they are the administrator's. Windows is skipped: ACLs govern access there, not
 * mode bits.
 */
export async function loosePlaces(options: { folder?: string; database?: string }): Promise<LoosePlace[]> {
  if (process.platform === "win32") return [];
  const loose: LoosePlace[] = [];
  for (const place of placesOf(options.folder, options.database)) {
    const mode = await modeOf(place.path);
    if (mode === undefined || (mode & 0o077) === 0) continue;
    loose.push({ what: place.what, mode: octal(mode), fix: place.fix });
  }
  return loose;
}

/** A warning for each of loosePlaces, naming the path, its mode and the chmod that makes it private. */
export async function looseModes(options: { folder?: string; database?: string }): Promise<string[]> {
  return (await loosePlaces(options)).map(
    (place) =>
      `${place.what} is open to other users (mode ${place.mode}); make it private with: ${place.fix}`,
  );
}
