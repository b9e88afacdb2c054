import { describe, expect, it } from "vitest";
import { mergeRunJobs, runJob, runJobKey } from "../../src/jobs/run-job.js";

describe("run jobs", () => {
  it("keys a job by profile and set of mailboxes, whatever their order", () => {
    expect(runJobKey("p1", ["B", "A"])).toBe("run-profile:p1:AB");
    expect(runJobKey("p1", ["A", "B", "A"])).toBe(runJobKey("p1", ["A", "B"]));
    expect(runJobKey("p1", ["A"])).not.toBe(runJobKey("p1", ["B"]));
    expect(runJobKey("p1", ["A"])).not.toBe(runJobKey("p2", ["A"]));
  });

  it("merges requests collapsed into one job: every trigger once, the earliest since, any confirmation", () => {
    const jobs = [
      runJob("p1", ["B"], { trigger: "notification", since: 300, confirmed: false }),
      runJob("p1", ["B"], { trigger: "start+notification", since: 100, confirmed: true }),
      runJob("p1", ["B"], { trigger: "reconcile", since: 200, confirmed: false }),
    ];

    expect(mergeRunJobs(jobs)).toEqual({
      profileId: "p1",
      sides: ["B"],
      trigger: "notification+start+reconcile",
      since: 100,
      confirmed: true,
    });
  });

  it("takes a single request as it is", () => {
    const job = runJob("p1", ["B", "A"], { trigger: "start", since: 5, confirmed: false });
    expect(mergeRunJobs([job])).toEqual({ ...job, sides: ["A", "B"] });
  });

  it("refuses malformed payloads, naming the problem", () => {
    expect(() => mergeRunJobs({ profileId: "p1" })).toThrow(/malformed run-profile job payload/);
    expect(() => mergeRunJobs([])).toThrow(/malformed/);
    expect(() =>
      mergeRunJobs([{ profileId: "p1", sides: ["C"], trigger: "x", confirmed: false, since: 1 }]),
    ).toThrow(/at \/0\/sides/);
    const a = runJob("p1", ["A"], { trigger: "x", since: 1, confirmed: false });
    expect(() => mergeRunJobs([a, { ...a, profileId: "p2" }])).toThrow(/several profiles: p1, p2/);
  });
});
