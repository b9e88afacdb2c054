import { describe, expect, it } from "vitest";
import { isOccurrenceStart, seriesSpan } from "../../../emulator/src/calendar/expand.js";
import { formatInZone } from "../../../emulator/src/calendar/timezones.js";
import { at, dates, instant, localStarts, series, window } from "./helpers.js";

const noEnd = { type: "noEnd" };
const tueThu = { type: "weekly", interval: 1, daysOfWeek: ["tuesday", "thursday"] };

describe("weekly series across the spring-forward DST change", () => {
  it("stays at 09:00 in Berlin (W. Europe Standard Time) while the UTC offset moves on 29 March", () => {
    const s = series(
      tueThu,
      noEnd,
      at("2026-03-17T09:00:00", "W. Europe Standard Time"),
      at("2026-03-17T10:00:00", "W. Europe Standard Time"),
    );
    const found = s.expand(window("2026-03-16T00:00:00Z", "2026-04-04T00:00:00Z"));
    expect(localStarts(found, "Europe/Berlin")).toEqual([
      "2026-03-17T09:00",
      "2026-03-19T09:00",
      "2026-03-24T09:00",
      "2026-03-26T09:00",
      "2026-03-31T09:00",
      "2026-04-02T09:00",
    ]);
    expect(found.map((o) => o.start.toString())).toEqual([
      "2026-03-17T08:00:00Z",
      "2026-03-19T08:00:00Z",
      "2026-03-24T08:00:00Z",
      "2026-03-26T08:00:00Z",
      "2026-03-31T07:00:00Z",
      "2026-04-02T07:00:00Z",
    ]);
    expect(found.every((o) => o.end.epochMilliseconds - o.start.epochMilliseconds === 3_600_000)).toBe(true);
    expect(found.every((o) => o.originalStart.equals(o.start))).toBe(true);
  });

  it("stays at 09:00 in New York (Eastern Standard Time), whose change is on 8 March instead", () => {
    const s = series(
      tueThu,
      noEnd,
      at("2026-03-03T09:00:00", "Eastern Standard Time"),
      at("2026-03-03T09:30:00", "Eastern Standard Time"),
    );
    const found = s.expand(window("2026-03-01T00:00:00Z", "2026-03-14T00:00:00Z"));
    expect(localStarts(found, "America/New_York")).toEqual([
      "2026-03-03T09:00",
      "2026-03-05T09:00",
      "2026-03-10T09:00",
      "2026-03-12T09:00",
    ]);
    expect(found.map((o) => o.start.toString())).toEqual([
      "2026-03-03T14:00:00Z",
      "2026-03-05T14:00:00Z",
      "2026-03-10T13:00:00Z",
      "2026-03-12T13:00:00Z",
    ]);
  });

  it("shows Graph's local form when formatted in the series' own zone", () => {
    const s = series(
      tueThu,
      noEnd,
      at("2026-03-24T09:00:00", "Europe/Berlin"),
      at("2026-03-24T10:00:00", "Europe/Berlin"),
    );
    const found = s.expand(window("2026-03-24T00:00:00Z", "2026-04-01T00:00:00Z"));
    expect(found).toHaveLength(3);
    const after = found[2];
    expect(after && formatInZone(after.start, "W. Europe Standard Time")).toEqual({
      dateTime: "2026-03-31T09:00:00.0000000",
      timeZone: "W. Europe Standard Time",
    });
  });

  it("keeps the wall clock of range.recurrenceTimeZone when it differs from the start's zone", () => {
    // Written in UTC, recurring in New York: 14:00Z is 09:00 EST, so occurrences stay at 09:00 New York time.
    const s = series(
      { type: "daily", interval: 1 },
      { type: "noEnd", recurrenceTimeZone: "Eastern Standard Time" },
      at("2026-03-06T14:00:00", "UTC"),
      at("2026-03-06T15:00:00", "UTC"),
    );
    const found = s.expand(window("2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z"));
    expect(found.map((o) => o.start.toString())).toEqual([
      "2026-03-06T14:00:00Z",
      "2026-03-07T14:00:00Z",
      "2026-03-08T13:00:00Z",
      "2026-03-09T13:00:00Z",
    ]);
  });
});

