/** One CLI sub-command; each lives in its own file under cli/commands/. */
export interface Command {
  readonly name: string;
  /** One line for `consensus-lab help`. */
  readonly summary: string;
  /** Full usage text. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** Error in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
