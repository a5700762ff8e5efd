/**
 * Infect-and-die gossip on K_N (Kermarrec, Massoulié & Ganesh, "Probabilistic
 * reliable dissemination in large-scale systems", IEEE TPDS 14(3), 2003):
 * every node, in the round after it first receives the message,
 * forwards it once to F distinct random others, then never again. Node 0
 * starts with it and forwards in round 1.
 *
 * Fanout: F = floor(x) + Bernoulli(x - floor(x)) with x = ln N + c (random
 * rounding, one draw per forwarding node from `fanoutRng`), so the mean fanout
 * is exactly ln N + c, the quantity the reliability limit exp(-exp(-c)) is
 * stated for (reliability.ts). With ceil(ln N + c) the effective c would be
 * ceil(ln N + c) - ln N instead.
 *
 * Messages are lost with probability lossRate (loss stream); crashed nodes
 * never receive. A trial ends when a round forwards nothing. One kernel on
 * typed arrays (a frontier list per round).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { bernoulli, bernoulliThreshold } from "./bernoulli";
import { distinctPartner } from "./partner";
import type { GossipTrial } from "./round-types";

export interface InfectAndDieConfig {
  readonly nodes: number;
  /** Mean fanout x = ln N + c, 0 <= x <= N - 1. */
  readonly meanFanout: number;
  readonly lossThreshold: number;
  readonly maxRounds: number;
}

export interface InfectAndDieWorkspace {
  readonly informed: Uint8Array;
  frontier: Int32Array;
  next: Int32Array;
  readonly partners: Int32Array;
}

export function infectAndDieWorkspace(nodes: number, meanFanout: number): InfectAndDieWorkspace {
  return { informed: new Uint8Array(nodes), frontier: new Int32Array(nodes), next: new Int32Array(nodes), partners: new Int32Array(Math.ceil(meanFanout) + 1) };
}

/** One trial; informed live nodes after each round (round 0 first) go to `perRound`. */
export function infectAndDieTrial(config: InfectAndDieConfig, crashed: Uint8Array | null, rng: Xoshiro128, lossRng: Xoshiro128, fanoutRng: Xoshiro128, ws: InfectAndDieWorkspace, perRound?: number[]): GossipTrial {
  const n = config.nodes;
  const { informed, partners } = ws;
  let frontier = ws.frontier;
  let next = ws.next;
  informed.fill(0, 0, n);
  let live = n;
  if (crashed) for (let v = 0; v < n; v++) live -= crashed[v];
  const whole = Math.floor(config.meanFanout);
  const roundUp = bernoulliThreshold(config.meanFanout - whole);
  informed[0] = 1;
  frontier[0] = 0;
  let frontierCount = 1;
  let informedCount = 1;
  let messages = 0;
  let rounds = 0;
  let lastInformedRound = 0;
  perRound?.push(informedCount);
  while (frontierCount > 0 && rounds < config.maxRounds) {
    rounds++;
    let reached = 0;
    for (let a = 0; a < frontierCount; a++) {
      const i = frontier[a];
      const fanout = whole + (bernoulli(fanoutRng, roundUp) ? 1 : 0);
      for (let s = 0; s < fanout; s++) {
        const j = distinctPartner(rng, n, i, partners, s);
        partners[s] = j;
        messages++;
        if (bernoulli(lossRng, config.lossThreshold) || (crashed && crashed[j]) || informed[j]) continue;
        informed[j] = 1;
        informedCount++;
        lastInformedRound = rounds;
        next[reached++] = j;
      }
    }
    const t = frontier;
    frontier = next;
    next = t;
    frontierCount = reached;
    perRound?.push(informedCount);
  }
  ws.frontier = frontier;
  ws.next = next;
  return { rounds, lastInformedRound, informed: informedCount, live, messages, complete: informedCount === live, censored: frontierCount > 0 };
}
