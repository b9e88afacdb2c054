import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { allowedHostKey } from "../connections/endpoint-policy.js";
import { type AdminUnlockOptions, adminUnlockCommand } from "./commands/admin-unlock.js";
import { type ApplyOptions, applyCommand } from "./commands/apply.js";
import { type BackupOptions, backupCommand } from "./commands/backup.js";
import { type CleanupOptions, cleanupCommand } from "./commands/cleanup.js";
import { type DoctorOptions, doctorCommand } from "./commands/doctor.js";
import { type ExportOptions, exportCommand } from "./commands/export.js";
import { type PreviewOptions, previewCommand } from "./commands/preview.js";
import { type RestoreOptions, restoreCommand } from "./commands/restore.js";
import { type ServeOptions, serveCommand } from "./commands/serve.js";
import { type StatusOptions, statusCommand } from "./commands/status.js";
import { type SyncOptions, syncCommand } from "./commands/sync.js";
import { type WorkerCommandOptions, workerCommand } from "./commands/worker.js";
import type { ExitCode } from "./errors.js";

/** Where commands write: tables and JSON to `out` (stdout), progress and messages to `log` (stderr). */
export interface Output {
  out: (text: string) => void;
  log: (line: string) => void;
}

function positiveInteger(name: string, max: number) {
  return (value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`${name} is a whole number from 1 to ${max}.`);
    }
    return number;
  };
}

function portNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) {
    throw new InvalidArgumentError("--port is a whole number from 0 to 65535.");
  }
  return number;
}

/** Seconds a stopping process gives its runs in flight: 0 stops them at once. */
function stopTimeout(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 3600) {
    throw new InvalidArgumentError("--stop-timeout-seconds is a whole number from 0 to 3600.");
  }
  return number;
}

const stopTimeoutOption = () =>
  new Option(
    "--stop-timeout-seconds <n>",
    "on SIGTERM, seconds the runs in flight may take before they stop between two actions",
  )
    .env("CROSSCAL_STOP_TIMEOUT_SECONDS")
    .default(25)
    .argParser(stopTimeout);

function positiveMinutes(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1440) {
    throw new InvalidArgumentError("--reconcile-minutes is a whole number from 1 to 1440.");
  }
  return number;
}

/** An https origin (Graph delivers notifications over https only), without a trailing slash. */
function httpsOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("--public-url is a URL such as https://crosscal.example.com.");
  }
  // Graph delivers over https only; plain http is accepted on this machine, for the emulator (npm run demo).
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new InvalidArgumentError("--public-url must be https (Graph requires it).");
  if (url.pathname !== "/" || url.search || url.hash)
    throw new InvalidArgumentError("--public-url is an origin only, such as https://crosscal.example.com.");
  return url.origin;
}

/** One or more `host[:port]`, repeated or comma-separated (as the environment variable gives them). */
function endpointHosts(value: string, previous: string[] | undefined): string[] {
  const hosts = value
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  for (const host of hosts) {
    try {
      allowedHostKey(host);
    } catch (error) {
      throw new InvalidArgumentError(`--allow-endpoint-host: ${(error as Error).message}.`);
    }
  }
  return [...(previous ?? []), ...hosts];
}

