import { describe, expect, it } from "vitest";
import { validateRecurrence } from "../../../emulator/src/calendar/recurrence.js";
import { at, inputError } from "./helpers.js";

const start = at("2026-03-03T09:00:00", "W. Europe Standard Time");
const range = { type: "noEnd", startDate: "2026-03-03" };
const validate = (pattern: object, r: object = range) => validateRecurrence({ pattern, range: r }, start);
const errorOf = (pattern: object, r: object = range) => inputError(() => validate(pattern, r));

describe("validateRecurrence: normalised output (what GET returns)", () => {
  it("fills every pattern and range property, with Graph's defaults and casing", () => {
    const recurrence = validateRecurrence(
      {
        pattern: { type: "Weekly", interval: 1, daysOfWeek: ["Thursday", "tuesday", "TUESDAY"] },
        range: { type: "EndDate", startDate: "2026-03-03", endDate: "2026-06-30" },
      },
      start,
    );
    expect(recurrence).toEqual({
      pattern: {
        type: "weekly",
        interval: 1,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: ["tuesday", "thursday"],
        firstDayOfWeek: "sunday",
        index: "first",
      },
      range: {
        type: "endDate",
        startDate: "2026-03-03",
        endDate: "2026-06-30",
        recurrenceTimeZone: "W. Europe Standard Time",
        numberOfOccurrences: 0,
      },
    });
  });

  it("accepts its own output back unchanged (clients echo GET's shape in PATCH)", () => {
    const patterns = [
      { type: "daily", interval: 2 },
      { type: "weekly", interval: 2, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
      { type: "absoluteMonthly", interval: 1, dayOfMonth: 3 },
      { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], index: "first" },
      { type: "absoluteYearly", interval: 1, dayOfMonth: 3, month: 3 },
      { type: "relativeYearly", interval: 1, daysOfWeek: ["tuesday"], month: 3, index: "first" },
    ];
    const ranges = [range, { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 4 }];
    for (const pattern of patterns) {
      for (const r of ranges) {
        const once = validate(pattern, r);
        expect(validateRecurrence(once, start)).toEqual(once);
      }
    }
  });

  it("defaults index to first and firstDayOfWeek to sunday, keeps given values, and keeps recurrenceTimeZone", () => {
    const relative = validate({ type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"] });
    expect(relative.pattern.index).toBe("first");
    const weekly = validate({
      type: "weekly",
      interval: 1,
      daysOfWeek: ["tuesday"],
      firstDayOfWeek: "Monday",
    });
    expect(weekly.pattern.firstDayOfWeek).toBe("monday");
    const zoned = validate({ type: "daily", interval: 1 }, { ...range, recurrenceTimeZone: "Europe/Berlin" });
    expect(zoned.range.recurrenceTimeZone).toBe("Europe/Berlin");
  });
});

describe("validateRecurrence: pattern errors", () => {
  const missing: [string, object][] = [
    ["type", { interval: 1 }],
    ["interval", { type: "daily" }],
    ["daysOfWeek", { type: "weekly", interval: 1 }],
    ["daysOfWeek", { type: "weekly", interval: 1, daysOfWeek: [] }],
    ["dayOfMonth", { type: "absoluteMonthly", interval: 1 }],
    ["daysOfWeek", { type: "relativeMonthly", interval: 1, index: "second" }],
    ["dayOfMonth", { type: "absoluteYearly", interval: 1, month: 3 }],
    ["month", { type: "absoluteYearly", interval: 1, dayOfMonth: 3 }],
    ["month", { type: "relativeYearly", interval: 1, daysOfWeek: ["tuesday"] }],
    ["daysOfWeek", { type: "relativeYearly", interval: 1, month: 3 }],
  ];
  it.each(missing)("requires %s (%j)", (property, pattern) => {
    const error = errorOf(pattern);
    expect(error.code).toBe("ErrorPropertyValidationFailure");
    expect(error.message).toContain(property);
  });

  const forbidden: [string, object][] = [
    ["daysOfWeek", { type: "daily", interval: 1, daysOfWeek: ["monday"] }],
    ["dayOfMonth", { type: "daily", interval: 1, dayOfMonth: 3 }],
    ["dayOfMonth", { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], dayOfMonth: 3 }],
    ["month", { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], month: 3 }],
    ["daysOfWeek", { type: "absoluteMonthly", interval: 1, dayOfMonth: 3, daysOfWeek: ["tuesday"] }],
    ["month", { type: "absoluteMonthly", interval: 1, dayOfMonth: 3, month: 3 }],
    ["dayOfMonth", { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], dayOfMonth: 3 }],
    ["month", { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], month: 3 }],
    ["daysOfWeek", { type: "absoluteYearly", interval: 1, dayOfMonth: 3, month: 3, daysOfWeek: ["tuesday"] }],
    ["dayOfMonth", { type: "relativeYearly", interval: 1, daysOfWeek: ["tuesday"], month: 3, dayOfMonth: 3 }],
  ];
  it.each(forbidden)("rejects %s where the pattern type has no use for it (%j)", (property, pattern) => {
    const error = errorOf(pattern);
    expect(error.code).toBe("ErrorPropertyValidationFailure");
    expect(error.message).toContain(`'${property}' is not supported`);
  });

  it("rejects out-of-range and ill-typed values", () => {
    for (const pattern of [
      { type: "daily", interval: 0 },
      { type: "daily", interval: -1 },
      { type: "daily", interval: 1.5 },
      { type: "daily", interval: "2" },
      { type: "absoluteMonthly", interval: 1, dayOfMonth: 32 },
      { type: "absoluteYearly", interval: 1, dayOfMonth: 3, month: 13 },
      { type: "weekly", interval: 1, daysOfWeek: ["funday"] },
      { type: "relativeMonthly", interval: 1, daysOfWeek: ["tuesday"], index: "fifth" },
      { type: "hourly", interval: 1 },
    ]) {
      expect(errorOf(pattern).code, JSON.stringify(pattern)).toBe("ErrorPropertyValidationFailure");
    }
  });

  it("rejects properties that do not exist on the type, as OData does", () => {
    const error = errorOf({ type: "daily", interval: 1, byDay: "MO" });
    expect(error.code).toBe("RequestBodyRead");
    expect(error.message).toContain("microsoft.graph.recurrencePattern");
  });
});

