import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";
import type { MailboxCalendar } from "./mailbox-calendar.js";
import { contextUrl, mailboxRequest } from "./route-context.js";

/** The one calendar each mailbox has here: the default calendar, with a stable id. */
function calendarPayload(calendar: MailboxCalendar) {
  const { owner } = calendar;
  return {
    id: calendar.calendarId,
    name: "Calendar",
    color: "auto",
    hexColor: "",
    isDefaultCalendar: true,
    changeKey: Buffer.from(calendar.calendarId).toString("base64").slice(0, 24),
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ["teamsForBusiness"],
    defaultOnlineMeetingProvider: "teamsForBusiness",
    isTallyingResponses: true,
    isRemovable: false,
    owner: { name: owner.displayName, address: owner.mail },
  };
}

export function registerCalendarRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  for (const path of ["/users/:user/calendar", "/users/:user/calendars/:calendarId"]) {
    app.get(path, async (request) => {
      const mailbox = mailboxRequest(ctx, request, "read");
      return {
        "@odata.context": contextUrl(ctx, mailbox.owner, "calendars/$entity"),
        ...calendarPayload(mailbox.calendar),
      };
    });
  }
  app.get("/users/:user/calendars", async (request) => {
    const mailbox = mailboxRequest(ctx, request, "read");
    return {
      "@odata.context": contextUrl(ctx, mailbox.owner, "calendars"),
      value: [calendarPayload(mailbox.calendar)],
    };
  });
}
