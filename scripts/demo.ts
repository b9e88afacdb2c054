/**
 * A working crosscal on one machine, no Microsoft tenant needed: starts the Microsoft 365 emulator with
 * its demo tenants, writes a config for them (./data/demo/crosscal.yaml, secrets passed by environment),
 * and runs `crosscal sync --watch` on the embedded SQLite store (./data/demo/crosscal.db).
 *
 *   npm run demo
 *
 * Then act as a person through the emulator's control API (docs/emulator.md) and watch the copies appear.
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { stringify } from "yaml";

interface StartLine {
  url: string;
  caCert: string;
  tenants: Array<{ id: string; domain: string; clientId: string; clientSecret: string; users: string[] }>;
}

const dataDir = path.resolve("data/demo");

function connection(url: string, tenant: StartLine["tenants"][number], secretEnv: string) {
  return {
    tenant: tenant.domain,
    clientId: tenant.clientId,
    clientSecret: { env: secretEnv },
    cloud: "custom",
    endpoints: { authority: url, graph: url },
  };
}

/** One profile per person present in both tenants (same local part). */
function profiles(a: StartLine["tenants"][number], b: StartLine["tenants"][number]) {
  const inB = new Map(b.users.map((upn) => [upn.split("@")[0]!.toLowerCase(), upn]));
  return a.users.flatMap((upn) => {
    const other = inB.get(upn.split("@")[0]!.toLowerCase());
    const name = upn
      .split("@")[0]!
      .split(".")
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(" ");
    return other ? [{ name, a: upn, b: other }] : [];
  });
}

async function main() {
  await mkdir(dataDir, { recursive: true });
  const emulator = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "emulator/src/main.ts",
      "--port",
      "8443",
      "--seed",
      "demo",
      "--state",
      path.join(dataDir, "emulator"),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: emulator.stdout! }).once("line", resolve);
    emulator.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  const start = JSON.parse(line) as StartLine;
  const [contoso, fabrikam] = start.tenants as [StartLine["tenants"][number], StartLine["tenants"][number]];
  const config = {
    version: 1,
    connections: {
      contoso: connection(start.url, contoso, "DEMO_CONTOSO_SECRET"),
      fabrikam: connection(start.url, fabrikam, "DEMO_FABRIKAM_SECRET"),
    },
    syncs: {
      "contoso-fabrikam": {
        a: "contoso",
        b: "fabrikam",
        mapping: "full-details",
        startMode: "merge",
        profiles: profiles(contoso, fabrikam),
      },
    },
  };
  const configFile = path.join(dataDir, "crosscal.yaml");
  await writeFile(
    configFile,
    `# Written by npm run demo for the emulator's demo tenants.\n${stringify(config)}`,
  );
  process.stderr.write(
    `emulator: ${start.url} (control API: ${start.url}/_emulator)\nconfig: ${configFile}\n`,
  );
  const crosscal = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/cli/main.ts",
      "sync",
      "--config",
      configFile,
      "--db",
      path.join(dataDir, "crosscal.db"),
      "--watch",
      "--interval",
      "10",
    ],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: start.caCert,
        DEMO_CONTOSO_SECRET: contoso.clientSecret,
        DEMO_FABRIKAM_SECRET: fabrikam.clientSecret,
      },
    },
  );
  const stop = () => {
    crosscal.kill("SIGTERM");
    emulator.kill("SIGTERM");
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  crosscal.once("exit", (code) => {
    emulator.kill("SIGTERM");
    process.exitCode = code ?? 1;
  });
}

main().catch((error: Error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exit(1);
});
