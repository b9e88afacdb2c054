import { randomUUID } from "node:crypto";
import { badRequest, GraphError } from "../graph/errors.js";

export type FaultStatus = 429 | 500 | 503 | 504;
const FAULT_STATUSES: readonly number[] = [429, 500, 503, 504];

/** What a test asks for: which requests to hit, how many, and what they get. */
export interface FaultInput {
  method?: string;
  /** Substring of the request path (query included), compared case-insensitively. */
  path?: string;
  /** Regular expression tested against the request path (query included). */
  pathRegex?: string;
  clientId?: string;
  /** UPN or user id of the addressed mailbox. */
  mailbox?: string;
  /** Apply to the next N matching requests, then retire. */
  count?: number;
  /** Apply to each matching request with this probability (0..1). Without count or probability: always. */
  probability?: number;
  status?: FaultStatus;
  /** Retry-After header in seconds; omitted means no header. */
  retryAfterSeconds?: number;
  /** Added latency, spent while the request holds its mailbox concurrency slot. */
  latencyMs?: number;
  /** Override Graph's error code and message for the injected status. */
  code?: string;
  message?: string;
}

export interface FaultRule extends FaultInput {
  id: string;
  /** Requests this rule has applied to so far. */
  applied: number;
  /** Requests left for a counted rule. */
  remaining?: number;
}

/** The request facts a rule matches on. */
export interface FaultTarget {
  method: string;
  path: string;
  clientId?: string;
  /** The addressed mailbox's id and UPN, if any. */
  mailbox?: { id: string; userPrincipalName: string };
}

const DEFAULT_ERRORS: Record<FaultStatus, { code: string; message: string }> = {
  429: { code: "TooManyRequests", message: "Please retry again later." },
  500: { code: "generalException", message: "An unspecified error has occurred." },
  503: {
    code: "serviceNotAvailable",
    message: "The service is temporarily unavailable. Please retry the request after a delay.",
  },
  504: { code: "gatewayTimeout", message: "The request timed out." },
};

function optionalNumber(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw badRequest(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw badRequest(`${name} must be a non-empty string`);
  return value;
}

/** Checks a rule from the control API or a test and gives it an id. */
export function createFaultRule(input: FaultInput): FaultRule {
  const source = (input ?? {}) as Record<string, unknown>;
  const status = optionalNumber(source.status, "status", 0);
  if (status !== undefined && !FAULT_STATUSES.includes(status)) {
    throw badRequest(`status must be one of ${FAULT_STATUSES.join(", ")}`);
  }
  const pathRegex = optionalString(source.pathRegex, "pathRegex");
  if (pathRegex !== undefined) {
    try {
      new RegExp(pathRegex);
    } catch {
      throw badRequest("pathRegex is not a valid regular expression");
    }
  }
  const rule: FaultRule = {
    id: randomUUID(),
    applied: 0,
    method: optionalString(source.method, "method")?.toUpperCase(),
    path: optionalString(source.path, "path"),
    pathRegex,
    clientId: optionalString(source.clientId, "clientId"),
    mailbox: optionalString(source.mailbox, "mailbox"),
    count: optionalNumber(source.count, "count", 1),
    probability: optionalNumber(source.probability, "probability", 0, 1),
    status: status as FaultStatus | undefined,
    retryAfterSeconds: optionalNumber(source.retryAfterSeconds, "retryAfterSeconds", 0),
    latencyMs: optionalNumber(source.latencyMs, "latencyMs", 0, 600_000),
    code: optionalString(source.code, "code"),
    message: optionalString(source.message, "message"),
  };
  if (rule.status === undefined && rule.latencyMs === undefined) {
    throw badRequest("a fault needs a status, a latencyMs, or both");
  }
  rule.remaining = rule.count;
  for (const key of Object.keys(rule) as (keyof FaultRule)[]) if (rule[key] === undefined) delete rule[key];
  return rule;
}

/** Compiled `pathRegex` per rule, kept off the rule so rules stay plain JSON. */
const compiled = new WeakMap<FaultRule, RegExp>();

function regexOf(rule: FaultRule & { pathRegex: string }): RegExp {
  let regex = compiled.get(rule);
  if (!regex) {
    regex = new RegExp(rule.pathRegex);
    compiled.set(rule, regex);
  }
  return regex;
}

/** Whether the rule selects this request (its count and probability aside). */
export function faultMatches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.method && rule.method !== target.method) return false;
  if (rule.path && !target.path.toLowerCase().includes(rule.path.toLowerCase())) return false;
  if (rule.pathRegex && !regexOf(rule as FaultRule & { pathRegex: string }).test(target.path)) return false;
  if (rule.clientId && rule.clientId !== target.clientId) return false;
  if (rule.mailbox) {
    const wanted = rule.mailbox.toLowerCase();
    const { mailbox } = target;
    if (!mailbox || (mailbox.id !== rule.mailbox && mailbox.userPrincipalName.toLowerCase() !== wanted)) {
      return false;
    }
  }
  return true;
}

/** The Graph error an injected status produces (the generic 429 body gets its inner details elsewhere). */
export function faultError(rule: FaultRule & { status: FaultStatus }): GraphError {
  const defaults = DEFAULT_ERRORS[rule.status];
  const headers: Record<string, string> =
    rule.retryAfterSeconds === undefined ? {} : { "Retry-After": String(rule.retryAfterSeconds) };
  return new GraphError(rule.status, rule.code ?? defaults.code, rule.message ?? defaults.message, headers);
}
