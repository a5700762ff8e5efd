/**
 * The one-line command that reruns a single unit (e.g. one that failed):
 *   consensus-lab run selfish-mining --alpha 0.3 --gamma 0.5 --blocks 1000 --seed 7 --replicate 2
 * Numbers print in JavaScript's shortest round-trip form, so the replay runs
 * exactly the same parameters and stream.
 */
import { delimiter } from "node:path";
import type { Point } from "./grid";
import { EXPERIMENTS_ENV } from "./experiments";

/** Quote a word for POSIX shells only when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(experiment: string, point: Point, seed: number, replicate: number, modules: readonly string[] = []): string {
  const words = ["consensus-lab", "run", experiment];
  for (const [name, value] of Object.entries(point)) words.push(`--${name}`, String(value));
  words.push("--seed", String(seed), "--replicate", String(replicate));
  const env = modules.length ? `${EXPERIMENTS_ENV}=${shellWord(modules.join(delimiter))} ` : "";
  return env + words.map(shellWord).join(" ");
}
