import type { CalendarEvent, EventContent, Importance, Sensitivity, ShowAs } from "../event.js";
import { type Compiled, compiled, failed, type SpecProblem, within } from "./compiled.js";
import { escapeHtml } from "./html.js";
import type { Mapping, MappingOptions } from "./mapping.js";
import { MAPPING_PRESETS, type MappingPreset } from "./presets.js";
import { PLACEHOLDERS, type Placeholder, parseTemplate, renderTemplate, type Template } from "./template.js";
import { IMPORTANCES, SENSITIVITIES, SHOW_AS } from "./vocabulary.js";

/**
 * Custom mappings: a preset, with some fields of the copy decided otherwise. Times, all-day and the
 * recurrence are always the original's (a copy must block the same time), so they are not fields here.
 */

/** The fixed value each field takes with `{ value: ... }`. */
export interface FieldValues {
  subject: string;
  /** A plain-text body. */
  body: string;
  location: string;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  importance: Importance;
  categories: string[];
  /** Minutes before the start: the copy reminds. */
  reminder: number;
}

export type MappedField = keyof FieldValues;

export const MAPPED_FIELDS = [
  "subject",
  "body",
  "location",
  "showAs",
  "sensitivity",
  "importance",
  "categories",
  "reminder",
] as const satisfies readonly MappedField[];

/** The fields a template can fill: the text ones. */
export const TEMPLATE_FIELDS = ["subject", "body", "location"] as const satisfies readonly MappedField[];

/** copy: the original's; omit: empty, or the neutral default; value: fixed; template: text filled in. */
export type FieldMode<F extends MappedField = MappedField> =
  | "copy"
  | "omit"
  | { value: FieldValues[F] }
  | { template: string };

export type FieldOverrides = { [F in MappedField]?: FieldMode<F> };

export interface MappingSpec {
  preset: MappingPreset;
  fields?: FieldOverrides;
}

type FieldWriter = (original: CalendarEvent, options: MappingOptions) => Partial<EventContent>;

/** A mapping from its spec, or everything wrong with the spec (paths relative to it). */
export function compileMapping(spec: MappingSpec): Compiled<Mapping> {
  const base = Object.hasOwn(MAPPING_PRESETS, spec.preset) ? MAPPING_PRESETS[spec.preset] : undefined;
  const problems: SpecProblem[] = base
    ? []
    : [{ path: ["preset"], message: `"${spec.preset}" is not a preset: use one of ${presetList()}` }];
  const writers: FieldWriter[] = [];
  for (const [field, mode] of Object.entries(spec.fields ?? {})) {
    const writer = compileField(field, mode);
    if (writer.ok) writers.push(writer.value);
    else problems.push(...within(["fields", field], writer.problems));
  }
  if (!base || problems.length > 0) return failed(problems);
  if (writers.length === 0) return compiled(base);
  return compiled((original, options) => {
    const content = base(original, options);
    for (const write of writers) Object.assign(content, write(original, options));
    return content;
  });
}

const presetList = () => Object.keys(MAPPING_PRESETS).join(", ");

function compileField(field: string, mode: unknown): Compiled<FieldWriter> {
  if (!isMappedField(field)) {
    return failed([{ path: [], message: `not a field of a copy; fields are ${MAPPED_FIELDS.join(", ")}` }]);
  }
  if (mode === "copy") return compiled(COPY[field]);
  if (mode === "omit") return compiled(() => OMITTED[field]);
  if (isObject(mode) && Object.keys(mode).length === 1 && "value" in mode)
    return fixedValue(field, mode.value);
  if (isObject(mode) && Object.keys(mode).length === 1 && "template" in mode) {
    return templated(field, mode.template);
  }
  const template = (TEMPLATE_FIELDS as readonly string[]).includes(field) ? ", { template: ... }" : "";
  return failed([{ path: [], message: `must be copy, omit, { value: ... }${template}` }]);
}

