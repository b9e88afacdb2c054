import type { EmulatorContext } from "../context.js";

/** Per (app, mailbox) throttling and fault injection. */
export class TrafficControl {
  constructor(readonly ctx: EmulatorContext) {}
}
