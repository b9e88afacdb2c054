import { TokenAcquisitionError } from "../graph/auth.js";
import { GraphRequestError } from "../graph/errors.js";
import { mailboxOfPath } from "../graph/mailbox-key.js";

/** What the process tells its caller: everything done, something failed or waits, or bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI explains itself: printed as is (never with a stack), exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad options, an unusable config file, an unknown profile or sync: exit code 2. */
export const badInput = (message: string) => new CliError(message, EXIT.badInput);

function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && !seen.has(current); ) {
    seen.add(current);
    yield current;
    current = current instanceof Error ? current.cause : undefined;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One readable line for any failure: the outermost message (each layer already added its context), plus
 * the underlying causes it does not already quote.
 */
export function describeError(error: unknown): string {
  let text = messageOf(error);
  for (const cause of [...causes(error)].slice(1)) {
    const more = messageOf(cause);
    if (more && !text.includes(more)) text += `: ${more}`;
  }
  return text;
}

/** The connections a profile reads its two mailboxes through, to say which one needs attention. */
export interface ProfileSides {
  A: { connection: string; mailbox: string };
  B: { connection: string; mailbox: string };
}

const MISSING_MAILBOX_CODES = new Set([
  "errorinvaliduser",
  "mailboxnotenabledforrestapi",
  "resourcenotfound",
]);

/**
 * What to do about a failed run, when the Graph error says so: which connection lacks a permission, which
 * mailbox does not exist, which endpoint cannot be reached. Undefined when there is nothing to add.
 */
export function adviceFor(error: unknown, sides: ProfileSides): string | undefined {
  const graph = [...causes(error)].find((cause) => cause instanceof GraphRequestError);
  if (!graph) return undefined;
  if (graph instanceof TokenAcquisitionError) {
    return graph.reason === "unreachable"
      ? "check the connection's cloud or endpoints, and that this machine can reach them"
      : undefined;
  }
  const mailbox = mailboxOfPath(graph.path);
  const side = (["A", "B"] as const).find((s) => sides[s].mailbox.toLowerCase() === mailbox);
  const where = side
    ? `mailbox ${side} (${sides[side].mailbox}) through connection "${sides[side].connection}"`
    : "the mailbox";
  if (graph.kind === "permission") {
    return `the app has no access to ${where}: grant it the application permission Calendars.ReadWrite with admin consent in that tenant (with RBAC for Applications: the Exchange role Application Calendars.ReadWrite, with the mailbox in its scope), and check that no Exchange application access policy excludes the mailbox`;
  }
  if (graph.kind === "not-found" && MISSING_MAILBOX_CODES.has(graph.code?.toLowerCase() ?? "")) {
    return `${where} does not exist in that tenant, or has no Exchange Online mailbox: check the profile's address in the config`;
  }
  if (graph.kind === "transient" && graph.status === undefined) {
    return "Microsoft Graph could not be reached: check the connection's cloud or endpoints, and the network";
  }
  return undefined;
}
