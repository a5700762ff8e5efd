/**
 * JSON-valued parameters on the command line:
 *   --partitions '[{"startS":600,"durationS":1800,"groups":{"by":"fraction","shares":[0.5]}}]'
 *   --partitions @schedule.json          (the file's contents; relative to the working directory)
 * One occurrence is one value; `sweep` takes the option several times for an
 * axis of JSON values (a comma inside JSON is never a list separator).
 * The value becomes the parameter's canonical JSON text, as rows store it.
 * Errors quote what was typed (and the file named), then what is allowed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ParameterError, parseValue, type JsonParam } from "../experiment/params";

/** The canonical JSON text of one --name option of a json parameter (text or @file). */
export function jsonOptionValue(name: string, spec: JsonParam<unknown>, raw: string, cwd = process.cwd()): string {
  const text = raw.trim();
  if (!text.startsWith("@")) return parseValue(name, spec, raw) as string;
  const file = text.slice(1);
  if (file === "") throw new ParameterError(name, raw, `JSON text or @FILE naming a JSON file: ${spec.allowed}`);
  let contents: string;
  try {
    contents = readFileSync(resolve(cwd, file), "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new ParameterError(name, raw, `JSON text or @FILE naming a readable JSON file`, `invalid ${name}: ${JSON.stringify(raw)}: cannot read ${file} (${why}; allowed: JSON text or @FILE naming a readable JSON file)`);
  }
  try {
    return parseValue(name, spec, contents) as string;
  } catch (err) {
    if (err instanceof ParameterError) throw new ParameterError(err.parameter, err.value, err.allowed, `${err.message} (in ${file}, from --${name} ${text})`);
    throw err;
  }
}
