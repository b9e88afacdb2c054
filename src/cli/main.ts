#!/usr/bin/env node
import { CommanderError } from "commander";
import { sharedAgent } from "../graph/http.js";
import { CliError, describeError, EXIT, type ExitCode } from "./errors.js";
import { buildProgram } from "./program.js";

/**
 * Runs the command line and returns the exit code. Every failure becomes one message on stderr, never a
 * stack trace: CliErrors carry their own code; anything else is reported with its causes as exit code 1.
 */
export async function main(argv: string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const io = {
    out: (text: string) => process.stdout.write(`${text}\n`),
    log: (line: string) => process.stderr.write(`${line}\n`),
  };
  const program = buildProgram(io, (result) => {
    code = result;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end here too, with exit code 0; everything else is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    io.log(`crosscal: ${error instanceof CliError ? error.message : describeError(error)}`);
    return error instanceof CliError ? error.exitCode : EXIT.failed;
  }
}

const code = await main(process.argv);
// Keep-alive sockets would hold the process open for half a minute after the work is done.
await sharedAgent().close();
process.exit(code);
