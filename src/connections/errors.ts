/**
 * Why a connection operation was refused. The API turns each into its answer (see
 * server/routes/connection-input.ts); the messages are for the administrator as they stand.
 */

/**
 * A connection's input that cannot be used as given: a credential or endpoints. `at` is the offending
 * field's path inside the input (e.g. ["certificate", "privateKey"]), so the API can name it.
 */
export class ConnectionInputError extends Error {
  override readonly name = "ConnectionInputError";

  constructor(
    message: string,
    readonly at: readonly string[],
  ) {
    super(message);
  }
}

/** Connection names are unique. */
export class ConnectionNameTakenError extends Error {
  override readonly name = "ConnectionNameTakenError";

  constructor(readonly connectionName: string) {
    super(`a connection named "${connectionName}" already exists`);
  }
}

export class ConnectionNotFoundError extends Error {
  override readonly name = "ConnectionNotFoundError";

  constructor(readonly connectionId: string) {
    super(`no connection with id ${connectionId}`);
  }
}

/** A connection that syncs still use cannot be deleted. */
export class ConnectionInUseError extends Error {
  override readonly name = "ConnectionInUseError";

  constructor(syncNames: readonly string[]) {
    const names = syncNames.map((name) => `"${name}"`).join(", ");
    super(`the connection is used by sync ${names}: delete the sync or move it to another connection first`);
  }
}

/** An edit moves a connection's endpoints without giving its credential again. */
export class CredentialRequiredError extends Error {
  override readonly name = "CredentialRequiredError";

  constructor() {
    super(
      "the connection's endpoints change: give its clientSecret or certificate again (a stored credential only goes to the endpoints it was given for)",
    );
  }
}