const COPY: Record<MappedField, FieldWriter> = {
  subject: (original) => ({ subject: original.subject }),
  body: (original) => ({ body: { ...original.body } }),
  location: (original) => ({ location: original.location }),
  showAs: (original) => ({ showAs: original.showAs }),
  sensitivity: (original) => ({ sensitivity: original.sensitivity }),
  importance: (original) => ({ importance: original.importance }),
  categories: (original) => ({ categories: [...original.categories] }),
  reminder: (original) => ({ reminder: { ...original.reminder } }),
};

/** What an omitted field becomes: empty text, or the value Outlook gives a new event (busy, normal, none). */
const OMITTED: Record<MappedField, Partial<EventContent>> = {
  subject: { subject: "" },
  body: { body: { type: "text", content: "" } },
  location: { location: "" },
  showAs: { showAs: "busy" },
  sensitivity: { sensitivity: "normal" },
  importance: { importance: "normal" },
  categories: { categories: [] },
  reminder: { reminder: { on: false, minutesBefore: 0 } },
};

function fixedValue(field: MappedField, value: unknown): Compiled<FieldWriter> {
  const at = (message: string) => failed<FieldWriter>([{ path: ["value"], message }]);
  switch (field) {
    case "subject":
    case "location":
      return typeof value === "string" ? compiled(() => ({ [field]: value })) : at("must be text");
    case "body":
      return typeof value === "string"
        ? compiled(() => ({ body: { type: "text", content: value } }))
        : at("must be text");
    case "showAs":
    case "sensitivity":
    case "importance": {
      const choices: readonly string[] = {
        showAs: SHOW_AS,
        sensitivity: SENSITIVITIES,
        importance: IMPORTANCES,
      }[field];
      return typeof value === "string" && choices.includes(value)
        ? compiled(() => ({ [field]: value }))
        : at(`must be one of: ${choices.join(", ")}`);
    }
    case "categories":
      return Array.isArray(value) && value.every((item) => typeof item === "string")
        ? compiled(() => ({ categories: [...value] }))
        : at("must be a list of category names");
    case "reminder":
      return Number.isInteger(value) && (value as number) >= 0
        ? compiled(() => ({ reminder: { on: true, minutesBefore: value as number } }))
        : at("must be a whole number of minutes before the start (0 or more)");
  }
}

function templated(field: MappedField, source: unknown): Compiled<FieldWriter> {
  if (!(TEMPLATE_FIELDS as readonly string[]).includes(field)) {
    return failed([{ path: [], message: `templates fill text fields only (${TEMPLATE_FIELDS.join(", ")})` }]);
  }
  if (typeof source !== "string") return failed([{ path: ["template"], message: "must be text" }]);
  // The original body is HTML or text; only the body itself may embed it.
  const allowed = field === "body" ? PLACEHOLDERS : PLACEHOLDERS.filter((p) => p !== "body");
  const template = parseTemplate(source, allowed);
  if (!template.ok) return failed(within(["template"], template.problems));
  const parsed = template.value;
  if (field === "body") return compiled((original) => ({ body: templatedBody(parsed, original) }));
  return compiled((original) => ({ [field]: renderTemplate(parsed, original) }));
}

const BODY_RAW: readonly Placeholder[] = ["body"];

/**
 * A templated body keeps the original's format. In HTML, inserted values are escaped (a subject is text,
 * not markup) and line breaks become <br>; the original body is inserted as it is, being HTML already.
 */
function templatedBody(template: Template, original: CalendarEvent): EventContent["body"] {
  if (original.body.type === "text") return { type: "text", content: renderTemplate(template, original) };
  const breaks = (text: string) => text.replace(/\r?\n/g, "<br>");
  const content = renderTemplate(template, original, {
    escapeValue: (value) => breaks(escapeHtml(value)),
    literal: breaks,
    raw: BODY_RAW,
  });
  return { type: "html", content };
}

const isMappedField = (field: string): field is MappedField =>
  (MAPPED_FIELDS as readonly string[]).includes(field);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
