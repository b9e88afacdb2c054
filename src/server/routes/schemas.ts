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