describe("weekly interval 2 and firstDayOfWeek", () => {
  // Sunday 1 March 2026; every other week on Sunday and Monday.
  const start = at("2026-03-01T10:00:00", "UTC");
  const end = at("2026-03-01T11:00:00", "UTC");
  const april = window("2026-02-01T00:00:00Z", "2026-04-01T00:00:00Z");

  it("groups Sunday with the following Monday when weeks start on sunday", () => {
    const pattern = {
      type: "weekly",
      interval: 2,
      daysOfWeek: ["sunday", "monday"],
      firstDayOfWeek: "sunday",
    };
    expect(dates(series(pattern, noEnd, start, end).expand(april), "UTC")).toEqual([
      "2026-03-01",
      "2026-03-02",
      "2026-03-15",
      "2026-03-16",
      "2026-03-29",
      "2026-03-30",
    ]);
  });

  it("groups Monday with the following Sunday when weeks start on monday", () => {
    const pattern = {
      type: "weekly",
      interval: 2,
      daysOfWeek: ["sunday", "monday"],
      firstDayOfWeek: "monday",
    };
    expect(dates(series(pattern, noEnd, start, end).expand(april), "UTC")).toEqual([
      "2026-03-01",
      "2026-03-09",
      "2026-03-15",
      "2026-03-23",
      "2026-03-29",
    ]);
  });
});

describe("daily", () => {
  it("counts a numbered range from the first occurrence, whatever the window", () => {
    const s = series(
      { type: "daily", interval: 3 },
      { type: "numbered", numberOfOccurrences: 5 },
      at("2026-01-30T08:00:00", "UTC"),
      at("2026-01-30T08:15:00", "UTC"),
    );
    expect(dates(s.expand(window("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")), "UTC")).toEqual([
      "2026-01-30",
      "2026-02-02",
      "2026-02-05",
      "2026-02-08",
      "2026-02-11",
    ]);
    expect(dates(s.expand(window("2026-02-06T00:00:00Z", "2027-01-01T00:00:00Z")), "UTC")).toEqual([
      "2026-02-08",
      "2026-02-11",
    ]);
    const span = seriesSpan(s.recurrence, s.start, s.end);
    expect(span.first.toString()).toBe("2026-01-30T08:00:00Z");
    expect(span.lastEnd?.toString()).toBe("2026-02-11T08:15:00Z");
  });

  it("includes the endDate itself (endDate is inclusive, even though the occurrence starts after its midnight)", () => {
    const s = series(
      { type: "daily", interval: 1 },
      { type: "endDate", endDate: "2026-03-05" },
      at("2026-03-03T09:00:00", "Pacific Standard Time"),
      at("2026-03-03T17:00:00", "Pacific Standard Time"),
    );
    expect(
      dates(s.expand(window("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")), "America/Los_Angeles"),
    ).toEqual(["2026-03-03", "2026-03-04", "2026-03-05"]);
    expect(seriesSpan(s.recurrence, s.start, s.end).lastEnd?.toString()).toBe("2026-03-06T01:00:00Z");
  });

  it("expands a noEnd series over a 10-year window quickly and exactly", () => {
    const s = series(
      { type: "daily", interval: 1 },
      noEnd,
      at("2026-01-01T09:00:00", "UTC"),
      at("2026-01-01T09:30:00", "UTC"),
    );
    const found = s.expand(window("2030-01-01T00:00:00Z", "2040-01-01T00:00:00Z"));
    expect(found).toHaveLength(3652); // 2030-2039: ten years, two of them leap years
    expect(found[0]?.start.toString()).toBe("2030-01-01T09:00:00Z");
    expect(found.at(-1)?.start.toString()).toBe("2039-12-31T09:00:00Z");
    expect(seriesSpan(s.recurrence, s.start, s.end).lastEnd).toBeUndefined();
    // Far in the future: found by jumping to the window, not by walking there.
    expect(dates(s.expand(window("2400-02-28T00:00:00Z", "2400-03-02T00:00:00Z")), "UTC")).toEqual([
      "2400-02-28",
      "2400-02-29",
      "2400-03-01",
    ]);
  });
});

