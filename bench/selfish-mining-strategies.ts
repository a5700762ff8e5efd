/**
 * Selfish-mining strategies, single thread:
 *  - the optimal-policy MDP (Sapirshtein et al. 2016; lib/models/selfish-mining/mdp-solve.ts):
 *    solve time at maxFork 80 (19,200 states) and 40 (4,800 states), alpha 0.35, gamma 0.5,
 *    tolerance 1e-4, each the median of 3; the 80 row's ratio is its time over the 40 solve's
 *    in the same run (4x the states), and a rate row gives state updates per second
 *    (states x value-iteration sweeps / time), its ratio against the 40 solve's rate;
 *  - Monte Carlo block events per second of every stubborn strategy (stubborn-simulate.ts) and
 *    of the optimal policy table (policy-simulate.ts), as ratios to the Eyal-Sirer kernel
 *    `simulateSelfishMining` measured in the same run (alpha 0.35, gamma 0.5, 3 x 20M events, median).
 * Peak RSS is the process's (the bench runs each group in a process of its own).
 */
import { simulateSelfishMining } from "../lib/models/selfish-mining/simulate";
import { simulateStubbornMining } from "../lib/models/selfish-mining/stubborn-simulate";
import { simulatePolicy } from "../lib/models/selfish-mining/policy-simulate";
import { parseStubbornStrategy, type StubbornStrategy } from "../lib/models/selfish-mining/stubborn";
import { STUBBORN_STRATEGIES } from "../lib/models/selfish-mining/stubborn-experiment";
import { buildSelfishMiningMdp } from "../lib/models/selfish-mining/mdp";
import { solveRelativeRevenue } from "../lib/models/selfish-mining/mdp-solve";
import { rngFor } from "../lib/random/seed";
import type { Xoshiro128 } from "../lib/random/xoshiro128";
import { median, peakRssMB } from "./reference";
import type { BenchRow } from "./types";

const ALPHA = 0.35;
const GAMMA = 0.5;
const EVENTS = 20_000_000;
const REPEATS = 3;

function timeSolve(maxFork: number): { seconds: number; states: number; sweeps: number; revenue: number } {
  const times: number[] = [];
  let last = { states: 0, sweeps: 0, revenue: 0 };
  for (let i = 0; i < REPEATS; i++) {
    const t0 = process.hrtime.bigint();
    const mdp = buildSelfishMiningMdp(ALPHA, GAMMA, maxFork);
    const sol = solveRelativeRevenue(mdp, { tolerance: 1e-4 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    last = { states: mdp.states, sweeps: sol.sweeps, revenue: sol.revenue };
  }
  return { seconds: median(times), ...last };
}

function rate(run: (rng: Xoshiro128, events: number) => unknown, label: string): number {
  const rng = rngFor(["bench", "selfish-strategies", label]).fast;
  run(rng, 1_000_000); // warm up the JIT
  const rates: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = process.hrtime.bigint();
    run(rng, EVENTS);
    rates.push(EVENTS / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return median(rates);
}

export async function benchSelfishStrategies(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const small = timeSolve(40);
  const big = timeSolve(80);
  rows.push({ name: "optimal selfish mining MDP solve, maxFork 40", value: small.seconds, unit: "s", note: `${small.states} states, ${small.sweeps} sweeps, revenue ${small.revenue.toFixed(5)}` });
  rows.push({ name: "optimal selfish mining MDP solve, maxFork 80", value: big.seconds, unit: "s", baseline: "maxFork 40 solve time (ratio = time 80 / time 40; 4x states)", ratio: big.seconds / small.seconds, note: `${big.states} states, ${big.sweeps} sweeps, revenue ${big.revenue.toFixed(5)}` });
  const updates = (r: typeof big) => (r.states * r.sweeps) / r.seconds;
  rows.push({ name: "MDP value iteration, maxFork 80", value: updates(big), unit: "state updates/s", baseline: "maxFork 40 in the same run", ratio: updates(big) / updates(small) });

  const es = rate((rng, n) => simulateSelfishMining(ALPHA, GAMMA, n, rng), "eyal-sirer");
  rows.push({ name: "Eyal-Sirer kernel simulateSelfishMining", value: es, unit: "events/s", peakRssMB: peakRssMB() });
  for (const name of STUBBORN_STRATEGIES) {
    const s = parseStubbornStrategy(name) as StubbornStrategy;
    const r = rate((rng, n) => simulateStubbornMining(s, ALPHA, GAMMA, n, rng), name);
    rows.push({ name: `stubborn kernel ${name}`, value: r, unit: "events/s", baseline: "Eyal-Sirer kernel (same run)", ratio: r / es });
  }
  const policy = solveRelativeRevenue(buildSelfishMiningMdp(ALPHA, GAMMA, 80), { tolerance: 1e-4 }).policy;
  const p = rate((rng, n) => simulatePolicy(policy, 80, ALPHA, GAMMA, n, rng), "optimal-policy");
  rows.push({ name: "optimal policy table kernel (maxFork 80)", value: p, unit: "events/s", baseline: "Eyal-Sirer kernel (same run)", ratio: p / es, peakRssMB: peakRssMB() });
  return rows;
}

if (require.main === module) {
  benchSelfishStrategies().then((rows) => console.log(JSON.stringify(rows, null, 1)), (err) => {
    console.error(err);
    process.exit(1);
  });
}
