import type { Action } from "../core/actions.js";
import type { CalendarPort } from "../core/calendar-port.js";
import { otherSide, type Side } from "../core/event.js";
import { GraphRequestError } from "../graph/errors.js";
import { type Store, transaction } from "../store/database.js";
import { type NewDecision, recordDecision } from "../store/decisions.js";
import {
  deleteLink,
  findLinkBySource,
  insertLink,
  type LinkKey,
  listLinksOfSeries,
  updateLink,
} from "../store/links.js";
import type { RunCounts } from "../store/runs.js";
import { recordTombstone } from "../store/tombstones.js";

export interface Execution {
  db: Store;
  ports: Record<Side, CalendarPort>;
  profileId: string;
  runId: string;
  now: () => Date;
}

type Trx = Parameters<Parameters<typeof transaction>[1]>[0];

/**
 * Performs one action: the write to the mailbox first, then, in one store transaction, the link change and
 * the decision. A crash between the two is safe: the next run finds the copy by its tag (or Graph returns it
 * again for the same transactionId) and adopts it.
 */
export async function execute(run: Execution, action: Action): Promise<keyof RunCounts | undefined> {
  const linkKey = (side: Side, id: string): LinkKey => ({
    profileId: run.profileId,
    sourceSide: side,
    sourceId: id,
  });
  const commit = (decision: NewDecision, write: (trx: Trx) => Promise<unknown> = async () => undefined) =>
    transaction(run.db, async (trx) => {
      await write(trx);
      await recordDecision(trx, { runId: run.runId, profileId: run.profileId }, decision, run.now());
    });
  switch (action.type) {
    case "create": {
      const copy = await run.ports[otherSide(action.sourceSide)].create(
        action.content,
        action.tag,
        action.transactionId,
      );
      await commit(
        {
          side: action.sourceSide,
          sourceId: action.source.id,
          copyId: copy.id,
          action: "create",
          reason: "new original",
          subjectHint: action.content.subject,
        },
        (trx) =>
          insertLink(
            trx,
            {
              ...linkKey(action.sourceSide, action.source.id),
              copyId: copy.id,
              owned: true,
              icalUid: action.source.iCalUId ?? null,
              kind: action.source.kind === "series" ? "series" : "single",
              sourceVersion: action.source.version,
              copyVersion: copy.version,
              contentHash: action.contentHash,
            },
            run.now(),
          ),
      );
      return "created";
    }
    case "update":
      return executeUpdate(run, action, commit, linkKey);
    case "delete": {
      await run.ports[otherSide(action.sourceSide)].delete(action.copyId);
      const series =
        action.reason === "occurrence-cancelled"
          ? await seriesVersion(run, action.sourceSide, action.sourceId)
          : undefined;
      await commit(
        {
          side: action.sourceSide,
          sourceId: action.sourceId,
          copyId: action.copyId,
          action: "delete",
          reason: action.reason,
        },
        async (trx) => {
          await forgetDeleted(trx, run.profileId, action);
          if (series) await updateLink(trx, series.key, { copyVersion: series.version }, run.now());
        },
      );
      return "deleted";
    }
    case "link":
      await commit(
        {
          side: action.sourceSide,
          sourceId: action.sourceId,
          copyId: action.targetId,
          action: "link",
          reason: action.reason,
        },
        (trx) =>
          insertLink(
            trx,
            {
              ...linkKey(action.sourceSide, action.sourceId),
              copyId: action.targetId,
              owned: action.owned,
              icalUid: action.iCalUId ?? null,
              kind: "single",
              sourceVersion: "",
              copyVersion: "",
              contentHash: "",
            },
            run.now(),
          ),
      );
      return "linked";
    case "unlink":
      await commit(
        { side: action.sourceSide, sourceId: action.sourceId, action: "unlink", reason: action.reason },
        (trx) => deleteLink(trx, linkKey(action.sourceSide, action.sourceId)),
      );
      return undefined;
    case "tombstone":
      await commit(
        {
          side: action.sourceSide,
          sourceId: action.sourceId,
          copyId: action.copyId,
          action: "tombstone",
          reason: action.reason,
        },
        async (trx) => {
          await deleteLink(trx, linkKey(action.sourceSide, action.sourceId));
          const tombstone = {
            profileId: run.profileId,
            sourceSide: action.sourceSide,
            sourceId: action.sourceId,
          };
          await recordTombstone(
            trx,
            { ...tombstone, reason: action.reason, icalUid: action.iCalUId ?? null },
            run.now(),
          );
        },
      );
      return "tombstoned";
    case "baseline":
      await commit(
        {
          side: action.sourceSide,
          sourceId: action.sourceId,
          action: "baseline",
          reason: "existed at start",
        },
        (trx) =>
          recordTombstone(
            trx,
            {
              profileId: run.profileId,
              sourceSide: action.sourceSide,
              sourceId: action.sourceId,
              reason: "baseline",
              icalUid: action.iCalUId ?? null,
            },
            run.now(),
          ),
      );
      return "skipped";
    case "skip":
      await commit({
        side: action.side,
        sourceId: action.eventId,
        action: "skip",
        reason: action.detail ? `${action.reason}: ${action.detail}` : action.reason,
      });
      return "skipped";
  }
}

