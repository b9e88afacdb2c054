import { describe, expect, it } from "vitest";
import { pathAfterSignIn, signInPath } from "./paths";

describe("returning after sign-in", () => {
  it("goes back to a page of the dashboard, with its query", () => {
    expect(pathAfterSignIn("/profiles?status=error")).toBe("/profiles?status=error");
    expect(signInPath("/profiles?status=error", "session_expired")).toBe(
      "/sign-in?next=%2Fprofiles%3Fstatus%3Derror&reason=session_expired",
    );
  });

  it("never leaves the dashboard, whatever the link says", () => {
    for (const next of [
      null,
      "",
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
    ])
      expect(pathAfterSignIn(next)).toBe("/");
    expect(pathAfterSignIn("/sign-in?next=/x")).toBe("/");
  });
});
