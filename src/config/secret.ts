import { inspect } from "node:util";

const REDACTED = "[redacted]";

/**
 * A credential read from the environment or a file. The value lives in a private field, so it never shows
 * up in JSON, string conversion, `util.inspect` or error messages; only `reveal()` hands it out, at the one
 * place that needs it (token acquisition).
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}
