import type { EmulatorContext } from "../context.js";
import type { User } from "../world/types.js";

/** Every mailbox's calendar: events, exceptions, and the change log delta reads. */
export class MailboxStore {
  constructor(readonly ctx: EmulatorContext) {}

  /** Creates an event as the mailbox owner would in Outlook (meeting messages are sent and counted). */
  createEventAsOwner(_owner: User, _body: Record<string, unknown>): unknown {
    throw new Error("not implemented yet");
  }
}
