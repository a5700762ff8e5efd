/**
 * Eclipse probability against the attacker's number of addresses (Heilman,
 * Kendler, Zohar & Goldberg, USENIX Security 2015): the share of restarts
 * after which all 8 outbound connections of the victim go to the attacker,
 * for Bitcoin 0.9.3 and with the paper's countermeasures (section 6).
 *   points + band: simulated eclipse rate and its interval over replicates (lib/models/eclipse)
 *   dashed lines:  the analysis of the same poisoned tables (eq. 1 and the
 *                  age-biased Select chain raised over the 8 connections, theory.ts),
 *                  averaged over the replicates' tables
 * The attacker is a botnet: one address per /16 group. Anchors
 * (countermeasure 5) make the rate exactly 0 and are not drawn.
 */
import * as aq from "arquero";
import { lineChart } from "../../charts/line-chart";
import { eclipse } from "../../models/eclipse/experiment";
import { sweep } from "../../sweep/sweep";
import { intervalCaption, summaryInfo } from "../../sweep/summary";
import type { TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";
import type { FigureBuildOptions, PaperFigure } from "./figure";

/** The configurations the figure compares: a label and the eclipse parameters it sets. */
export const ECLIPSE_CONFIGURATIONS: ReadonlyArray<{ label: string; params: Record<string, boolean> }> = [
  { label: "Bitcoin 0.9.3", params: {} },
  { label: "1 deterministic eviction", params: { deterministicEviction: true } },
  { label: "2 random selection", params: { randomSelection: true } },
  { label: "3 test before evict", params: { testBeforeEvict: true } },
  { label: "6 more buckets", params: { moreBuckets: true } },
  { label: "1-4 and 6 together", params: { deterministicEviction: true, randomSelection: true, testBeforeEvict: true, feelers: true, moreBuckets: true } },
];

/** Summary columns the figure and notebook 09 use. */
const COLUMNS = ["configuration", "attackerAddresses", "n", "eclipseRate_mean", "eclipseRate_se", "eclipseRate_lo", "eclipseRate_hi", "eclipseTheory_mean", "adversaryTriedShare_mean", "meanAdversaryConnections_mean"];

/**
 * One in-process sweep per configuration over attackerAddresses (a botnet:
 * attackerGroups = attackerAddresses), as one summary table with a
 * `configuration` column, ordered by configuration and addresses.
 */
export function eclipseSweep(addresses: readonly number[], run: { replicates: number; restarts: number; seed: number }): aq.ColumnTable {
  const tables = ECLIPSE_CONFIGURATIONS.map(({ label, params }) => {
    // doubleSpendTrials 1: the figure does not use the row's double-spend Monte Carlo (the costliest part of a row).
    const points = addresses.map((a) => ({ attackerAddresses: a, attackerGroups: a, restarts: run.restarts, doubleSpendTrials: 1, ...params }));
    return sweep(eclipse, points, { replicates: run.replicates, seed: run.seed }).summary.derive({ configuration: aq.escape(() => label) });
  });
  return tables
    .reduce((a, b) => a.concat(b))
    .select(...COLUMNS);
}

/** The chart, from eclipseSweep's table (notebook 09 draws it with the same function). */
export function eclipseProbabilityChart(table: TableLike, run: { replicates: number; restarts: number; addresses: readonly number[] }): VegaLiteSpec {
  const [lo, hi] = [Math.min(...run.addresses), Math.max(...run.addresses)];
  return lineChart(table, {
    x: "attackerAddresses",
    y: "eclipseRate_mean",
    lo: "eclipseRate_lo",
    hi: "eclipseRate_hi",
    color: "configuration",
    points: true,
    line: false,
    theory: { data: table, x: "attackerAddresses", y: "eclipseTheory_mean", color: "configuration" },
    xAxis: { label: "attacker addresses (one per /16 group)", type: "log", domain: [lo / 1.3, hi * 1.3], values: [...run.addresses] },
    yAxis: { label: "P(all 8 outbound connections to the attacker)", domain: [-0.03, 1.03] }, // room for the curves at exactly 0 and 1
    colorLegend: { label: "countermeasures (section 6)" },
    title: "Eclipse after a restart: Bitcoin 0.9.3 and the countermeasures",
    subtitle: [
      `points and bands: share of restarts eclipsed, ${intervalCaption(summaryInfo({ proportions: eclipse.proportions }), "eclipseRate", run.replicates * run.restarts, "restarts")}`,
      `(${run.replicates} attacks of ${run.restarts} restarts each; restarts after one attack share its tables)`,
      "dashed: analysis of the same poisoned tables (eq. 1 and the age-biased Select chain over 8 connections); anchors (5): exactly 0",
    ],
  });
}

export const eclipseProbability: PaperFigure = {
  name: "eclipse-probability",
  title: "Eclipse probability against attacker addresses, with and without the countermeasures (Heilman, Kendler, Zohar & Goldberg 2015)",
  build(options: FigureBuildOptions = {}) {
    const quick = options.quick ?? false;
    const seed = options.seed ?? 1;
    const addresses = quick ? [512, 2048, 8192] : [256, 512, 1024, 2048, 4096, 8192, 16384];
    const replicates = quick ? 2 : 8;
    const restarts = quick ? 200 : 2000;
    const data = eclipseSweep(addresses, { replicates, restarts, seed });
    return {
      spec: eclipseProbabilityChart(data, { replicates, restarts, addresses }),
      data,
      params: { experiment: eclipse.name, addresses, attackerGroups: "= attackerAddresses", configurations: ECLIPSE_CONFIGURATIONS, replicates, restarts, quick },
      seeds: { seed, replicates, streams: "replicateRng(seed, experiment, point, replicate): SHA-256 of the path (lib/random/seed.ts)" },
    };
  },
};