function version(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

const configOption = (what: string) =>
  new Option("-c, --config <file>", `the config file (YAML, see docs/config.md): ${what}`).env(
    "CROSSCAL_CONFIG",
  );

/** The older name of --database, kept for scripts written before the CLI and the service shared a store. */
const dbOption = () =>
  new Option("--db <path|url>", "the same as --database (its older name)").env("CROSSCAL_DB").hideHelp();

/** Every command finds the store and key where `crosscal serve` keeps them (see cli/service-store.ts). */
const storeOptions = (command: Command) =>
  command
    .addOption(
      new Option(
        "--data <dir>",
        "the data folder: its secret.key and, by default, crosscal.db (default: ./data, or the folder of a --database file)",
      ).env("CROSSCAL_DATA"),
    )
    .addOption(
      new Option(
        "--database <path|url>",
        "a SQLite file or a postgres:// URL (default: <data>/crosscal.db)",
      ).env("CROSSCAL_DATABASE"),
    )
    .addOption(dbOption());

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}\n`;

/**
 * The `crosscal` command line. Each action resolves to the exit code; `main.ts` turns errors into
 * messages and codes, so this file only declares commands.
 */
export function buildProgram(io: Output, done: (code: ExitCode) => void): Command {
  const program = new Command("crosscal")
    .description("Two-way sync of Microsoft 365 calendar meetings between tenants.")
    .version(version())
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeErr: (text) => io.log(text.trimEnd()),
      writeOut: (text) => io.out(text.trimEnd()),
    })
    .addHelpText(
      "after",
      "\nExit codes: 0 everything done; 1 a profile failed or needs confirmation, or doctor found a problem; 2 bad input (options, config).\nDocumentation: docs/cli.md",
    );

  storeOptions(
    program
      .command("sync")
      .description(
        "Apply the config file to the store (as apply does), then sync its profiles as the service would: once (default) or periodically (--watch).",
      )
      .addOption(configOption("applied first; without it, the store's profiles are synced")),
  )
    .addOption(new Option("--once", "one round over the profiles, then exit (default)").conflicts("watch"))
    .option("--watch", "a round every --interval seconds until SIGINT or SIGTERM")
    .addOption(
      new Option("--interval <seconds>", "seconds between rounds with --watch")
        .default(60)
        .argParser(positiveInteger("--interval", 86_400)),
    )
    .option("--sync <name>", "only the profiles of this sync")
    .option("--profile <name>", "only this profile (by name)")
    .option("--confirm", "go ahead with runs the guards stopped (profiles that need confirmation)")
    .option("--resume", "start paused profiles again (after a cleanup)")
    .option(
      "--overwrite",
      "take the file's version over changes made through the API since it was last applied",
    )
    .addOption(
      new Option("--concurrency <n>", "profiles synced at the same time")
        .default(4)
        .argParser(positiveInteger("--concurrency", 64)),
    )
    .addHelpText(
      "after",
      examples(
        "crosscal sync --config crosscal.yaml",
        'crosscal sync --config crosscal.yaml --profile "Adele Vance"',
        "crosscal sync --config crosscal.yaml --database postgres://crosscal@db/crosscal --watch --interval 120",
        'crosscal sync --config crosscal.yaml --sync contoso-fabrikam --profile "Adele Vance" --confirm',
      ),
    )
    .action(async (options: SyncOptions) => done(await syncCommand(options, io.log)));

  storeOptions(
    program
      .command("preview")
      .description("Dry run: list what sync would do now (reads both mailboxes, writes nothing).")
      .addOption(configOption("planned as if applied; without it, the store's profiles")),
  )
    .option("--sync <name>", "only the profiles of this sync")
    .option("--profile <name>", "only this profile (by name)")
    .option("--all", "list every skipped event instead of one line per reason")
    .option("--json", "print the planned actions as JSON")
    .addHelpText(
      "after",
      examples(
        "crosscal preview --config crosscal.yaml",
        'crosscal preview --config crosscal.yaml --profile "Adele Vance" --all',
      ),
    )
    .action(async (options: PreviewOptions) => done(await previewCommand(options, io.out, io.log)));

  storeOptions(
    program
      .command("cleanup")
      .description(
        "Remove every copy crosscal made for a profile or a whole sync, found by tag (with --config, also without the database).",
      )
      .addOption(configOption("for its connections and profiles when the database lacks them")),
  )
    .option("--sync <name>", "every profile of this sync")
    .option("--profile <name>", "this profile (by name; add --sync if several syncs have one so named)")
    .option("-y, --yes", "do not ask for confirmation (required without a terminal)")
    .addHelpText(
      "after",
      examples(
        'crosscal cleanup --config crosscal.yaml --profile "Adele Vance"',
        "crosscal cleanup --config crosscal.yaml --sync contoso-fabrikam --yes",
      ),
    )
    .action(async (options: CleanupOptions) => done(await cleanupCommand(options, io.log)));

  storeOptions(
    program
      .command("status")
      .description("Show every profile of the store: its sync, mailboxes, status and last run.")
      .addOption(configOption("only its syncs, with its profiles not applied yet")),
  )
    .option("--json", "print the profiles as JSON")
    .addHelpText(
      "after",
      examples("crosscal status --config crosscal.yaml", "crosscal status --config crosscal.yaml --json"),
    )
    .action(async (options: StatusOptions) => done(await statusCommand(options, io.out, io.log)));

  program
    .command("serve")
    .description(
      "Run the service: the REST API (with its OpenAPI document at /docs), health probes and metrics.",
    )
    .addOption(
      new Option("--port <n>", "TCP port (0 picks a free one)")
        .env("CROSSCAL_PORT")
        .default(8080)
        .argParser(portNumber),
    )
    .addOption(new Option("--host <address>", "address to listen on").env("CROSSCAL_HOST").default("0.0.0.0"))
    .addOption(
      new Option("--data <dir>", "data folder (the SQLite database by default)")
        .env("CROSSCAL_DATA")
        .default("./data"),
    )
    .addOption(
      new Option(
        "--database <url>",
        "a postgres:// URL (or a SQLite file) instead of <data>/crosscal.db",
      ).env("CROSSCAL_DATABASE"),
    )
    .option(
      "--trust-proxy",
      "behind a reverse proxy: trust its X-Forwarded-For and X-Forwarded-Proto headers",
    )
    .addOption(
      new Option(
        "--public-url <url>",
        "the https origin Microsoft Graph reaches this service at, for change notifications",
      )
        .env("CROSSCAL_PUBLIC_URL")
        .argParser(httpsOrigin),
    )
    .addOption(
      new Option("--reconcile-minutes <n>", "minutes between reconciles of every profile")
        .env("CROSSCAL_RECONCILE_MINUTES")
        .default(15)
        .argParser(positiveMinutes),
    )
    .option(
      "--no-worker",
      "with PostgreSQL: run no profiles in this process, leave them all to crosscal worker processes",
    )
    .addOption(
      new Option(
        "--allow-custom-endpoints",
        "let connections made through the API use custom endpoints at public hosts (https, port 443)",
      ).env("CROSSCAL_ALLOW_CUSTOM_ENDPOINTS"),
    )
    .addOption(
      new Option(
        "--allow-endpoint-host <host[:port]...>",
        "a host custom endpoints may name whatever it resolves to (repeatable; a proxy, a test emulator)",
      )
        .env("CROSSCAL_ALLOW_ENDPOINT_HOSTS")
        .argParser(endpointHosts),
    )
    .addOption(stopTimeoutOption())
    .addOption(
      new Option(
        "--history-days <n>",
        "runs and decisions older than this are deleted (each profile's last run is kept)",
      )
        .env("CROSSCAL_HISTORY_DAYS")
        .default(90)
        .argParser(positiveInteger("--history-days", 36_500)),
    )
    .addOption(
      new Option("--audit-days <n>", "audit log entries older than this are deleted")
        .env("CROSSCAL_AUDIT_DAYS")
        .default(365)
        .argParser(positiveInteger("--audit-days", 36_500)),
    )
    .addHelpText(
      "after",
      examples(
        "crosscal serve",
        "crosscal serve --port 9000 --data /var/lib/crosscal",
        "crosscal serve --database postgres://crosscal@db/crosscal --trust-proxy",
      ),
    )
    .action(async (options: ServeOptions) => done(await serveCommand(options, io.out, io.log)));

  storeOptions(
    program
      .command("apply")
      .description(
        "Bring a config file's connections, syncs and profiles into the service's database (all or nothing).",
      )
      .requiredOption("-f, --file <file>", "the config file (YAML, see docs/config.md)"),
  )
    .option("--dry-run", "report what would change, write nothing")
    .option(
      "--overwrite",
      "take the file's version over changes made through the API since it was last applied",
    )
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      examples(
        "crosscal apply -f crosscal.yaml --dry-run",
        "crosscal apply -f crosscal.yaml --database postgres://crosscal@db/crosscal",
      ),
    )
    .action(async (options: ApplyOptions) => done(await applyCommand(options, io.out, io.log)));

  storeOptions(
    program
      .command("export")
      .description("Write the service's connections, syncs and profiles as a config file (never secrets)."),
  )
    .option("-o, --output <file>", "write to this file instead of stdout")
    .addHelpText(
      "after",
      examples("crosscal export -o crosscal.yaml", "crosscal export --data /var/lib/crosscal"),
    )
    .action(async (options: ExportOptions) => done(await exportCommand(options, io.out, io.log)));

  storeOptions(
    program
      .command("doctor")
      .description(
        "Check the installation: database, secret key, each connection, the public URL, subscriptions and the clock; print each finding with its fix.",
      ),
  )
    .addOption(
      new Option(
        "--public-url <url>",
        "the https origin Microsoft Graph reaches serve at (as serve's): its webhook is checked",
      )
        .env("CROSSCAL_PUBLIC_URL")
        .argParser(httpsOrigin),
    )
    .option("--json", "print the findings as JSON")
    .addHelpText(
      "after",
      examples(
        "crosscal doctor --data /var/lib/crosscal --public-url https://crosscal.example.com",
        "crosscal doctor --database postgres://crosscal@db/crosscal --json",
      ),
    )
    .action(async (options: DoctorOptions) => done(await doctorCommand(options, io.out, io.log)));

  storeOptions(
    program
      .command("backup")
      .description(
        "Copy the SQLite database to a file while the service runs (with PostgreSQL: prints the pg_dump command).",
      )
      .requiredOption("--to <file>", "the backup file to write (readable by this account only)"),
  )
    .option("--force", "replace the file if it exists")
    .addHelpText(
      "after",
      examples(
        "crosscal backup --to /var/backups/crosscal-$(date +%F).db",
        "crosscal backup --data /var/lib/crosscal --to /var/backups/crosscal.db --force",
      ),
    )
    .action(async (options: BackupOptions) => done(await backupCommand(options, io.out, io.log)));

  storeOptions(
    program
      .command("restore")
      .description(
        "Put a backup in the place of the SQLite database (crosscal stopped); the old one is kept as <db>.before-restore.",
      )
      .requiredOption("--from <file>", "a file crosscal backup wrote"),
  )
    .option("--force", "replace the <db>.before-restore an earlier restore left")
    .addHelpText(
      "after",
      examples(
        "crosscal restore --from /var/backups/crosscal-2026-03-01.db",
        "crosscal restore --data /var/lib/crosscal --from /var/backups/crosscal.db",
      ),
    )
    .action(async (options: RestoreOptions) => done(await restoreCommand(options, io.out, io.log)));

  const admin = program
    .command("admin")
    .description("Administrator sign-in: unlock clears sign-in throttling.");
  storeOptions(admin.command("unlock"))
    .description(
      "Clear sign-in throttling: forget the failed sign-ins that hold sign-ins back (all, or those of a username and/or an address).",
    )
    .option("--username <name>", "only this username's failures (at every address, or at --address)")
    .option("--address <ip>", "only this client address (an IPv6 address stands for its /64)")
    .addHelpText(
      "after",
      examples(
        "crosscal admin unlock",
        "crosscal admin unlock --username admin --address 203.0.113.7",
        "crosscal admin unlock --address 2001:db8:1:2::1 --database postgres://crosscal@db/crosscal",
      ),
    )
    .action(async (options: AdminUnlockOptions) => done(await adminUnlockCommand(options, io.out, io.log)));

  program
    .command("worker")
    .description(
      "Run profiles from the PostgreSQL job queue, next to crosscal serve (any number of workers, on any machine).",
    )
    .addOption(
      new Option("--database <url>", "the postgres:// URL crosscal serve uses").env("CROSSCAL_DATABASE"),
    )
    .addOption(
      new Option("--data <dir>", "folder holding serve's secret.key (unless CROSSCAL_SECRET_KEY is set)")
        .env("CROSSCAL_DATA")
        .default("./data"),
    )
    .addOption(
      new Option("--concurrency <n>", "profiles run at the same time")
        .env("CROSSCAL_WORKER_CONCURRENCY")
        .default(4)
        .argParser(positiveInteger("--concurrency", 64)),
    )
    .addOption(
      new Option(
        "--lease-seconds <n>",
        "how long a run holds its profile unless renewed: a dead worker's profiles wait this long",
      )
        .env("CROSSCAL_LEASE_SECONDS")
        .default(120)
        .argParser(positiveInteger("--lease-seconds", 3600)),
    )
    .addOption(stopTimeoutOption())
    .addHelpText(
      "after",
      examples(
        "crosscal worker --database postgres://crosscal@db/crosscal",
        "CROSSCAL_SECRET_KEY=$(cat /run/secrets/crosscal-key) crosscal worker --database postgres://crosscal@db/crosscal --concurrency 8",
      ),
    )
    .action(async (options: WorkerCommandOptions) => done(await workerCommand(options, io.out, io.log)));

  return program;
}
