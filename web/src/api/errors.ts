/**
 * A refusal or failure of the API, in its one shape `{ error: { code, message, field? } }` (see
 * docs/service.md, "Errors"), or the service not answering at all (`status` 0).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** The HTTP status; 0 when the service did not answer. */
    readonly status: number,
    /** Stable and machine-readable, e.g. `invalid_request`, `session_expired`. */
    readonly code: string,
    message: string,
    /** The invalid input as the API names it, e.g. `body/password`, `query/limit`, `body/mailboxes/0`. */
    readonly field?: string,
  ) {
    super(message);
  }

  /**
   * The form input the error is about, named as the form names it: the API's field without its part,
   * nested names joined by dots (`body/password` → `password`, `body/rules/0/skip` → `rules.0.skip`).
   */
  get input(): string | undefined {
    return this.field?.split("/").slice(1).join(".") || undefined;
  }
}

const isErrorBody = (body: unknown): body is { error: { code: string; message: string; field?: string } } => {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
};

/** The ApiError an answer that is not a success stands for. */
export function errorOfAnswer(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error.code, body.error.message, body.error.field);
  return new ApiError(status, `http_${status}`, `crosscal answered ${status} without saying why`);
}

export const notAnswering = () =>
  new ApiError(
    0,
    "network_error",
    "crosscal did not answer: check that the service is running and reachable",
  );

/** Where an error appears on a form: beside the input it names, or above the form when it names none. */
export interface FormErrors<Input extends string> {
  inputs: Partial<Record<Input, string>>;
  form: string | undefined;
}

/**
 * Places a failed save's error on its form. `inputs` lists the form's inputs, each with the error codes
 * that are about it although the API names no field (e.g. `setup_token_invalid` is about `setupToken`).
 * An error naming an input the form does not have, or none, goes above the form.
 */
export function formErrors<Input extends string>(
  error: unknown,
  inputs: Record<Input, readonly string[]>,
): FormErrors<Input> {
  if (!error) return { inputs: {}, form: undefined };
  if (!(error instanceof ApiError)) return { inputs: {}, form: String((error as Error).message ?? error) };
  const names = Object.keys(inputs) as Input[];
  const named =
    names.find((name) => name === error.input) ?? names.find((name) => inputs[name].includes(error.code));
  if (!named) return { inputs: {}, form: error.message };
  return { inputs: { [named]: besideInput(error) } as Partial<Record<Input, string>>, form: undefined };
}

/**
 * The message as it reads beside its input: without the field's path the API starts it with
 * ("body/password must NOT have fewer than 12 characters" → "Must not have fewer than 12 characters").
 */
function besideInput(error: ApiError): string {
  if (!error.field || !error.message.startsWith(`${error.field} `)) return error.message;
  const rest = error.message.slice(error.field.length + 1).replace(/\bNOT\b/g, "not");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
