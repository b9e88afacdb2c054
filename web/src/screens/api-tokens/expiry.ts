/** How long a new token lasts: a choice of lengths, or until a day the admin picks. */
export const EXPIRY_CHOICES = [
  { value: "never", label: "Never (until deleted)" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "date", label: "On a date…" },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]["value"];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The `expiresAt` to send: none for "never", now plus the days chosen, or the end of the day picked
 * (`YYYY-MM-DD`, the admin's time zone). An unreadable date is sent as typed, for the API to refuse.
 */
export function expiresAtOf(choice: ExpiryChoice, date: string, now: Date): string | undefined {
  if (choice === "never") return undefined;
  if (choice !== "date") return new Date(now.getTime() + Number(choice) * DAY_MS).toISOString();
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? date : end.toISOString();
}
