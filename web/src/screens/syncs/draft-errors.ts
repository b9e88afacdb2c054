import { createContext, useContext } from "react";
import { ApiError } from "../../api/errors";

/**
 * Where a refused save's error shows in the sync editor. The API names the first problem's field as a
 * path (`body/rules/0/when/subject/matches`) and lists every problem in its message; the editor shows that
 * problem beside the input it is about, which is the input's *anchor*: `name`, `mapping.fields.subject`,
 * `policies.massDeletionMinimum`, `rules.<key>.when.subject.matches`… Rules are named by their draft key
 * rather than their place, so the error stays on its rule when the rules are reordered afterwards.
 */
export interface DraftError {
  /** The input the error is about; undefined: it goes above the form. */
  anchor: string | undefined;
  /** The problem, in words fit to show beside that input. */
  beside: string;
  /** The API's whole message (every problem). */
  message: string;
}

const TOP = new Set(["name", "connectionA", "connectionB", "direction", "startMode"]);
const SUBJECT = new Set(["contains", "equals", "matches"]);

/** The anchor of a path within the sync document (`["rules", "0", "name"]`), rules by their keys. */
export function anchorOf(path: string[], ruleKeys: readonly string[]): string | undefined {
  const [head, second, third, fourth, fifth, sixth] = path;
  if (head === undefined) return undefined;
  if (TOP.has(head)) return head;
  if (head === "mapping") return second === "fields" && third ? `mapping.fields.${third}` : "mapping";
  if (head === "window") return "window.pastDays";
  if (head === "policies") return second ? `policies.${second}` : undefined;
  if (head !== "rules") return undefined;
  const key = second === undefined ? undefined : ruleKeys[Number(second)];
  if (key === undefined) return "rules";
  const rule = `rules.${key}`;
  if (third === "name") return `${rule}.name`;
  if (third === "when") {
    if (fourth === undefined) return `${rule}.when`;
    if (fourth === "subject")
      return fifth && SUBJECT.has(fifth) ? `${rule}.when.subject.${fifth}` : `${rule}.when`;
    if (fourth === "duration" && fifth) return `${rule}.when.duration.${fifth}`;
    return `${rule}.when.${fourth}`;
  }
  if (third === "then") {
    if (fourth === "mapping" && fifth === "fields" && sixth) return `${rule}.then.mapping.fields.${sixth}`;
    return `${rule}.then`;
  }
  return rule;
}

/**
 * A refused save (or preview) as the editor shows it. `within` is where the sync document sits in the
 * request: `["body"]` for POST and PATCH /api/syncs, `["body", "sync"]` for the preview.
 */
export function draftErrorOf(
  error: unknown,
  ruleKeys: readonly string[],
  within: readonly string[] = ["body"],
): DraftError | undefined {
  if (!error) return undefined;
  if (!(error instanceof ApiError)) {
    const message = String((error as Error).message ?? error);
    return { anchor: undefined, beside: message, message };
  }
  const field = error.field?.split("/") ?? [];
  const inside = within.every((part, index) => field[index] === part);
  const path = inside ? field.slice(within.length) : [];
  const anchor = anchorOf(path, ruleKeys);
  return { anchor, beside: besideOf(error, path), message: error.message };
}

/**
 * The first problem alone, without its path: the message lists them all as `rules.0.name: two rules…;
 * mapping: …`, or starts with the field (`body/name must match pattern…`).
 */
export function besideOf(error: ApiError, path: string[]): string {
  const whole = error.field?.split("/").slice(1).join(".");
  const prefixes = [`${path.join(".")}: `, `sync.${path.join(".")}: `, `${whole}: `];
  for (const part of error.message.split("; ")) {
    const prefix = prefixes.find((p) => p.length > 2 && part.startsWith(p));
    if (prefix) return capital(part.slice(prefix.length));
  }
  if (error.field && error.message.startsWith(`${error.field} `)) {
    return capital(error.message.slice(error.field.length + 1).replace(/\bNOT\b/g, "not"));
  }
  return error.message;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The editor's current error, for each input to look up its own. */
export const DraftErrorContext = createContext<DraftError | undefined>(undefined);

/** The error to show beside the input of `anchor`, if the last save was refused over it. */
export function useFieldError(anchor: string): string | undefined {
  const error = useContext(DraftErrorContext);
  return error?.anchor === anchor ? error.beside : undefined;
}
