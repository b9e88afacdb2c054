import type { Seed, SeedEvent, SeedTenant } from "./seed-types.js";

/**
 * The `demo` seed: two tenants holding the same twenty people (same local part, different domains), a few
 * people present in one tenant only, a group per tenant (contoso's nests a second group), and a realistic
 * week of meetings starting on the Monday of the current week: recurring series (one with a moved and a
 * cancelled occurrence), all-day and private events, and meetings that invite people of the other tenant.
 */

const SHARED_PEOPLE = [
  "Adele Vance",
  "Alex Wilber",
  "Diego Siciliani",
  "Grady Archie",
  "Henrietta Mueller",
  "Isaiah Langer",
  "Johanna Lorenz",
  "Joni Sherman",
  "Lee Gu",
  "Lidia Holloway",
  "Lynne Robbins",
  "Megan Bowen",
  "Miriam Graham",
  "Nestor Wilke",
  "Patti Fernandez",
  "Pradeep Gupta",
  "Irvin Sayers",
  "Christie Cline",
  "Enrico Cattaneo",
  "Debra Berger",
];
const CONTOSO_ONLY = ["Allan Deyoung", "Emily Braun"];
const FABRIKAM_ONLY = ["Cameron White", "Raul Razo"];

export const DEMO_DOMAINS = { contoso: "contoso.onmicrosoft.com", fabrikam: "fabrikam.onmicrosoft.com" };

const SUBJECTS = [
  "Project review",
  "1:1",
  "Budget planning",
  "Customer call",
  "Design sync",
  "Hiring loop",
  "Quarterly roadmap",
  "Vendor meeting",
  "Architecture deep dive",
  "Lunch and learn",
];

const upn = (name: string, domain: string) => `${name.toLowerCase().replace(/\s+/g, ".")}@${domain}`;

/** Deterministic pseudo-random numbers, so every demo start has the same meetings. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function mondayOf(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

const dateOf = (monday: Date, offsetDays: number) =>
  new Date(monday.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const local = (date: string, hour: number, minute = 0) =>
  `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00`;

function attendee(address: string, name?: string) {
  return { type: "required", emailAddress: { address, name: name ?? address } };
}

function personalMeetings(owner: string, zone: string, monday: Date, random: () => number): SeedEvent[] {
  const events: SeedEvent[] = [];
  for (let i = 0; i < 3; i++) {
    const date = dateOf(monday, Math.floor(random() * 5));
    const hour = 8 + Math.floor(random() * 8);
    const minutes = random() < 0.5 ? 30 : 60;
    const isPrivate = random() < 0.2;
    events.push({
      mailbox: owner,
      subject: isPrivate ? "Doctor appointment" : SUBJECTS[Math.floor(random() * SUBJECTS.length)]!,
      body: { contentType: "text", content: isPrivate ? "" : "Agenda in the shared notes." },
      start: { dateTime: local(date, hour), timeZone: zone },
      end: { dateTime: local(date, hour + Math.floor(minutes / 60), minutes % 60), timeZone: zone },
      sensitivity: isPrivate ? "private" : "normal",
      showAs: random() < 0.15 ? "tentative" : "busy",
      location: { displayName: random() < 0.5 ? "Teams" : "Room 4.12" },
    });
  }
  return events;
}

function sharedEvents(tenant: "contoso" | "fabrikam", zone: string, monday: Date): SeedEvent[] {
  const domain = DEMO_DOMAINS[tenant];
  const other = DEMO_DOMAINS[tenant === "contoso" ? "fabrikam" : "contoso"];
  const organizer = upn(tenant === "contoso" ? "Adele Vance" : "Megan Bowen", domain);
  const team = SHARED_PEOPLE.slice(tenant === "contoso" ? 1 : 12, tenant === "contoso" ? 6 : 17);
  const start = dateOf(monday, 1);
  const subject = tenant === "contoso" ? "Weekly team sync" : "Daily stand-up";
  return [
    {
      mailbox: organizer,
      subject,
      start: { dateTime: local(start, tenant === "contoso" ? 10 : 9), timeZone: zone },
      end: {
        dateTime: local(start, tenant === "contoso" ? 11 : 9, tenant === "contoso" ? 0 : 15),
        timeZone: zone,
      },
      attendees: team.map((name) => attendee(upn(name, domain), name)),
      recurrence:
        tenant === "contoso"
          ? {
              pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
              range: { type: "numbered", startDate: start, numberOfOccurrences: 12 },
            }
          : {
              pattern: {
                type: "weekly",
                interval: 1,
                daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
                firstDayOfWeek: "sunday",
              },
              range: { type: "noEnd", startDate: start },
            },
      // Seed-only instructions: move the second occurrence by two hours, cancel the third.
      seedExceptions: [{ occurrence: 1, shiftMinutes: 120, subject: `${subject} (moved)` }],
      seedCancelledOccurrences: [2],
    },
    {
      mailbox: upn("Diego Siciliani", domain),
      subject: `Cross-company planning (${tenant})`,
      start: { dateTime: local(dateOf(monday, 2), 15), timeZone: zone },
      end: { dateTime: local(dateOf(monday, 2), 16), timeZone: zone },
      isOnlineMeeting: true,
      onlineMeetingProvider: "teamsForBusiness",
      attendees: [
        attendee(upn("Diego Siciliani", other)),
        attendee(upn("Lee Gu", other)),
        attendee(upn("Lee Gu", domain)),
      ],
    },
    {
      mailbox: upn("Johanna Lorenz", domain),
      subject: tenant === "contoso" ? "Team offsite" : "Public holiday",
      isAllDay: true,
      start: { dateTime: `${dateOf(monday, 4)}T00:00:00`, timeZone: zone },
      end: { dateTime: `${dateOf(monday, 5)}T00:00:00`, timeZone: zone },
      showAs: "oof",
    },
  ];
}

function demoTenant(tenant: "contoso" | "fabrikam", now: Date): SeedTenant {
  const domain = DEMO_DOMAINS[tenant];
  const zone = tenant === "contoso" ? "W. Europe Standard Time" : "Eastern Standard Time";
  const only = tenant === "contoso" ? CONTOSO_ONLY : FABRIKAM_ONLY;
  const people = [...SHARED_PEOPLE, ...only];
  const monday = mondayOf(now);
  const random = prng(tenant === "contoso" ? 7 : 11);
  const consultants = SHARED_PEOPLE.slice(15);
  return {
    domain,
    displayName: tenant === "contoso" ? "Contoso" : "Fabrikam",
    users: people.map((name) => {
      const [givenName, surname] = name.split(" ");
      return { userPrincipalName: upn(name, domain), displayName: name, givenName, surname };
    }),
    groups:
      tenant === "contoso"
        ? [
            { displayName: "Consultants", members: consultants.map((name) => upn(name, domain)) },
            {
              displayName: "Cross-tenant staff",
              members: [...SHARED_PEOPLE.slice(0, 15).map((name) => upn(name, domain)), "group:Consultants"],
            },
          ]
        : [{ displayName: "Cross-tenant staff", members: SHARED_PEOPLE.map((name) => upn(name, domain)) }],
    apps: [{ displayName: "crosscal", redirectUris: ["https://localhost:8080/api/connections/consent"] }],
    events: [
      ...sharedEvents(tenant, zone, monday),
      ...SHARED_PEOPLE.flatMap((name) => personalMeetings(upn(name, domain), zone, monday, random)),
    ],
  };
}

export function buildDemoSeed(now: Date): Seed {
  return { tenants: [demoTenant("contoso", now), demoTenant("fabrikam", now)] };
}
