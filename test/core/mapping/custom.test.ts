import { describe, expect, it } from "vitest";
import type { CalendarEvent, EventContent } from "../../../src/core/index.js";
import { compileMapping, type MappingSpec } from "../../../src/core/mapping/custom.js";
import { MAPPING_PRESETS } from "../../../src/core/mapping/presets.js";
import { sampleEvent } from "../sample-event.js";

const OPTIONS = { reminders: false };

function map(spec: MappingSpec, event: CalendarEvent = sampleEvent()): EventContent {
  const mapping = compileMapping(spec);
  if (!mapping.ok) throw new Error(JSON.stringify(mapping.problems));
  return mapping.value(event, OPTIONS);
}

function problems(spec: unknown): string[] {
  const mapping = compileMapping(spec as MappingSpec);
  if (mapping.ok) throw new Error("the spec compiled");
  return mapping.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
}

const recurring = sampleEvent({
  kind: "series",
  recurrence: {
    pattern: { type: "weekly", interval: 1, daysOfWeek: ["wednesday"] },
    range: { type: "noEnd", startDate: "2026-06-03", timeZone: "Europe/Berlin" },
  },
});

describe("custom mappings", () => {
  it("without fields are their preset", () => {
    for (const preset of ["busy", "full-details"] as const) {
      expect(map({ preset })).toEqual(MAPPING_PRESETS[preset](sampleEvent(), OPTIONS));
    }
  });

  it("copy a field from the original, whatever the preset hides", () => {
    const content = map({
      preset: "busy",
      fields: {
        subject: "copy",
        body: "copy",
        location: "copy",
        importance: "copy",
        categories: "copy",
        reminder: "copy",
        showAs: "copy",
        sensitivity: "copy",
      },
    });
    expect(content).toMatchObject({
      subject: "Quarterly review",
      body: { type: "html", content: "<p>Agenda</p>" },
      location: "Room 1",
      importance: "high",
      categories: ["Blue", "Finance"],
      reminder: { on: true, minutesBefore: 15 },
      showAs: "busy",
      sensitivity: "normal",
    });
  });

  it("set fixed values", () => {
    const content = map({
      preset: "full-details",
      fields: {
        subject: { value: "Blocked" },
        body: { value: "Ask Adele" },
        location: { value: "Elsewhere" },
        showAs: { value: "tentative" },
        sensitivity: { value: "private" },
        importance: { value: "low" },
        categories: { value: ["From Contoso"] },
        reminder: { value: 5 },
      },
    });
    expect(content).toMatchObject({
      subject: "Blocked",
      body: { type: "text", content: "Ask Adele" },
      location: "Elsewhere",
      showAs: "tentative",
      sensitivity: "private",
      importance: "low",
      categories: ["From Contoso"],
      reminder: { on: true, minutesBefore: 5 },
    });
  });

  it("omit fields: empty text, or the neutral default", () => {
    const content = map(
      {
        preset: "full-details",
        fields: {
          subject: "omit",
          body: "omit",
          location: "omit",
          showAs: "omit",
          sensitivity: "omit",
          importance: "omit",
          categories: "omit",
          reminder: "omit",
        },
      },
      sampleEvent({ showAs: "oof", sensitivity: "private", importance: "high" }),
    );
    expect(content).toMatchObject({
      subject: "",
      body: { type: "text", content: "" },
      location: "",
      showAs: "busy",
      sensitivity: "normal",
      importance: "normal",
      categories: [],
      reminder: { on: false, minutesBefore: 0 },
    });
  });

  it("fill text fields from templates", () => {
    const content = map({
      preset: "busy",
      fields: {
        subject: { template: "{organizer.name}: {subject}" },
        location: { template: "{location} ({showAs})" },
      },
    });
    expect(content.subject).toBe("Adele Vance: Quarterly review");
    expect(content.location).toBe("Room 1 (busy)");
  });

  it("keep an HTML body HTML, escaping the values a template inserts but not the original body", () => {
    const event = sampleEvent({ subject: "R&D <draft>" });
    const content = map({ preset: "busy", fields: { body: { template: "{subject}\n{body}" } } }, event);
    expect(content.body).toEqual({ type: "html", content: "R&amp;D &lt;draft&gt;<br><p>Agenda</p>" });
    const text = sampleEvent({ subject: "R&D <draft>", body: { type: "text", content: "Agenda" } });
    const plain = map({ preset: "busy", fields: { body: { template: "{subject}\n{body}" } } }, text);
    expect(plain.body).toEqual({ type: "text", content: "R&D <draft>\nAgenda" });
  });

  it("always keep the original's times, all-day flag and recurrence", () => {
    const content = map({ preset: "busy", fields: { subject: { value: "x" }, showAs: "omit" } }, recurring);
    expect(content).toMatchObject({
      start: recurring.start,
      end: recurring.end,
      isAllDay: false,
      recurrence: recurring.recurrence,
    });
  });

  it("report every problem with its field", () => {
    expect(
      problems({
        preset: "bussy",
        fields: {
          subjct: "copy",
          subject: { template: "{title}" },
          body: { template: "{body" },
          location: "keep",
          showAs: { value: "away" },
          sensitivity: { template: "{sensitivity}" },
          categories: { value: "Blue" },
          reminder: { value: -5 },
          importance: { value: "high", template: "x" },
        },
      }),
    ).toEqual([
      'preset: "bussy" is not a preset: use one of full-details, busy',
      "fields.subjct: not a field of a copy; fields are subject, body, location, showAs, sensitivity, importance, categories, reminder",
      expect.stringMatching(
        /^fields\.subject\.template: \{title\} is not a known placeholder; use one of: \{subject\}, \{location\}, \{start\}/,
      ),
      expect.stringMatching(/^fields\.body\.template: unmatched "\{"/),
      "fields.location: must be copy, omit, { value: ... }, { template: ... }",
      "fields.showAs.value: must be one of: free, tentative, busy, oof, workingElsewhere, unknown",
      "fields.sensitivity: templates fill text fields only (subject, body, location)",
      "fields.categories.value: must be a list of category names",
      "fields.reminder.value: must be a whole number of minutes before the start (0 or more)",
      "fields.importance: must be copy, omit, { value: ... }",
    ]);
  });
});
