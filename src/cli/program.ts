import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { type CleanupOptions, cleanupCommand } from "./commands/cleanup.js";
import { type PreviewOptions, previewCommand } from "./commands/preview.js";
import { type ServeOptions, serveCommand } from "./commands/serve.js";
import { type StatusOptions, statusCommand } from "./commands/status.js";
import { type SyncOptions, syncCommand } from "./commands/sync.js";
import { DEFAULT_DB } from "./context.js";
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

function version(): string {
  const file = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

const configOption = () =>
  new Option("-c, --config <file>", "the config file (YAML, see docs/config.md)")
    .env("CROSSCAL_CONFIG")
    .makeOptionMandatory();

const dbOption = () =>
  new Option("--db <path|url>", "the database: a SQLite file (created with its folder) or a postgres:// URL")
    .env("CROSSCAL_DB")
    .default(DEFAULT_DB);

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
      "\nExit codes: 0 everything done; 1 a profile failed or needs confirmation; 2 bad input (options, config).\nDocumentation: docs/cli.md",
    );

  program
    .command("sync")
    .description(
      "Bring the config's profiles into the database, then sync them: once (default) or periodically (--watch).",
    )
    .addOption(configOption())
    .addOption(dbOption())
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
        "crosscal sync --config crosscal.yaml --db postgres://crosscal@db/crosscal --watch --interval 120",
        'crosscal sync --config crosscal.yaml --sync contoso-fabrikam --profile "Adele Vance" --confirm',
      ),
    )
    .action(async (options: SyncOptions) => done(await syncCommand(options, io.log)));

  program
    .command("preview")
    .description("Dry run: list what sync would do now (reads both mailboxes, writes nothing).")
    .addOption(configOption())
    .addOption(dbOption())
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

  program
    .command("cleanup")
    .description(
      "Remove every copy crosscal made for a profile or a whole sync, found by tag (works without the database).",
    )
    .addOption(configOption())
    .addOption(dbOption())
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

  program
    .command("status")
    .description("Show every profile: its mailboxes, status and last run.")
    .addOption(configOption())
    .addOption(dbOption())
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
    .addHelpText(
      "after",
      examples(
        "crosscal serve",
        "crosscal serve --port 9000 --data /var/lib/crosscal",
        "crosscal serve --database postgres://crosscal@db/crosscal --trust-proxy",
      ),
    )
    .action(async (options: ServeOptions) => done(await serveCommand(options, io.out, io.log)));

  return program;
}
