import { preferredTimeZone } from "../calendar/timezones.js";
import { maxPageSizeOf, preferencesOf } from "../graph/odata/paging.js";

export interface Preferences {
  timeZone?: string;
  bodyType?: "text" | "html";
  maxPageSize?: number;
  /** What to echo in `Preference-Applied`. */
  applied: string[];
}

/** The Prefer preferences Outlook resources honour: outlook.timezone, outlook.body-content-type, maxpagesize. */
export function readPreferences(header: string | string[] | undefined): Preferences {
  const result: Preferences = { applied: [] };
  const zone = preferredTimeZone(header);
  if (zone) {
    result.timeZone = zone;
    result.applied.push(`outlook.timezone="${zone}"`);
  }
  for (const preference of preferencesOf(header)) {
    const body = /^outlook\.body-content-type\s*=\s*"?(text|html)"?$/i.exec(preference);
    if (body) {
      result.bodyType = body[1]!.toLowerCase() as "text" | "html";
      result.applied.push(`outlook.body-content-type="${result.bodyType}"`);
    }
  }
  // Ids here never change (no folder moves), so an immutable-id request is always satisfied.
  if (preferencesOf(header).some((p) => /^IdType\s*=\s*"?ImmutableId"?$/i.test(p))) {
    result.applied.push('IdType="ImmutableId"');
  }
  const size = maxPageSizeOf(header);
  if (size) result.maxPageSize = size;
  return result;
}
