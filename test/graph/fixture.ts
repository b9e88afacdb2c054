import { applySeed, type RunningEmulator } from "m365-emulator";
import { type AppCredential, MsalTokenSource } from "../../src/graph/auth.js";
import { GraphClient, type GraphClientOptions } from "../../src/graph/client.js";
import { resolveEndpoints } from "../../src/graph/endpoints.js";
import { createGraphCounters } from "../../src/graph/metrics.js";
import { createTestCertificate, type TestCertificate } from "../emulator/identity/certificate.js";

export const SECRET = "contoso-secret-value-1234";

/**
 * contoso.test with three mailboxes and three apps: "crosscal" (secret and certificate), "scoped" (Exchange
 * scope limited to adele) and "unconsented" (no admin consent: tokens without roles).
 */
export async function seedGraphTenant(emulator: RunningEmulator) {
  const certificate = await createTestCertificate("crosscal graph tests");
  await applySeed(emulator.ctx, {
    tenants: [
      {
        domain: "contoso.test",
        users: [
          { userPrincipalName: "adele@contoso.test" },
          { userPrincipalName: "megan@contoso.test" },
          { userPrincipalName: "alex@contoso.test" },
        ],
        apps: [
          { displayName: "crosscal", clientSecret: SECRET, certificatePem: certificate.certPem },
          { displayName: "scoped", clientSecret: "scoped-secret-5678", mailboxScope: ["adele@contoso.test"] },
          { displayName: "unconsented", clientSecret: "unconsented-secret-9012", consented: false },
        ],
      },
    ],
  });
  const tenant = emulator.ctx.world.requireTenant("contoso.test");
  const clientIdOf = (name: string) =>
    [...emulator.ctx.world.apps.values()].find((app) => app.displayName === name)!.clientId;
  return {
    tenant,
    certificate,
    crosscal: clientIdOf("crosscal"),
    scoped: clientIdOf("scoped"),
    unconsented: clientIdOf("unconsented"),
  };
}

export type GraphTenant = Awaited<ReturnType<typeof seedGraphTenant>>;

export function emulatorEndpoints(emulator: RunningEmulator) {
  return resolveEndpoints({ authorityHost: emulator.url, graphHost: emulator.url });
}

export function tokenSource(
  emulator: RunningEmulator,
  clientId: string,
  credential: AppCredential = { kind: "secret", secret: SECRET },
  tenant = "contoso.test",
) {
  return new MsalTokenSource({
    tenant,
    clientId,
    credential,
    endpoints: emulatorEndpoints(emulator),
    label: "contoso",
  });
}

/**
 * A client whose waits are recorded instead of spent: `sleep` advances a fake clock, so Retry-After and
 * backoff are honoured in logic and visible to assertions while the test runs at full speed.
 */
export function testClient(
  emulator: RunningEmulator,
  clientId: string,
  options: Partial<GraphClientOptions> & { credential?: AppCredential } = {},
) {
  const counters = createGraphCounters();
  const slept: number[] = [];
  let clock = Date.now();
  const client = new GraphClient({
    endpoints: emulatorEndpoints(emulator),
    tokens: tokenSource(emulator, clientId, options.credential),
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    onEvent: counters.listener,
    ...options,
  });
  return { client, counters, slept };
}

export function eventBody(subject: string, day: number, hour = 9) {
  const date = `2030-01-${String(day).padStart(2, "0")}`;
  const pad = (h: number) => String(h).padStart(2, "0");
  return {
    subject,
    start: { dateTime: `${date}T${pad(hour)}:00:00`, timeZone: "UTC" },
    end: { dateTime: `${date}T${pad(hour + 1)}:00:00`, timeZone: "UTC" },
  };
}

export type { TestCertificate };