describe("monthly", () => {
  const window2026 = window("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z");

  it("relativeMonthly: the last Friday of each month", () => {
    const pattern = { type: "relativeMonthly", interval: 1, daysOfWeek: ["friday"], index: "last" };
    const s = series(
      pattern,
      noEnd,
      at("2026-01-30T16:00:00", "Europe/Berlin"),
      at("2026-01-30T17:00:00", "Europe/Berlin"),
    );
    expect(dates(s.expand(window2026), "Europe/Berlin")).toEqual([
      "2026-01-30",
      "2026-02-27",
      "2026-03-27",
      "2026-04-24",
      "2026-05-29",
      "2026-06-26",
    ]);
  });

  it("relativeMonthly: the second Tuesday, first occurrence after startDate when startDate doesn't match", () => {
    const pattern = { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], index: "second" };
    const s = series(pattern, noEnd, at("2026-01-20T10:00:00", "UTC"), at("2026-01-20T11:00:00", "UTC"));
    expect(dates(s.expand(window2026), "UTC")).toEqual([
      "2026-02-10",
      "2026-03-10",
      "2026-04-14",
      "2026-05-12",
      "2026-06-09",
    ]);
    expect(seriesSpan(s.recurrence, s.start, s.end).first.toString()).toBe("2026-02-10T10:00:00Z");
  });

  it("relativeMonthly with several days: the first weekend day of every other month", () => {
    const pattern = {
      type: "relativeMonthly",
      interval: 2,
      daysOfWeek: ["saturday", "sunday"],
      index: "first",
    };
    const s = series(pattern, noEnd, at("2026-01-01T10:00:00", "UTC"), at("2026-01-01T11:00:00", "UTC"));
    expect(dates(s.expand(window2026), "UTC")).toEqual(["2026-01-03", "2026-03-01", "2026-05-02"]);
  });

  it("absoluteMonthly on day 31 falls on the last day of shorter months", () => {
    const s = series(
      { type: "absoluteMonthly", interval: 1, dayOfMonth: 31 },
      noEnd,
      at("2026-01-31T12:00:00", "UTC"),
      at("2026-01-31T13:00:00", "UTC"),
    );
    expect(dates(s.expand(window2026), "UTC")).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
      "2026-06-30",
    ]);
    expect(dates(s.expand(window("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z")), "UTC")).toEqual([
      "2028-02-29",
    ]);
  });
});

describe("yearly", () => {
  it("absoluteYearly on 29 February falls on the 28th outside leap years", () => {
    const pattern = { type: "absoluteYearly", interval: 1, dayOfMonth: 29, month: 2 };
    const s = series(pattern, noEnd, at("2028-02-29T09:00:00", "UTC"), at("2028-02-29T10:00:00", "UTC"));
    expect(dates(s.expand(window("2028-01-01T00:00:00Z", "2033-01-01T00:00:00Z")), "UTC")).toEqual([
      "2028-02-29",
      "2029-02-28",
      "2030-02-28",
      "2031-02-28",
      "2032-02-29",
    ]);
  });

  it("absoluteYearly whose month has passed in the start year begins the next period", () => {
    const pattern = { type: "absoluteYearly", interval: 1, dayOfMonth: 1, month: 3 };
    const s = series(
      pattern,
      { type: "numbered", numberOfOccurrences: 2 },
      at("2026-06-01T09:00:00", "UTC"),
      at("2026-06-01T10:00:00", "UTC"),
    );
    expect(dates(s.expand(window("2026-01-01T00:00:00Z", "2035-01-01T00:00:00Z")), "UTC")).toEqual([
      "2027-03-01",
      "2028-03-01",
    ]);
  });

  it("relativeYearly: the last Monday of May, every year", () => {
    const pattern = { type: "relativeYearly", interval: 1, daysOfWeek: ["monday"], month: 5, index: "last" };
    const s = series(
      pattern,
      { type: "endDate", endDate: "2028-05-29" },
      at("2026-05-25T09:00:00", "Eastern Standard Time"),
      at("2026-05-25T10:00:00", "Eastern Standard Time"),
    );
    expect(
      dates(s.expand(window("2026-01-01T00:00:00Z", "2035-01-01T00:00:00Z")), "America/New_York"),
    ).toEqual(["2026-05-25", "2027-05-31", "2028-05-29"]);
  });

  it("relativeYearly every two years: the first Tuesday of November", () => {
    const pattern = {
      type: "relativeYearly",
      interval: 2,
      daysOfWeek: ["tuesday"],
      month: 11,
      index: "first",
    };
    const s = series(pattern, noEnd, at("2026-11-03T08:00:00", "UTC"), at("2026-11-03T09:00:00", "UTC"));
    expect(dates(s.expand(window("2026-01-01T00:00:00Z", "2031-01-01T00:00:00Z")), "UTC")).toEqual([
      "2026-11-03",
      "2028-11-07",
      "2030-11-05",
    ]);
  });
});

