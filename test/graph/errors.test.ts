import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_POLICY,
  decide,
  errorFromResponse,
  type GraphErrorKind,
  GraphRequestError,
  kindOfStatus,
  parseRetryAfter,
  type RetryPolicy,
  safePath,
} from "../../src/graph/errors.js";

const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  random: () => 0.5,
  ...overrides,
});

function failure(kind: GraphErrorKind, extra: Partial<{ retryAfterMs: number; status: number }> = {}) {
  return new GraphRequestError({ kind, method: "GET", path: "/users/x/events", ...extra });
}

describe("kindOfStatus", () => {
  it.each([
    [429, undefined, "transient"],
    [503, undefined, "transient"],
    [504, undefined, "transient"],
    [502, undefined, "transient"],
    [500, undefined, "transient"],
    [410, "SyncStateNotFound", "cursor-invalid"],
    [410, undefined, "cursor-invalid"],
    [400, "syncStateNotFound", "cursor-invalid"],
    [400, "resyncRequired", "cursor-invalid"],
    [404, "ErrorItemNotFound", "not-found"],
    [401, "InvalidAuthenticationToken", "permission"],
    [403, "ErrorAccessDenied", "permission"],
    [412, "ErrorIrresolvableConflict", "precondition"],
    [409, "ErrorIrresolvableConflict", "precondition"],
    [409, "Conflict", "invalid"],
    [400, "BadRequest", "invalid"],
    [501, undefined, "unknown"],
  ] as const)("%s %s -> %s", (status, code, kind) => {
    expect(kindOfStatus(status, code)).toBe(kind);
  });
});

describe("errorFromResponse", () => {
  it("reads Graph's envelope, the request id and Retry-After", () => {
    const error = errorFromResponse(
      {
        status: 429,
        headers: { "Retry-After": "7", "request-id": "header-id" },
        body: {
          error: {
            code: "TooManyRequests",
            message: "Please retry again later.",
            innerError: { "request-id": "r-1" },
          },
        },
      },
      { method: "GET", path: "/users/x/events", context: "list events of x" },
    );
    expect(error).toMatchObject({
      kind: "transient",
      status: 429,
      code: "TooManyRequests",
      requestId: "r-1",
      retryAfterMs: 7000,
      method: "GET",
      path: "/users/x/events",
    });
    expect(error.message).toBe(
      "list events of x: GET /users/x/events answered 429 TooManyRequests: Please retry again later. (request-id r-1) [transient]",
    );
  });

  it("keeps the Location of a resync 410 and accepts innererror", () => {
    const error = errorFromResponse(
      {
        status: 410,
        headers: { location: "https://graph/v1.0/users/x/calendarView/delta?$deltatoken=" },
        body: { error: { code: "ResyncRequired", message: "resync", innererror: { "request-id": "r-2" } } },
      },
      { method: "GET", path: "/users/x/calendarView/delta" },
    );
    expect(error).toMatchObject({ kind: "cursor-invalid", requestId: "r-2" });
    expect(error.resyncLocation).toContain("$deltatoken=");
  });
});

describe("safePath", () => {
  it("drops the host and elides paging and delta tokens", () => {
    expect(
      safePath(
        "https://graph.microsoft.com/v1.0/users/x/calendarView/delta?$deltatoken=abc&$top=5",
        "https://graph.microsoft.com/v1.0",
      ),
    ).toBe("/users/x/calendarView/delta?$deltatoken=…&$top=5");
    expect(safePath("https://elsewhere.example/a/b?%24skiptoken=zzz")).toBe("/a/b?%24skiptoken=…");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("10", 0)).toBe(10_000);
    expect(parseRetryAfter("2.128", 0)).toBe(2128);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:05 GMT", 1000)).toBe(4000);
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });
});

describe("decide", () => {
  it("waits exactly Retry-After when Graph sends it", () => {
    expect(decide(failure("transient", { retryAfterMs: 7000 }), 1, policy())).toEqual({
      action: "retry",
      delayMs: 7000,
    });
  });

  it("backs off exponentially with jitter, bounded by maxDelayMs", () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const decision = decide(failure("transient"), attempt, policy({ random: () => 0.5, maxAttempts: 10 }));
      return decision.action === "retry" ? decision.delayMs : -1;
    });
    // 500, 1000, 2000, 4000 ceilings, at 75 % with random 0.5.
    expect(delays).toEqual([375, 750, 1500, 3000]);
    const low = decide(failure("transient"), 30, policy({ random: () => 0, maxAttempts: 100 }));
    const high = decide(failure("transient"), 30, policy({ random: () => 0.999999, maxAttempts: 100 }));
    expect(low).toEqual({ action: "retry", delayMs: DEFAULT_RETRY_POLICY.maxDelayMs / 2 });
    expect(high.action === "retry" && high.delayMs).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it("fails once attempts are used up, and on a Retry-After beyond the bound", () => {
    expect(decide(failure("transient"), 3, policy({ maxAttempts: 3 }))).toEqual({ action: "fail" });
    expect(decide(failure("transient", { retryAfterMs: 600_000 }), 1, policy())).toEqual({ action: "fail" });
  });

  it("resets on a lost cursor and fails every other kind", () => {
    expect(decide(failure("cursor-invalid"), 1, policy())).toEqual({ action: "reset" });
    for (const kind of ["not-found", "permission", "precondition", "invalid", "unknown"] as const) {
      expect(decide(failure(kind), 1, policy())).toEqual({ action: "fail" });
    }
  });
});
