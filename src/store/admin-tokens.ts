import { randomUUID } from "node:crypto";
import type { ApiTokenRow, ApiTokenScope } from "./admin-schema.js";
import type { Store } from "./database.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/** API tokens for scripts and monitoring, found by the hash of the bearer token. */
export type ApiToken = ApiTokenRow;
export type ApiTokenInfo = Omit<ApiToken, "tokenHash">;
export type { ApiTokenScope } from "./admin-schema.js";

const INFO = ["id", "name", "createdBy", "createdAt", "lastUsedAt", "scope", "expiresAt"] as const;

export interface NewApiToken {
  name: string;
  tokenHash: string;
  createdBy: string;
  scope: ApiTokenScope;
  expiresAt: Instant | null;
}

export async function insertApiToken(db: Store, token: NewApiToken, now: Instant): Promise<ApiToken> {
  const row: ApiToken = {
    id: randomUUID(),
    ...token,
    expiresAt: token.expiresAt === null ? null : toTimestamp(token.expiresAt),
    createdAt: toTimestamp(now),
    lastUsedAt: null,
  };
  await db.insertInto("apiTokens").values(row).execute();
  return row;
}

export async function findApiTokenByHash(db: Store, tokenHash: string): Promise<ApiToken | undefined> {
  return db.selectFrom("apiTokens").selectAll().where("tokenHash", "=", tokenHash).executeTakeFirst();
}

/** Every token, newest first, without their hashes. */
export async function listApiTokens(db: Store): Promise<ApiTokenInfo[]> {
  return db.selectFrom("apiTokens").select(INFO).orderBy("createdAt", "desc").orderBy("id").execute();
}

/** Deletes a token; returns it (without its hash), or undefined when there was none with that id. */
export async function deleteApiToken(db: Store, id: string): Promise<ApiTokenInfo | undefined> {
  return db.deleteFrom("apiTokens").where("id", "=", id).returning(INFO).executeTakeFirst();
}

export async function touchApiToken(db: Store, id: string, now: Instant): Promise<void> {
  await db
    .updateTable("apiTokens")
    .set({ lastUsedAt: toTimestamp(now) })
    .where("id", "=", id)
    .execute();
}
