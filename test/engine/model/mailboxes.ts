import type { RunningEmulator } from "m365-emulator";
import type { Side } from "../../../src/core/event.js";
import { TAG_PROPERTY_ID } from "../../../src/graph/tag.js";

// biome-ignore lint/suspicious/noExplicitAny: the emulator's raw listing is read as plain JSON
export type Json = Record<string, any>;

async function control(emulator: RunningEmulator, method: string, suffix: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_emulator${suffix}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  if (!response.ok) throw new Error(`${method} ${suffix}: ${response.status} ${await response.text()}`);
  return response.status === 204 || response.status === 202 ? {} : ((await response.json()) as Json);
}

/** A person acting in Outlook through the emulator's control API (messages are counted as "outlook"). */
export function personIn(emulator: RunningEmulator, upn: string) {
  const events = `/mailboxes/${encodeURIComponent(upn)}/events`;
  return {
    create: (body: Json) => control(emulator, "POST", events, body),
    update: (id: string, body: Json) =>
      control(emulator, "PATCH", `${events}/${encodeURIComponent(id)}`, body),
    remove: (id: string) => control(emulator, "DELETE", `${events}/${encodeURIComponent(id)}`),
    act: (id: string, action: "cancel" | "decline" | "accept") =>
      control(emulator, "POST", `${events}/${encodeURIComponent(id)}/${action}`, {}),
    /** Every stored event (masters, singles) in UTC, with extended properties, exceptions, cancellations. */
    list: async () => (await control(emulator, "GET", events)).value as Json[],
  };
}

export const expireDelta = (
  emulator: RunningEmulator,
  upn: string,
  variant: "syncStateNotFound" | "resync",
) => control(emulator, "POST", "/delta/expire", { upn, variant });

/** The crosscal tag's value on a raw listed event, if it carries one. */
export function tagValue(event: Json): string | undefined {
  const properties = (event.singleValueExtendedProperties ?? []) as Array<{ id: string; value: string }>;
  const name = TAG_PROPERTY_ID.split(" Name ")[1];
  return properties.find((property) => property.id.endsWith(` Name ${name}`))?.value;
}

/** The tag's fields, parsed independently of crosscal's decoder: "crosscal:1:<profile>:<side>:<source>". */
export function parseTag(value: string): { profileId: string; sourceSide: Side; sourceId: string } {
  const [scheme, version, profile, side, source] = value.split(":");
  if (scheme !== "crosscal" || version !== "1" || (side !== "A" && side !== "B") || !profile || !source)
    throw new Error(`not a crosscal tag: ${value}`);
  return { profileId: decodeURIComponent(profile), sourceSide: side, sourceId: decodeURIComponent(source) };
}

/** Occurrences and exceptions of a series through Graph, read by the observer app (UTC, whole window). */
export async function instancesOf(
  emulator: RunningEmulator,
  token: string,
  upn: string,
  seriesId: string,
  window: { start: string; end: string },
): Promise<Json[]> {
  const found: Json[] = [];
  let url: string | undefined =
    `${emulator.url}/v1.0/users/${encodeURIComponent(upn)}/events/${encodeURIComponent(seriesId)}/instances` +
    `?startDateTime=${window.start}&endDateTime=${window.end}&$top=1000`;
  while (url) {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, Prefer: 'outlook.timezone="UTC"' },
    });
    if (!response.ok)
      throw new Error(`instances of ${seriesId} in ${upn}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as Json;
    found.push(...(page.value as Json[]));
    url = page["@odata.nextLink"];
  }
  return found;
}
