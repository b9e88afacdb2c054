import { Type } from "typebox";

/** Input rules shared by setup and login. */
export const Username = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: "^[A-Za-z0-9._@-]+$",
  description: "letters, digits and . _ @ -",
});

export const MIN_PASSWORD_LENGTH = 12;

// The upper bound keeps one request from making scrypt hash megabytes.
export const NewPassword = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });

/**
 * A name a person types (a token's, a profile's): any printable text. Control characters (NUL among them)
 * and lone UTF-16 surrogates are refused rather than stored lossily: the databases keep UTF-8, where a
 * lone surrogate cannot be written and would come back as U+FFFD.
 */
export const PlainText = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({
    minLength: options.minLength ?? 1,
    maxLength: options.maxLength,
    pattern: "^[^\\p{Cc}\\p{Cs}]*$",
    description: options.description ?? "printable text (no control characters)",
  });
