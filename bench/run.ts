/**
 * `npm run bench`: every kernel benchmark, one table. Each row reports a rate
 * (or time), the ratio to a baseline measured in the same run, and peak memory.
 * Run one group: `npm run bench -- selfish-mining`.
 *
 * Each group runs in a process of its own (this file with `--child <group>`,
 * rows back as JSON): one group's JIT feedback (the engine's queue and the
 * Network are shared by several kernels) and heap do not carry into the
 * next, and each row's peak RSS is that of the group's own process.
 */
import { spawnSync } from "node:child_process";
import { benchDoubleSpend } from "./double-spend";
import { benchGossip } from "./gossip";
import { benchGossipNetwork } from "./gossip-network";
import { benchPownet } from "./pownet";
import { benchPbft } from "./pbft";
import { benchBft } from "./bft";
import { benchMerkle } from "./merkle";
import { benchSelfishMining } from "./selfish-mining";
import { benchSelfishStrategies } from "./selfish-mining-strategies";
import { benchSweep } from "./sweep";
import type { BenchRow } from "./types";

const groups: Record<string, () => Promise<BenchRow[]>> = {
  "selfish-mining": benchSelfishMining,
  "selfish-mining-strategies": benchSelfishStrategies,
  pownet: () => benchPownet(),
  pbft: () => benchPbft(),
  bft: () => benchBft(),
  merkle: benchMerkle,
  "double-spend": benchDoubleSpend,
  gossip: () => benchGossip(),
  "gossip-network": () => benchGossipNetwork(),
  sweep: benchSweep,
};

function fmt(x: number | undefined, digits = 3): string {
  if (x === undefined || !Number.isFinite(x)) return "";
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(digits - 1) : x.toPrecision(digits);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    const rows = await groups[args[1]]();
    process.stdout.write(JSON.stringify(rows));
    return;
  }
  const unknown = args.filter((w) => !(w in groups));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")} (known: ${Object.keys(groups).join(", ")})`);
  const rows: BenchRow[] = [];
  for (const name of Object.keys(groups)) {
    if (args.length && !args.includes(name)) continue;
    process.stderr.write(`bench: ${name} ...\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, "--child", name], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 64 << 20 });
    if (child.status !== 0) throw new Error(`benchmark ${name} failed (exit ${child.status ?? child.signal}); its error is above`);
    rows.push(...(JSON.parse(child.stdout) as BenchRow[]));
  }
  const table = rows.map((r) => [r.name, fmt(r.value), r.unit, r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`, r.baseline ?? "", fmt(r.peakRssMB), r.note ?? ""]);
  const header = ["benchmark", "value", "unit", "ratio", "baseline (same run)", "peak RSS MiB", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const t of table) console.log(line(t));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
