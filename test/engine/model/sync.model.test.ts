import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOUND } from "./examples.js";
import { Player, tally } from "./play.js";
import { scenario } from "./steps.js";
import { type ModelWorld, startModelWorld } from "./world.js";

/**
 * The engine's randomized model test: fast-check generates scenarios (people editing both mailboxes, a
 * colleague's invitations, engine runs with injected faults and crashes), plays each against the emulator
 * over HTTPS with a fresh pair of mailboxes and profile, then checks the sync semantics once the faults stop
 * (see play.ts and invariants.ts). ENGINE_MODEL_RUNS sets the number of scenarios (default 500); on failure
 * fast-check prints the seed and path, which ENGINE_MODEL_SEED and ENGINE_MODEL_PATH replay.
 */
const RUNS = Number(process.env.ENGINE_MODEL_RUNS ?? 500);
const SEED =
  process.env.ENGINE_MODEL_SEED === undefined ? {} : { seed: Number(process.env.ENGINE_MODEL_SEED) };
const PATH = process.env.ENGINE_MODEL_PATH === undefined ? {} : { path: process.env.ENGINE_MODEL_PATH };

describe("the sync engine, randomized against the emulator over HTTPS", () => {
  let world: ModelWorld;
  beforeAll(async () => {
    world = await startModelWorld();
  });
  afterAll(async () => {
    console.log(`engine model: ${JSON.stringify(tally)}`);
    await world?.close();
  });

  it(
    `reaches the sync semantics after edits on both sides and faults, in ${RUNS} scenarios`,
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, (plan) => Player.play(world, plan)),
        { numRuns: RUNS, examples: FOUND.map((plan) => [plan]), ...SEED, ...PATH },
      );
      // The scenarios did exercise what they claim to: faults of every kind, failed runs, crashes, series.
      if (RUNS >= 200 && !PATH.path) {
        expect(Object.keys(tally.faults).sort()).toEqual([
          "crash",
          "exhaust",
          "expire",
          "timeout",
          "transient",
        ]);
        expect(tally.crashes).toBeGreaterThan(0);
        expect(tally.outcomes.failed ?? 0).toBeGreaterThan(0);
        expect(tally.seriesChecked).toBeGreaterThan(0);
      }
    },
    60 * 60_000,
  );
});
