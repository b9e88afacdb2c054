import { type TSchema, Type } from "typebox";

/**
 * The one error every route answers with, whatever went wrong: `{ error: { code, message } }`, plus the
 * offending `field` for invalid input. Codes are stable snake_case words clients can branch on; messages
 * are for people and never carry a stack trace or a secret.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "stable, machine-readable, e.g. session_expired" }),
      message: Type.String(),
      field: Type.Optional(Type.String({ description: "the invalid input, e.g. body/password" })),
    }),
  },
  { description: "Every 4xx and 5xx answer" },
);

export const errorBody = (error: ApiError) => ({
  error: {
    code: error.code,
    message: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
  },
});

/** A route's responses: its successes plus the error shape for each error status it can answer. */
export function responses<T extends Record<number, TSchema>>(
  ok: T,
  errors: number[],
): T & Record<number | "5xx", TSchema> {
  const all: Record<number | "5xx", TSchema> = { ...ok, "5xx": ErrorResponse };
  for (const status of errors) all[status] = ErrorResponse;
  return all as T & Record<number | "5xx", TSchema>;
}

export const unauthenticated = (message = "sign in or send an API token") =>
  new ApiError(401, "unauthenticated", message);
