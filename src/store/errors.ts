/** A write was refused because a row with the same unique key already exists. */
export class StoreConflictError extends Error {
  override readonly name = "StoreConflictError";
}

/** Recognises a unique or primary-key violation from better-sqlite3 or pg. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** Runs an insert, turning a unique violation into a StoreConflictError that says what collided. */
export async function insertUnique<T>(what: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(`${what} already exists`, { cause: error });
    throw error;
  }
}