describe("validateRecurrence: range errors", () => {
  const daily = { type: "daily", interval: 1 };
  it("requires the range's own properties", () => {
    expect(errorOf(daily, { type: "numbered", startDate: "2026-03-03" }).message).toContain(
      "numberOfOccurrences",
    );
    expect(
      errorOf(daily, { type: "numbered", startDate: "2026-03-03", numberOfOccurrences: 0 }).message,
    ).toContain("numberOfOccurrences");
    expect(errorOf(daily, { type: "endDate", startDate: "2026-03-03" }).message).toContain("endDate");
    expect(
      errorOf(daily, { type: "endDate", startDate: "2026-03-03", endDate: "0001-01-01" }).message,
    ).toContain("endDate");
    expect(errorOf(daily, { type: "noEnd" }).message).toContain("startDate");
    expect(errorOf(daily, { type: "forever", startDate: "2026-03-03" }).code).toBe(
      "ErrorPropertyValidationFailure",
    );
    expect(inputError(() => validateRecurrence({ pattern: daily }, start)).message).toContain("range");
  });

  it("requires startDate to be the series start's local date, and endDate not before it", () => {
    expect(errorOf(daily, { type: "noEnd", startDate: "2026-03-04" }).message).toContain("startDate");
    expect(errorOf(daily, { type: "noEnd", startDate: "03/03/2026" }).message).toContain("startDate");
    expect(
      errorOf(daily, { type: "endDate", startDate: "2026-03-03", endDate: "2026-03-02" }).message,
    ).toContain("endDate");
  });

  it("checks the start's local date in the recurrence time zone", () => {
    // 23:30 in New York on 2 March is already 3 March in Berlin.
    const late = at("2026-03-02T23:30:00", "Eastern Standard Time");
    const berlin = { type: "noEnd", startDate: "2026-03-03", recurrenceTimeZone: "W. Europe Standard Time" };
    expect(validateRecurrence({ pattern: daily, range: berlin }, late).range.startDate).toBe("2026-03-03");
    expect(
      inputError(() =>
        validateRecurrence({ pattern: daily, range: { ...berlin, startDate: "2026-03-02" } }, late),
      ).code,
    ).toBe("ErrorPropertyValidationFailure");
  });

  it("rejects an unknown recurrenceTimeZone and a range without any occurrence", () => {
    expect(errorOf(daily, { ...range, recurrenceTimeZone: "Atlantis/Central" }).code).toBe(
      "TimeZoneNotSupportedException",
    );
    const onlyMondays = { type: "weekly", interval: 1, daysOfWeek: ["monday"] };
    // Tuesday 3 March to Sunday 8 March holds no Monday.
    expect(
      errorOf(onlyMondays, { type: "endDate", startDate: "2026-03-03", endDate: "2026-03-08" }).code,
    ).toBe("ErrorRecurrenceHasNoOccurrence");
  });
});
