import { formatDateTime } from "./format";

/** A date-time of the API shown in the admin's language and time zone, machine-readable in `dateTime`. */
export function DateTime({
  value,
  format = formatDateTime,
}: {
  value: string;
  format?: (iso: string) => string;
}) {
  return <time dateTime={value}>{format(value)}</time>;
}
