import { describe, expect, it } from "vitest";
import { jsonLog } from "../../src/cli/commands/worker.js";

describe("crosscal worker's log", () => {
  it("writes one JSON line per message with the worker's id, secrets redacted and errors readable", () => {
    const lines: string[] = [];
    const log = jsonLog((line) => lines.push(line), { worker: "w-1" });

    log.info({ clientSecret: "s3cret-value", headers: { authorization: "Bearer abc.def" } }, "hello");
    log.error(
      { err: new Error("outer", { cause: new Error("inner cause") }), profileId: "p-1" },
      "run failed",
    );

    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toMatch(/s3cret-value|abc\.def/);
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({ worker: "w-1", msg: "hello", clientSecret: "[redacted]" });
    expect(second).toMatchObject({
      worker: "w-1",
      msg: "run failed",
      profileId: "p-1",
      err: "outer: inner cause",
    });
  });
});
