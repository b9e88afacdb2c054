import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, parseTemplate, renderTemplate } from "../../../src/core/mapping/template.js";
import { sampleEvent } from "../sample-event.js";

function render(source: string, event = sampleEvent()) {
  const template = parseTemplate(source);
  if (!template.ok) throw new Error(JSON.stringify(template.problems));
  return renderTemplate(template.value, event);
}

describe("templates", () => {
  it("fill in every placeholder from the event", () => {
    const line = PLACEHOLDERS.map((name) => `${name}=[{${name}}]`).join(" ");
    expect(render(line)).toBe(
      [
        "subject=[Quarterly review]",
        "location=[Room 1]",
        "body=[<p>Agenda</p>]",
        "start=[2026-06-03 09:00 (Europe/Berlin)]",
        "end=[2026-06-03 10:30 (Europe/Berlin)]",
        "organizer=[Adele Vance <adele@contoso.com>]",
        "organizer.name=[Adele Vance]",
        "organizer.address=[adele@contoso.com]",
        "attendees=[Lee Gu <lee@fabrikam.com>; room@contoso.com]",
        "showAs=[busy]",
        "sensitivity=[normal]",
        "importance=[high]",
        "categories=[Blue, Finance]",
        "response=[accepted]",
        "joinUrl=[https://teams.example/join/1]",
      ].join(" "),
    );
  });

  it("show only the date of an all-day event, and nothing for a missing organizer", () => {
    const event = sampleEvent({
      isAllDay: true,
      start: { dateTime: "2026-06-03T00:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-06-04T00:00:00", timeZone: "UTC" },
    });
    delete event.organizer;
    expect(render("{start}–{end} by '{organizer.name}'", event)).toBe("2026-06-03–2026-06-04 by ''");
  });

  it("read {{ and }} as literal braces and allow spaces inside a placeholder", () => {
    expect(render("{{ {subject} }} { location }")).toBe("{ Quarterly review } Room 1");
  });

  it("report unknown placeholders and stray braces, each with what would be accepted", () => {
    const result = parseTemplate("{title} at {location} {");
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^\{title\} is not a known placeholder; use one of: \{subject\}, /);
    expect(messages[1]).toMatch(/^unmatched "\{"/);
    expect(parseTemplate("a } b").ok).toBe(false);
  });

  it("refuse a known placeholder the field does not allow", () => {
    const result = parseTemplate("{body}", ["subject"]);
    expect(result.ok ? "" : result.problems[0]?.message).toBe(
      "{body} cannot be used in this field; use one of: {subject}",
    );
  });

  it("escape inserted values, and only those, as asked", () => {
    const template = parseTemplate("<b>{subject}</b> {body}");
    if (!template.ok) throw new Error("template should parse");
    const event = sampleEvent({ subject: "R&D <plans>" });
    const html = renderTemplate(template.value, event, {
      escapeValue: (value) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
      raw: ["body"],
    });
    expect(html).toBe("<b>R&amp;D &lt;plans&gt;</b> <p>Agenda</p>");
  });
});
