import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ApiError, errorBody } from "../errors.js";
import { securityHeaders } from "./security-headers.js";

/**
 * The longest id an address may carry, percent-encoded. Fastify's default (100) is shorter than a Graph
 * event id (about 150 characters of base64, more once encoded), which /api/events/{eventId}/why takes.
 */
export const MAX_PARAM_LENGTH = 1024;

/**
 * Answers Fastify gives before any route or hook runs, in the one error shape. None repeats the address
 * it refuses: Fastify's own answers echo it, a reflection an attacker could shape.
 */
const FRAMEWORK_ERRORS: Record<string, ApiError> = {
  FST_ERR_BAD_URL: new ApiError(
    400,
    "invalid_url",
    "the address is not valid: a percent sign must start a valid UTF-8 escape such as %20",
  ),
  FST_ERR_MAX_PARAM_LENGTH: new ApiError(
    414,
    "url_too_long",
    `a part of the address is too long (${MAX_PARAM_LENGTH} characters at most)`,
  ),
};
const INTERNAL = new ApiError(500, "internal_error", "internal error; the service log has the details");

/** Fastify's `frameworkErrors`: a router failure (bad percent-encoding, an overlong path parameter). */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const api = FRAMEWORK_ERRORS[error.code] ?? INTERNAL;
  if (api === INTERNAL) request.log.error({ err: error }, "request failed in the router");
  // These replies skip the app's hooks: the headers the onSend hook adds are set here.
  reply.code(api.statusCode).headers(securityHeaders(request.url)).send(errorBody(api));
}

/** What Node's HTTP parser refuses, by its error code; anything else is a plain 400. */
const CLIENT_ERRORS: Record<string, ApiError> = {
  ERR_HTTP_REQUEST_TIMEOUT: new ApiError(408, "request_timeout", "the request took too long to arrive"),
  HPE_HEADER_OVERFLOW: new ApiError(
    431,
    "headers_too_large",
    "the request line and headers are too large (16 KiB at most)",
  ),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: new ApiError(413, "payload_too_large", "the chunk extensions are too large"),
};
const MALFORMED = new ApiError(400, "bad_request", "the request is not valid HTTP");

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused, answered on the raw socket (there
 * is no request to reply to) in the one error shape, then the connection closed, as Node itself does.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has no one left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const api = (error.code && CLIENT_ERRORS[error.code]) || MALFORMED;
  const body = JSON.stringify(errorBody(api));
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    ...securityHeaders("/api"),
    connection: "close",
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable)
    socket.write(`HTTP/1.1 ${api.statusCode} ${STATUS_CODES[api.statusCode]}\r\n${head.join("")}\r\n${body}`);
  socket.destroy(error);
}
