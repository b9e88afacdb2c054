import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { describeTenants } from "./control/describe.js";
import { startEmulator } from "./server.js";

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  }
  return parsed;
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError("a positive whole number of seconds");
  return parsed;
}

const program = new Command()
  .name("m365-emulator")
  .description(
    "Microsoft 365 emulator: Entra ID token endpoints and the Microsoft Graph subset for calendars",
  )
  .option("--port <n>", "HTTPS port on 127.0.0.1 (0 picks a free one)", port, 8443)
  .option("--host <address>", "address to listen on", "127.0.0.1")
  .option("--seed <demo|file>", "load the demo data set or a seed JSON file")
  .option("--state <dir>", "keep the CA, certificates and signing key in this folder", ".emulator-state")
  .option(
    "--persist",
    "keep the world (tenants, mailboxes, delta states, subscriptions) in <state>/world.json and start from it",
    false,
  )
  .option("--token-lifetime <seconds>", "lifetime of issued access tokens", seconds, 3599)
  .option("--allow-http-notifications", "accept http:// notification URLs (Graph requires https)", false)
  .option("--log", "log every request to stderr", false)
  .action(async (options) => {
    const emulator = await startEmulator({
      port: options.port,
      host: options.host,
      seed: options.seed,
      stateDir: options.state,
      tokenLifetimeSeconds: options.tokenLifetime,
      allowHttpNotificationUrls: options.allowHttpNotifications,
      logger: options.log,
      ...(options.persist && { worldFile: path.join(options.state, "world.json") }),
    });
    let stopping = false;
    const stop = () => {
      // Once: a second signal (Ctrl-C reaching a whole process group, then its parent's SIGTERM) must not
      // end the process in the middle of saving the world.
      if (stopping) return;
      stopping = true;
      emulator.close().then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`emulator: ${error.message}\n`);
          process.exit(1);
        },
      );
    };
    // Installed before the start-up line: whoever reads it may stop us at once.
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    const line = { url: emulator.url, caCert: emulator.caCertPath, tenants: describeTenants(emulator.ctx) };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  });

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`emulator: ${error.message}\n`);
  process.exit(1);
});
