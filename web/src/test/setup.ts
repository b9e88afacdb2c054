import { cleanup, configure } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// findBy… and waitFor wait for what the screen will show, not for how fast: Testing Library's default of
// 1 s is too short on a busy CI machine (two cores running the service's suite beside these).
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
