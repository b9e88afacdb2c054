import type { Migration } from "kysely";
import * as initial from "./001_initial.js";
import * as cursorSettings from "./002_cursor_settings.js";
import * as subscriptions from "./003_subscriptions.js";
import * as admin from "./004_admin.js";
import * as historyIndexes from "./005_history_indexes.js";
import * as connections from "./006_connections.js";
import * as service from "./007_service.js";
import * as security from "./008_security.js";
import * as oneModel from "./009_one_model.js";
import * as dashboard from "./010_dashboard.js";
import * as lookupIndexes from "./011_lookup_indexes.js";

/**
 * Every migration, by name. Names sort in the order they must run; Kysely records each one it applies
 * and refuses to run a set whose recorded order differs. Append only: never edit a released migration.
 */
export const migrations: Record<string, Migration> = {
  "001_initial": initial,
  "002_cursor_settings": cursorSettings,
  "003_subscriptions": subscriptions,
  "004_admin": admin,
  "005_history_indexes": historyIndexes,
  "006_connections": connections,
  "007_service": service,
  "008_security": security,
  "009_one_model": oneModel,
  "010_dashboard": dashboard,
  "011_lookup_indexes": lookupIndexes,
};
