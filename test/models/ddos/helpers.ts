/** Replicates of the ddos experiment at one point: their rows, and mean and standard error of a column. */
import { replicateRng } from "../../../lib/random/seed";
import { ddos } from "../../../lib/models/ddos/experiment";

export type DdosRow = ReturnType<typeof ddos.run>;

export function ddosReplicates(given: Record<string, unknown>, replicates: number, seed = 1): DdosRow[] {
  const p = ddos.resolve(given);
  return Array.from({ length: replicates }, (_, k) => ddos.run(p, replicateRng(seed, "ddos", p, k)));
}

export function meanSe(rows: readonly DdosRow[], column: keyof DdosRow): { mean: number; se: number } {
  const x = rows.map((r) => r[column] as number);
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
  return { mean, se: sd / Math.sqrt(x.length) };
}