/**
 * What a deleted copy leaves behind in the store: nothing of its link (and of its series' instance links),
 * except for an orphan (the link names another copy) or one cancelled occurrence (the series stays linked).
 */
async function forgetDeleted(trx: Trx, profileId: string, action: Extract<Action, { type: "delete" }>) {
  if (action.reason === "orphan-copy" || action.reason === "occurrence-cancelled") return;
  const key = { profileId, sourceSide: action.sourceSide, sourceId: action.sourceId };
  for (const instance of await listLinksOfSeries(trx, profileId, action.sourceSide, action.sourceId)) {
    await deleteLink(trx, { ...key, sourceId: instance.sourceId });
  }
  await deleteLink(trx, key);
}

/**
 * Writing one instance of a copy series changes the series' own version too; the series link must learn
 * the new one, or the next run would take crosscal's own write for a person's edit.
 */
async function seriesVersion(run: Execution, sourceSide: Side, seriesSourceId: string) {
  const key = { profileId: run.profileId, sourceSide, sourceId: seriesSourceId };
  const link = await findLinkBySource(run.db, key);
  const master = link && (await run.ports[otherSide(sourceSide)].get(link.copyId));
  return master ? { key, version: master.version } : undefined;
}

/** The copy's new version and content hash; an exception's first write creates its instance link. */
async function recordWrite(
  trx: Trx,
  run: Execution,
  action: Extract<Action, { type: "update" }>,
  key: LinkKey,
  version: string,
) {
  const patch = { contentHash: action.contentHash, copyVersion: version };
  // The original's version now mirrored: a notification repeating it is no news (engine/notifications.ts).
  const mirrored = action.sourceVersion === undefined ? {} : { sourceVersion: action.sourceVersion };
  if (await updateLink(trx, key, { ...patch, ...mirrored }, run.now())) return;
  if (!action.instance) return;
  await insertLink(
    trx,
    {
      ...key,
      ...patch,
      copyId: action.copyId,
      owned: true,
      kind: "exception",
      seriesSourceId: action.instance.seriesSourceId,
      originalStart: action.instance.originalStart,
      sourceVersion: "",
    },
    run.now(),
  );
}

/** A copy that vanished before its update is left alone: the next run sees its removal and tombstones it. */
async function executeUpdate(
  run: Execution,
  action: Extract<Action, { type: "update" }>,
  commit: (decision: NewDecision, write?: (trx: Trx) => Promise<unknown>) => Promise<void>,
  linkKey: (side: Side, id: string) => LinkKey,
): Promise<keyof RunCounts> {
  const restore = action.reason === "copy-edited";
  const decision = {
    side: action.sourceSide,
    sourceId: action.sourceId,
    copyId: action.copyId,
    subjectHint: action.content.subject,
  };
  try {
    const copy = await run.ports[otherSide(action.sourceSide)].update(action.copyId, action.content);
    const series = action.instance
      ? await seriesVersion(run, action.sourceSide, action.instance.seriesSourceId)
      : undefined;
    await commit(
      { ...decision, action: restore ? "restore" : "update", reason: action.reason },
      async (trx) => {
        await recordWrite(trx, run, action, linkKey(action.sourceSide, action.sourceId), copy.version);
        if (series) await updateLink(trx, series.key, { copyVersion: series.version }, run.now());
      },
    );
    return "updated";
  } catch (error) {
    if (!(error instanceof GraphRequestError) || error.kind !== "not-found") throw error;
    await commit({ ...decision, action: "skip", reason: "copy vanished before its update" });
    return "skipped";
  }
}