describe("all-day series", () => {
  it("stays midnight to midnight local across DST (the 23-hour day included)", () => {
    const s = series(
      { type: "daily", interval: 1 },
      { type: "numbered", numberOfOccurrences: 3 },
      at("2026-03-28T00:00:00", "W. Europe Standard Time"),
      at("2026-03-29T00:00:00", "W. Europe Standard Time"),
    );
    const found = s.expand(window("2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z"));
    expect(
      found.map((o) => [
        formatInZone(o.start, "Europe/Berlin").dateTime,
        formatInZone(o.end, "Europe/Berlin").dateTime,
      ]),
    ).toEqual([
      ["2026-03-28T00:00:00.0000000", "2026-03-29T00:00:00.0000000"],
      ["2026-03-29T00:00:00.0000000", "2026-03-30T00:00:00.0000000"],
      ["2026-03-30T00:00:00.0000000", "2026-03-31T00:00:00.0000000"],
    ]);
    expect(found.map((o) => (o.end.epochMilliseconds - o.start.epochMilliseconds) / 3_600_000)).toEqual([
      24, 23, 24,
    ]);
  });
});

describe("windows", () => {
  const s = series(
    { type: "daily", interval: 1 },
    noEnd,
    at("2026-05-04T09:00:00", "UTC"),
    at("2026-05-04T11:00:00", "UTC"),
  );

  it("include an occurrence the window only cuts through", () => {
    expect(dates(s.expand(window("2026-05-06T10:00:00Z", "2026-05-06T10:30:00Z")), "UTC")).toEqual([
      "2026-05-06",
    ]);
    expect(dates(s.expand(window("2026-05-06T10:59:00Z", "2026-05-07T09:01:00Z")), "UTC")).toEqual([
      "2026-05-06",
      "2026-05-07",
    ]);
  });

  it("exclude occurrences that only touch the window's edges", () => {
    expect(s.expand(window("2026-05-06T11:00:00Z", "2026-05-07T09:00:00Z"))).toEqual([]);
  });

  it("find nothing before the series starts, and nothing in an empty window", () => {
    expect(s.expand(window("2026-01-01T00:00:00Z", "2026-05-04T09:00:00Z"))).toEqual([]);
    expect(s.expand(window("2026-05-06T10:00:00Z", "2026-05-06T10:00:00Z"))).toEqual([]);
  });

  it("span several days for a multi-day occurrence", () => {
    const long = series(
      { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
      noEnd,
      at("2026-05-04T09:00:00", "UTC"),
      at("2026-05-07T17:00:00", "UTC"),
    );
    expect(dates(long.expand(window("2026-05-13T00:00:00Z", "2026-05-13T01:00:00Z")), "UTC")).toEqual([
      "2026-05-11",
    ]);
  });
});

describe("isOccurrenceStart", () => {
  const s = series(
    tueThu,
    { type: "numbered", numberOfOccurrences: 4 },
    at("2026-03-24T09:00:00", "Europe/Berlin"),
    at("2026-03-24T10:00:00", "Europe/Berlin"),
  );
  const check = (iso: string) => isOccurrenceStart(s.recurrence, s.start, s.end, instant(iso));

  it("recognises original starts on both sides of the DST change", () => {
    expect(check("2026-03-24T08:00:00Z")).toBe(true);
    expect(check("2026-03-31T07:00:00Z")).toBe(true);
    expect(check("2026-04-02T07:00:00Z")).toBe(true);
  });

  it("rejects other times, other days, and occurrences beyond the count", () => {
    expect(check("2026-03-31T08:00:00Z")).toBe(false); // 10:00 local after the change
    expect(check("2026-03-25T08:00:00Z")).toBe(false); // a Wednesday
    expect(check("2026-04-07T07:00:00Z")).toBe(false); // fifth of four
    expect(check("2026-03-19T08:00:00Z")).toBe(false); // before the series
  });
});
