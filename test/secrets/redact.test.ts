import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { LOG_REDACTION, REDACT_DEPTH, REDACTED, SECRET_KEYS } from "../../src/secrets/redact.js";

/** A pino logger with crosscal's redaction writing into memory, and the lines it wrote. */
function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: pino({ redact: LOG_REDACTION }, stream), lines };
}

/**
 * An object holding `key: value` that many levels below the top, through objects and arrays in turn
 * (`{ level1: [{ level3: [{ key }] }] }` at depth 4); the top is always an object, as pino wants.
 */
function nested(depth: number, key: string, value: string): object {
  let inner: unknown = { [key]: value, visible: `visible-${depth}-${key}` };
  for (let level = depth; level > 0; level--)
    inner = level % 2 === 0 ? [inner] : { [`level${level}`]: inner };
  return inner as object;
}

describe("LOG_REDACTION", () => {
  it("keeps the secrets of a request, a connection, a webhook and an error out of the log", () => {
    const { logger, lines } = memoryLogger();
    const secrets = {
      bearer: "Bearer eyJ0eXAiOiJKV1Qi.api-token-1",
      cookie: "crosscal_session=s%3Asession-id-2",
      setCookie: "crosscal_session=s%3Asession-id-3; HttpOnly",
      clientSecret: "Vx8Q~client-secret-4",
      privateKey: "-----BEGIN PRIVATE KEY-----private-key-5",
      password: "correct-horse-battery-6",
      token: "setup-token-7",
      clientState: "client-state-8",
      secret: "plain-secret-9",
      graphBearer: "Bearer graph-access-token-10",
    };

    logger.info(
      {
        req: {
          method: "POST",
          url: "/api/login",
          headers: { authorization: secrets.bearer, cookie: secrets.cookie },
        },
        res: { statusCode: 200, headers: { "set-cookie": [secrets.setCookie] } },
        body: { username: "admin", password: secrets.password },
      },
      "login",
    );
    logger.info(
      { connection: { name: "contoso", credential: { clientSecret: secrets.clientSecret } } },
      "saved",
    );
    logger.info({ certificate: { thumbprint: "AB12", privateKey: secrets.privateKey } }, "certificate");
    logger.warn(
      { notification: { value: [{ subscriptionId: "sub-1", clientState: secrets.clientState }] } },
      "forged",
    );
    logger.info({ token: secrets.token, settings: { secret: secrets.secret } }, "setup");
    logger.info({ graph: { request: { headers: { Authorization: secrets.graphBearer } } } }, "graph call");
    logger.error({ err: Object.assign(new Error("token refused"), { token: secrets.token }) }, "failed");
    logger.child({ token: secrets.token }).info({ profile: "p-1" }, "child");

    const output = lines.join("\n");
    for (const [name, value] of Object.entries(secrets)) expect(output, name).not.toContain(value);
    // What is not secret still gets through, so the test proves redaction, not silence.
    for (const visible of ["/api/login", "admin", "contoso", "AB12", "sub-1", "token refused", "p-1"]) {
      expect(output).toContain(visible);
    }
    expect(lines).toHaveLength(8);
    expect(JSON.parse(lines[0]!).req.headers.authorization).toBe(REDACTED);
  });

  it(`redacts every listed key at every depth from 0 to ${REDACT_DEPTH}`, () => {
    const { logger, lines } = memoryLogger();
    for (const key of SECRET_KEYS) {
      for (let depth = 0; depth <= REDACT_DEPTH; depth++) {
        const value = `secret-${depth}-${key}`;
        logger.info(nested(depth, key, value), "entry");
        const line = lines.at(-1)!;
        expect(line, `${key} at depth ${depth}`).not.toContain(value);
        expect(line).toContain(`visible-${depth}-${key}`);
        expect(line).toContain(REDACTED);
      }
    }
  });

  it("lists each key once per depth, as pino needs explicit paths", () => {
    expect(LOG_REDACTION.paths).toHaveLength(SECRET_KEYS.length * (REDACT_DEPTH + 1));
    expect(new Set(LOG_REDACTION.paths).size).toBe(LOG_REDACTION.paths.length);
    expect(LOG_REDACTION.paths).toContain("*.*.authorization");
    expect(LOG_REDACTION.paths).toContain('*.*["set-cookie"]');
    expect(LOG_REDACTION.censor).toBe(REDACTED);
  });
});
