/** `consensus-lab <command> ...`: dispatch to the commands in cli/commands/. */
import "../models/registry"; // registers the library's experiments with the sweep engine
import { UsageError, type Command } from "./command";
import { listCommand } from "./commands/list";
import { runCommand } from "./commands/run";
import { sweepCommand } from "./commands/sweep";
import { mergeCommand } from "./commands/merge";
import { notebooksCommand } from "./commands/notebooks";
import { jupyterCommand } from "./commands/jupyter";
import { figuresCommand } from "./commands/figures";

export const commands: Command[] = [listCommand, runCommand, sweepCommand, mergeCommand, notebooksCommand, jupyterCommand, figuresCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: consensus-lab <command> [options]   (consensus-lab help <command> for details)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const target = commands.find((c) => c.name === rest[0]);
    console.log(target ? target.usage : help());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`consensus-lab: unknown command ${JSON.stringify(name)}\n${help()}`);
    return 2;
  }
  if (rest.includes("--help")) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`consensus-lab ${name}: ${err.message}\nusage: ${command.usage.split("\n")[0]}\n(consensus-lab help ${name} for every option)`);
      return 2;
    }
    if (err instanceof RangeError || (err as Error).name === "ParameterError") {
      console.error(`consensus-lab ${name}: ${(err as Error).message}`);
      return 2;
    }
    throw err;
  }
}
