import { expect, it } from "vitest";
import { StoreConflictError } from "../../src/store/errors.js";
import {
  countLinks,
  deleteLink,
  deleteLinksOfProfile,
  findLinkByCopy,
  findLinkBySource,
  findLinkOfEvent,
  insertLink,
  type LinkKey,
  listLinks,
  listLinksOfSeries,
  type NewLink,
  updateLink,
} from "../../src/store/links.js";
import { at, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("links", ({ db }) => {
  const linkOf = (profileId: string, sourceId: string, extra: Partial<NewLink> = {}): NewLink => ({
    profileId,
    sourceSide: "A",
    sourceId,
    copyId: `copy-of-${sourceId}`,
    owned: true,
    kind: "single",
    sourceVersion: "sv1",
    copyVersion: "cv1",
    contentHash: "hash1",
    ...extra,
  });

  it("inserts a link and finds it by source and by copy", async () => {
    const profile = await someProfile(db());
    const inserted = await insertLink(db(), linkOf(profile.id, "a-1", { icalUid: "uid-1" }), T0);

    expect(inserted).toEqual({
      ...linkOf(profile.id, "a-1"),
      icalUid: "uid-1",
      seriesSourceId: null,
      originalStart: null,
      createdAt: "2025-03-01T09:00:00.000Z",
      updatedAt: "2025-03-01T09:00:00.000Z",
    });
    const key: LinkKey = { profileId: profile.id, sourceSide: "A", sourceId: "a-1" };
    expect(await findLinkBySource(db(), key)).toEqual(inserted);
    expect(await findLinkByCopy(db(), profile.id, "copy-of-a-1")).toEqual(inserted);
    expect(await findLinkBySource(db(), { ...key, sourceSide: "B" })).toBeUndefined();
    expect(await findLinkByCopy(db(), profile.id, "a-1")).toBeUndefined();
  });

  it("finds the link of an event of one mailbox, as its original or as its counterpart", async () => {
    const profile = await someProfile(db());
    const fromA = await insertLink(db(), linkOf(profile.id, "a-1"), T0);
    const fromB = await insertLink(db(), linkOf(profile.id, "b-1", { sourceSide: "B" }), T0);

    expect(await findLinkOfEvent(db(), profile.id, "A", "a-1")).toEqual(fromA);
    expect(await findLinkOfEvent(db(), profile.id, "B", "copy-of-a-1")).toEqual(fromA);
    expect(await findLinkOfEvent(db(), profile.id, "B", "b-1")).toEqual(fromB);
    expect(await findLinkOfEvent(db(), profile.id, "A", "copy-of-b-1")).toEqual(fromB);
    // Each id belongs to one mailbox only: the wrong side finds nothing.
    expect(await findLinkOfEvent(db(), profile.id, "B", "a-1")).toBeUndefined();
    expect(await findLinkOfEvent(db(), profile.id, "A", "copy-of-a-1")).toBeUndefined();
    expect(await findLinkOfEvent(db(), "another-profile", "A", "a-1")).toBeUndefined();
  });

  it("keeps owned as a boolean both ways", async () => {
    const profile = await someProfile(db());
    await insertLink(db(), linkOf(profile.id, "a-1", { owned: false }), T0);
    expect(
      (await findLinkBySource(db(), { profileId: profile.id, sourceSide: "A", sourceId: "a-1" }))?.owned,
    ).toBe(false);
  });

  it("refuses a second link for the same original", async () => {
    const profile = await someProfile(db());
    await insertLink(db(), linkOf(profile.id, "a-1"), T0);

    const duplicate = insertLink(db(), linkOf(profile.id, "a-1", { copyId: "another-copy" }), at(1));

    await expect(duplicate).rejects.toBeInstanceOf(StoreConflictError);
    await expect(duplicate).rejects.toThrow(`link for A:a-1 in profile ${profile.id} already exists`);
    // The same id on the other side, or in another profile, is a different original.
    await insertLink(db(), linkOf(profile.id, "a-1", { sourceSide: "B" }), T0);
    const other = await someProfile(db());
    await insertLink(db(), linkOf(other.id, "a-1"), T0);
  });

  it("refuses a link to a profile that does not exist", async () => {
    await expect(insertLink(db(), linkOf("no-such-profile", "a-1"), T0)).rejects.toThrow();
  });

  it("lists a profile's links in a stable order, and a series' occurrences by original start", async () => {
    const profile = await someProfile(db());
    const other = await someProfile(db());
    await insertLink(db(), linkOf(profile.id, "s-1", { kind: "series" }), T0);
    await insertLink(
      db(),
      linkOf(profile.id, "occ-2", {
        kind: "exception",
        seriesSourceId: "s-1",
        originalStart: "2025-03-17T09:00:00Z",
      }),
      T0,
    );
    await insertLink(
      db(),
      linkOf(profile.id, "occ-1", {
        kind: "occurrence",
        seriesSourceId: "s-1",
        originalStart: "2025-03-10T09:00:00Z",
      }),
      T0,
    );
    await insertLink(db(), linkOf(profile.id, "b-1", { sourceSide: "B" }), T0);
    await insertLink(db(), linkOf(other.id, "x-1"), T0);

    expect((await listLinks(db(), profile.id)).map((l) => `${l.sourceSide}:${l.sourceId}`)).toEqual([
      "A:occ-1",
      "A:occ-2",
      "A:s-1",
      "B:b-1",
    ]);
    const occurrences = await listLinksOfSeries(db(), profile.id, "A", "s-1");
    expect(occurrences.map((l) => [l.sourceId, l.originalStart])).toEqual([
      ["occ-1", "2025-03-10T09:00:00.000Z"],
      ["occ-2", "2025-03-17T09:00:00.000Z"],
    ]);
    expect(await listLinksOfSeries(db(), profile.id, "B", "s-1")).toEqual([]);
  });

  it("counts links, optionally only owned copies", async () => {
    const profile = await someProfile(db());
    await insertLink(db(), linkOf(profile.id, "a-1"), T0);
    await insertLink(db(), linkOf(profile.id, "a-2", { owned: false }), T0);
    await insertLink(db(), linkOf(profile.id, "a-3"), T0);

    expect(await countLinks(db(), profile.id)).toBe(3);
    expect(await countLinks(db(), profile.id, true)).toBe(2);
    expect(await countLinks(db(), "nobody")).toBe(0);
  });

  it("updates versions and hash, stamping only updatedAt", async () => {
    const profile = await someProfile(db());
    const key: LinkKey = { profileId: profile.id, sourceSide: "A", sourceId: "a-1" };
    await insertLink(db(), linkOf(profile.id, "a-1"), T0);

    expect(
      await updateLink(db(), key, { sourceVersion: "sv2", copyVersion: "cv2", contentHash: "hash2" }, at(3)),
    ).toBe(true);

    const link = await findLinkBySource(db(), key);
    expect(link).toMatchObject({
      sourceVersion: "sv2",
      copyVersion: "cv2",
      contentHash: "hash2",
      copyId: "copy-of-a-1",
      owned: true,
      createdAt: "2025-03-01T09:00:00.000Z",
      updatedAt: "2025-03-01T09:03:00.000Z",
    });
    await updateLink(db(), key, { copyId: "adopted", owned: false }, at(4));
    expect(await findLinkBySource(db(), key)).toMatchObject({
      copyId: "adopted",
      owned: false,
      contentHash: "hash2",
    });
    expect(await updateLink(db(), { ...key, sourceId: "missing" }, { contentHash: "x" }, at(4))).toBe(false);
  });

  it("leaves a column a patch names as undefined unchanged, and clears one it sets to null", async () => {
    const profile = await someProfile(db());
    const key: LinkKey = { profileId: profile.id, sourceSide: "A", sourceId: "a-1" };
    await insertLink(db(), linkOf(profile.id, "a-1", { icalUid: "uid-1" }), T0);

    await updateLink(db(), key, { contentHash: "hash2", copyVersion: undefined, owned: undefined }, at(1));
    expect(await findLinkBySource(db(), key)).toMatchObject({
      contentHash: "hash2",
      copyVersion: "cv1",
      owned: true,
      icalUid: "uid-1",
    });
    await updateLink(db(), key, { icalUid: null }, at(2));
    expect(await findLinkBySource(db(), key)).toMatchObject({ icalUid: null, contentHash: "hash2" });
  });

  it("deletes one link, or all of a profile's", async () => {
    const profile = await someProfile(db());
    const other = await someProfile(db());
    for (const id of ["a-1", "a-2", "a-3"]) await insertLink(db(), linkOf(profile.id, id), T0);
    await insertLink(db(), linkOf(other.id, "a-1"), T0);

    expect(await deleteLink(db(), { profileId: profile.id, sourceSide: "A", sourceId: "a-1" })).toBe(true);
    expect(await deleteLink(db(), { profileId: profile.id, sourceSide: "A", sourceId: "a-1" })).toBe(false);
    expect(await deleteLinksOfProfile(db(), profile.id)).toBe(2);
    expect(await listLinks(db(), profile.id)).toEqual([]);
    expect(await listLinks(db(), other.id)).toHaveLength(1);
  });
});
