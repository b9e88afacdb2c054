import { type Finding, ok, problem, warning } from "./findings.js";

const SUBJECT = "clock";
const MINUTE = 60_000;
/** Entra ID refuses client assertions and Graph refuses tokens beyond about five minutes of skew. */
const PROBLEM_MS = 5 * MINUTE;
const WARNING_MS = MINUTE;

/** Entra ID of the global cloud: what the clock is compared with when no connection names another. */
export const GLOBAL_AUTHORITY = "https://login.microsoftonline.com";

const describe = (ms: number) => {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} s`;
  return `${amount} ${ms > 0 ? "ahead of" : "behind"}`;
};

/**
 * This machine's clock against the `Date` header of each Entra ID's answer (one request to its OpenID
 * discovery document, timed, the midpoint taken): more than five minutes apart is a problem (tokens and
 * certificate assertions are refused), more than one a warning. `now` is the local clock, for tests.
 */
export async function checkClock(
  authorities: readonly string[],
  now: () => number = Date.now,
  timeoutMs = 10_000,
): Promise<Finding[]> {
  const hosts = [...new Set(authorities.length > 0 ? authorities : [GLOBAL_AUTHORITY])];
  return Promise.all(
    hosts.map((host) =>
      skewAgainst(host, hosts.length > 1 ? `${SUBJECT} (${host})` : SUBJECT, now, timeoutMs),
    ),
  );
}

async function skewAgainst(
  host: string,
  subject: string,
  now: () => number,
  timeoutMs: number,
): Promise<Finding> {
  let stamped: number;
  let local: number;
  try {
    const sent = now();
    const answer = await fetch(`${host}/common/v2.0/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    local = (sent + now()) / 2;
    await answer.body?.cancel();
    stamped = Date.parse(answer.headers.get("date") ?? "");
  } catch (error) {
    return warning(
      subject,
      `not compared: ${host} could not be reached (${(error as Error).message})`,
      "check that this machine reaches Entra ID (see the connections above)",
    );
  }
  if (Number.isNaN(stamped))
    return warning(
      subject,
      `not compared: ${host} sent no Date header`,
      "check any proxy between this machine and Entra ID",
    );
  const skew = local - stamped;
  const fix = "synchronise the clock with NTP (timedatectl set-ntp true, or chrony)";
  const message = `this machine's clock is ${describe(skew)} Entra ID's (${host})`;
  if (Math.abs(skew) > PROBLEM_MS)
    return problem(subject, `${message}: tokens are refused beyond 5 minutes`, fix);
  if (Math.abs(skew) > WARNING_MS) return warning(subject, message, fix);
  // The header counts whole seconds: a second either way is as close as it can tell.
  const seconds = Math.max(1, Math.round(Math.abs(skew) / 1000));
  return ok(subject, `this machine's clock is within ${seconds} s of Entra ID's (${host})`);
}
