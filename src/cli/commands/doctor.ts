import { endpointsOf } from "../../connections/stored-connection.js";
import { listConnections } from "../../store/connections.js";
import type { Store } from "../../store/database.js";
import { checkClock } from "../doctor/clock.js";
import { checkConnections } from "../doctor/connections.js";
import { checkDatabase } from "../doctor/database.js";
import { type Finding, findingsJson, formatFindings, hasProblem, warning } from "../doctor/findings.js";
import { checkPublicUrl } from "../doctor/public-url.js";
import { checkSecretKey } from "../doctor/secret-key.js";
import { checkSubscriptions } from "../doctor/subscriptions.js";
import { EXIT, type ExitCode } from "../errors.js";
import { type StoreOptions, storeLocation } from "../service-store.js";

export interface DoctorOptions extends StoreOptions {
  /** The https origin Graph reaches serve at, as serve's --public-url. */
  publicUrl?: string;
  json?: boolean;
}

/** The Entra ID hosts the connections sign in at: the clock is compared with each. */
async function authoritiesOf(db: Store | undefined): Promise<string[]> {
  if (!db) return [];
  return (await listConnections(db)).map((row) => endpointsOf(row).authorityHost).filter(Boolean);
}

/** What reads the store: only with a migrated database, and the connections only with a usable key. */
async function storeFindings(
  db: Store,
  box: Awaited<ReturnType<typeof checkSecretKey>>["box"],
  publicUrl: string | undefined,
): Promise<Finding[]> {
  const connections = box
    ? await checkConnections(db, box)
    : [
        warning(
          "connections",
          "not checked: no usable secret key to open their secrets",
          "fix the secret key above",
        ),
      ];
  return [...connections, ...(await checkSubscriptions(db, new Date(), publicUrl))];
}

/**
 * `crosscal doctor`: checks a whole installation as serve would use it, changing nothing: the database
 * (reachable, migrated, private), the secret key, each connection (token, permissions, mailbox scope), the
 * public URL (Graph's validation handshake), subscriptions, and this machine's clock against Entra ID's.
 * Prints each finding with its fix; exit code 1 when any is a problem.
 */
export async function doctorCommand(
  options: DoctorOptions,
  out: (text: string) => void,
  log: (line: string) => void,
): Promise<ExitCode> {
  const { data, target } = storeLocation(options);
  const database = await checkDatabase(target, data);
  const key = await checkSecretKey(data);
  const findings = [...database.findings, ...key.findings];
  try {
    if (database.db) findings.push(...(await storeFindings(database.db, key.box, options.publicUrl)));
    findings.push(...(await checkPublicUrl(options.publicUrl)));
    findings.push(...(await checkClock(await authoritiesOf(database.db))));
  } finally {
    await database.db?.destroy();
  }
  out(options.json ? findingsJson(findings) : formatFindings(findings));
  if (hasProblem(findings)) log("crosscal doctor: problems found: see the fixes");
  return hasProblem(findings) ? EXIT.failed : EXIT.ok;
}
