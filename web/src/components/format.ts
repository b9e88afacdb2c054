const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A date-time of the API (UTC ISO-8601) in the admin's language and time zone. */
export const formatDateTime = (iso: string) => DATE_TIME.format(new Date(iso));
