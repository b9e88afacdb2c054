import type { FakeRequest, Routes } from "../../test/fake-api";
import { connection } from "../connections/connection-fixture";
import type { Preview, SyncEvent, SyncInfo } from "./types";

/** Answers for the syncs' component tests (a fake fetch stands in for the service). */

export const CONNECTIONS = [connection("c1", "contoso"), connection("c2", "fabrikam")];

export const SYNC: SyncInfo = {
  id: "s1",
  name: "contoso-fabrikam",
  connectionA: "c1",
  connectionB: "c2",
  direction: "two-way",
  mapping: "full-details",
  startMode: "merge",
  window: { pastDays: 30 },
  policies: { copyReminders: false, massDeletionShare: 0.5, massDeletionMinimum: 10, emptySideGuard: true },
  rules: [
    // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
    { name: "declined", when: { response: ["declined"] }, then: "skip" },
    // biome-ignore lint/suspicious/noThenProperty: the config file's word; a rule is never awaited.
    { name: "private", when: { sensitivity: ["private"] }, then: { mapping: "busy" } },
  ],
  profiles: { total: 3, draft: 0, active: 2, paused: 1, error: 0, needs_confirmation: 0 },
  createdAt: "2025-03-01T09:00:00.000Z",
  updatedAt: "2025-03-01T09:00:00.000Z",
};

const at = (dateTime: string) => ({ dateTime, timeZone: "Europe/Berlin" });

export const EVENT: SyncEvent = {
  id: "AAMk-lunch",
  subject: "Team lunch",
  start: at("2025-03-04T12:00:00"),
  end: at("2025-03-04T13:00:00"),
  isAllDay: false,
  sensitivity: "private",
  showAs: "busy",
  organizer: { name: "Adele Vance", address: "adele@contoso.com" },
  attendees: 3,
  isRecurring: false,
  kind: "single",
  isCancelled: false,
  isCopy: false,
};

const content = {
  subject: "Team lunch",
  body: { type: "html" as const, content: "<p>Pizza <b>and</b> salad</p><script>alert(1)</script>" },
  location: "Cafeteria",
  start: at("2025-03-04T12:00:00"),
  end: at("2025-03-04T13:00:00"),
  isAllDay: false,
  showAs: "busy" as const,
  sensitivity: "private" as const,
  importance: "normal" as const,
  categories: [],
  isReminderOn: true,
  reminderMinutesBeforeStart: 15,
  recurrence: null,
};

export const SOURCE: Preview["source"] = {
  ...content,
  id: "AAMk-lunch",
  kind: "single",
  seriesId: null,
  organizer: { name: "Adele Vance", address: "adele@contoso.com" },
  attendees: [{ name: "Megan Bowen", address: "megan@contoso.com", type: "required", response: "accepted" }],
  response: "accepted",
  isOrganizer: false,
  isCancelled: false,
  isOnlineMeeting: false,
  joinUrl: null,
  isCopy: false,
};

export const COPIED_BY_PRIVATE: Preview = {
  outcome: "copied",
  decidedBy: { rule: "private", index: 1 },
  explanation: "copied to B with the mapping of rule 'private' (rules[1]) (busy)",
  mapping: "busy",
  copySide: "B",
  copy: {
    ...content,
    subject: "Busy",
    body: { type: "text", content: "" },
    location: "",
    isReminderOn: false,
    reminderMinutesBeforeStart: 0,
  },
  source: SOURCE,
  series: null,
};

export const SKIPPED_BY_DECLINED: Preview = {
  outcome: "skipped",
  decidedBy: { rule: "declined", index: 0 },
  explanation: "skipped: rule 'declined' (rules[0])",
  mapping: null,
  copySide: "B",
  copy: null,
  source: { ...SOURCE, response: "declined" },
  series: null,
};

/** The preset picture's sample, copied as full details: what every editor asks first. */
export const isPicture = (request: FakeRequest) =>
  (request.body as { event?: { pasted?: { subject?: string } } }).event?.pasted?.subject ===
  "Quarterly review with Fabrikam";

export const pictureAnswer = (request: FakeRequest): [number, Preview] => {
  const pasted = (request.body as { event: { pasted: Preview["source"] } }).event.pasted;
  const source = { ...SOURCE, ...pasted, id: null, body: { type: "text" as const, content: "Agenda" } };
  return [
    200,
    {
      ...COPIED_BY_PRIVATE,
      decidedBy: "mapping",
      explanation: "copied to B with the sync's mapping",
      source,
      copy: { ...COPIED_BY_PRIVATE.copy!, subject: "Busy" },
    },
  ];
};

/** The routes of the sync editor for sync s1: the sync, the connections, its profiles. */
export const editorRoutes = (sync: SyncInfo = SYNC): Routes => ({
  "GET /api/connections": [200, { connections: CONNECTIONS }],
  "GET /api/syncs/s1": [200, sync],
  "GET /api/syncs": [200, { syncs: [sync] }],
  "GET /api/syncs/s1/profiles": [
    200,
    {
      profiles: [
        {
          id: "p1",
          sync: "s1",
          name: "Adele Vance",
          mailboxA: "adele@contoso.com",
          mailboxB: "adele@fabrikam.com",
          status: "active",
          statusReason: null,
          startMode: "merge",
          source: "manual",
          bindingId: null,
          mailboxCheck: { status: "verified", reason: null, checkedAt: null },
          counts: { copiesAToB: 0, copiesBToA: 0, linked: 0, lastRun: null },
          createdAt: "2025-03-01T09:00:00.000Z",
          updatedAt: "2025-03-01T09:00:00.000Z",
        },
      ],
      nextCursor: null,
      total: 1,
    },
  ],
  "POST /api/syncs/preview-copy": (request) =>
    isPicture(request) ? pictureAnswer(request) : [200, COPIED_BY_PRIVATE],
});

/** The job POST /api/syncs/s1/apply-now answers. */
export const APPLY_JOB = {
  id: "j1",
  kind: "apply_sync" as const,
  action: "run",
  status: "queued" as const,
  total: 2,
  done: 0,
  failed: 0,
  cancelRequested: false,
  filter: null,
  mode: null,
  reason: null,
  sync: { id: "s1", name: "contoso-fabrikam" },
  error: null,
  createdBy: "admin",
  createdAt: "2025-03-01T09:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  updatedAt: "2025-03-01T09:00:00.000Z",
};
