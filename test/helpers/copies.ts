import type { RunningEmulator } from "m365-emulator";
import { decodeTag } from "../../src/graph/tag.js";
import { person } from "../engine/fixture.js";

/**
 * What a mailbox holds, as the emulator stores it: the ids of its originals, and crosscal's copies grouped
 * by the original their tag names. "Every original exactly once" is then: one copy id per original id.
 */
export async function mailboxContent(emulator: RunningEmulator, upn: string) {
  const originals: string[] = [];
  const copies = new Map<string, string[]>();
  for (const event of await person(emulator, upn).list()) {
    const properties = (event.singleValueExtendedProperties ?? []) as Array<{ id: string; value: string }>;
    const tag = properties.find((property) => property.id.includes("crosscal.source"));
    const source = tag && decodeTag(tag.value);
    if (!source) originals.push(event.id as string);
    else copies.set(source.sourceId, [...(copies.get(source.sourceId) ?? []), event.id as string]);
  }
  return { originals, copies, copyIds: [...copies.values()].flat() };
}

/** Originals with more than one copy: none when nothing was duplicated. */
export const duplicated = (copies: Map<string, string[]>) =>
  [...copies.entries()].filter(([, ids]) => ids.length > 1).map(([source]) => source);
