/**
 * What `crosscal doctor` reports: one finding per thing checked, each with its severity and, unless it is
 * fine, the fix. A problem stops crosscal from working (exit code 1); a warning is worth a look.
 */
export type Severity = "ok" | "warning" | "problem";

export interface Finding {
  severity: Severity;
  /** What was checked, in the admin's words: `database`, `secret key`, `connection "contoso"`... */
  subject: string;
  message: string;
  /** What to do; null when there is nothing to do. */
  fix: string | null;
}

export const ok = (subject: string, message: string): Finding => ({
  severity: "ok",
  subject,
  message,
  fix: null,
});

export const warning = (subject: string, message: string, fix: string): Finding => ({
  severity: "warning",
  subject,
  message,
  fix,
});

export const problem = (subject: string, message: string, fix: string): Finding => ({
  severity: "problem",
  subject,
  message,
  fix,
});

const count = (findings: readonly Finding[], severity: Severity) =>
  findings.filter((finding) => finding.severity === severity).length;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The findings as a list to read: severity, subject, message, and the fix on the line below. */
export function formatFindings(findings: readonly Finding[]): string {
  const width = Math.max(...findings.map((finding) => finding.subject.length));
  const lines = findings.flatMap((finding) => [
    `${finding.severity.padEnd(8)} ${finding.subject.padEnd(width)}  ${finding.message}`,
    ...(finding.fix ? [`${" ".repeat(9 + width + 2)}fix: ${finding.fix}`] : []),
  ]);
  const problems = count(findings, "problem");
  const warnings = count(findings, "warning");
  const summary =
    problems + warnings === 0
      ? `all ${findings.length} checks ok`
      : `${plural(problems, "problem")}, ${plural(warnings, "warning")}: see the fixes above`;
  return [...lines, "", summary].join("\n");
}

/** The findings as JSON, with their counts. */
export function findingsJson(findings: readonly Finding[]): string {
  return JSON.stringify(
    { findings, problems: count(findings, "problem"), warnings: count(findings, "warning") },
    null,
    2,
  );
}

export const hasProblem = (findings: readonly Finding[]) => count(findings, "problem") > 0;
