import { describe, expect, it } from "vitest";
import { START_MODES } from "../../src/config/schema.js";
import { START_MODES as STORED_START_MODES } from "../../src/store/schema.js";
import { documentStartMode, storedStartMode } from "../../src/store/start-mode.js";

describe("start modes", () => {
  it("convert between the config file's spelling and the store's, both ways, for every mode", () => {
    expect(START_MODES.map(storedStartMode)).toEqual(["only_new", "merge"]);
    expect(STORED_START_MODES.map(documentStartMode)).toEqual(["only-new", "merge"]);
    for (const mode of STORED_START_MODES) expect(storedStartMode(documentStartMode(mode))).toBe(mode);
  });
});
