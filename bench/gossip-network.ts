/**
 * Gossip on the shared network (lib/models/gossip-network), single thread:
 * events per second of each protocol on the w3_pownet network (1000 nodes,
 * k-out 8, lognormal 100 ms / 0.5, 10 Mbit/s), 100 messages of 1 kB from
 * random sources, 0.1 s apart. No C reference for this workload: each row's
 * ratio is to flooding's rate in the same run (flooding is the cheapest
 * handler per event, so the ratio is the protocol's own cost per event).
 */
import { buildNetworkConfig } from "../lib/network/build";
import { networkParamsOf } from "../lib/network/params";
import { gossipConfigOf, gossipNetwork } from "../lib/models/gossip-network/experiment";
import { simulateGossip } from "../lib/models/gossip-network/simulate";
import { replicateRng } from "../lib/random/seed";
import { median, peakRssMB } from "./reference";
import type { BenchRow } from "./types";

export async function benchGossipNetwork(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [protocol, extra] of [["flood", {}], ["gossip", { fanout: 8 }], ["tree", {}], ["push-pull", {}], ["gossipsub", {}], ["gossipsub", { bloomBits: 4096 }]] as const) {
    const p = gossipNetwork.resolve({ protocol, messages: 100, messageIntervalS: 0.1, ...extra });
    const net = networkParamsOf(p);
    const network = buildNetworkConfig(net, replicateRng(1, "bench", p, 0).common("network", net));
    const rates: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = process.hrtime.bigint();
      const run = simulateGossip({ network }, gossipConfigOf(p), replicateRng(1, "bench", p, i));
      if (i >= 2) rates.push(run.events / (Number(process.hrtime.bigint() - t0) / 1e9)); // two warm-up runs
    }
    const rate = median(rates);
    const floodRate = rows.length ? rows[0].value : rate;
    rows.push({
      name: `gossip-network ${protocol}${"bloomBits" in extra ? " (Bloom 4096 bits)" : ""} N=1000`,
      value: rate,
      unit: "events/s",
      ratio: rate / floodRate,
      baseline: "flood, same run",
      peakRssMB: peakRssMB(),
      note: "no C reference for this workload",
    });
  }
  return rows;
}
