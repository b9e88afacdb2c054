import type { Conditions } from "./types";

/** One condition row of a rule: the subject's three tests are rows of their own. */
export type ConditionKind =
  | "subject.contains"
  | "subject.equals"
  | "subject.matches"
  | "sensitivity"
  | "showAs"
  | "isAllDay"
  | "categories"
  | "response"
  | "organizer"
  | "isOrganizer"
  | "isRecurring"
  | "duration"
  | "isCancelled";

/** The conditions of src/core/rules/conditions.ts, in its order, as the editor names them. */
export const CONDITION_KINDS: { kind: ConditionKind; label: string }[] = [
  { kind: "subject.contains", label: "Subject contains" },
  { kind: "subject.equals", label: "Subject is" },
  { kind: "subject.matches", label: "Subject matches (regular expression)" },
  { kind: "sensitivity", label: "Privacy is one of" },
  { kind: "showAs", label: "Shows as one of" },
  { kind: "isAllDay", label: "All-day" },
  { kind: "categories", label: "Has any of the categories" },
  { kind: "response", label: "The mailbox owner's response is one of" },
  { kind: "organizer", label: "Organizer (address or domain) is one of" },
  { kind: "isOrganizer", label: "The mailbox owner organizes it" },
  { kind: "isRecurring", label: "Recurring" },
  { kind: "duration", label: "Lasts" },
  { kind: "isCancelled", label: "Cancelled" },
];

export const CONDITION_LABEL = Object.fromEntries(CONDITION_KINDS.map((c) => [c.kind, c.label])) as Record<
  ConditionKind,
  string
>;

const SUBJECT_TESTS = ["contains", "equals", "matches"] as const;

/** The rows a rule's conditions show, in the editor's order. */
export function kindsOf(when: Conditions): ConditionKind[] {
  return CONDITION_KINDS.map((c) => c.kind).filter((kind) => {
    if (kind.startsWith("subject.")) {
      const test = kind.slice("subject.".length) as (typeof SUBJECT_TESTS)[number];
      return when.subject?.[test] !== undefined;
    }
    return when[kind as Exclude<ConditionKind, `subject.${string}`>] !== undefined;
  });
}

/** A condition just added: a sensible start the admin then changes. */
export function withCondition(when: Conditions, kind: ConditionKind): Conditions {
  if (kind.startsWith("subject.")) {
    const test = kind.slice("subject.".length);
    return { ...when, subject: { ...when.subject, [test]: "" } };
  }
  const first: { [K in keyof Conditions]: Conditions[K] } = {
    sensitivity: ["private"],
    showAs: ["free"],
    isAllDay: true,
    categories: [],
    response: ["declined"],
    organizer: [],
    isOrganizer: true,
    isRecurring: true,
    duration: { maximumMinutes: 30 },
    isCancelled: true,
  };
  return { ...when, [kind]: first[kind as keyof Conditions] };
}

export function withoutCondition(when: Conditions, kind: ConditionKind): Conditions {
  const next: Conditions = { ...when };
  if (kind.startsWith("subject.")) {
    const subject = { ...when.subject };
    delete subject[kind.slice("subject.".length) as (typeof SUBJECT_TESTS)[number]];
    if (Object.keys(subject).length > 0) next.subject = subject;
    else delete next.subject;
    return next;
  }
  delete next[kind as keyof Conditions];
  return next;
}
