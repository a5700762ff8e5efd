/**
 * Readable reference kernel of the synchronous round models (push, pull,
 * push-pull, fanout k, loss, crashed nodes) on K_N: one flag per node, one
 * node and one partner at a time, exactly the rules of round-types.ts. The
 * fast bitset kernel (rounds-fast.ts) is tested against it draw for draw.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { bernoulli as isLost } from "./bernoulli";
import { distinctPartner } from "./partner";
import type { RoundConfig, GossipTrial } from "./round-types";

/**
 * One trial. `crashed[i] = 1` marks a crashed node (null: none). Informed
 * live nodes after each round (round 0 first) are appended to `perRound`.
 */
export function roundTrialReference(config: RoundConfig, crashed: Uint8Array | null, rng: Xoshiro128, lossRng: Xoshiro128, perRound?: number[]): GossipTrial {
  const n = config.nodes;
  const isCrashed = (v: number) => crashed !== null && crashed[v] === 1;
  let live = 0;
  for (let v = 0; v < n; v++) if (!isCrashed(v)) live++;
  const informed = new Uint8Array(n);
  informed[0] = 1;
  let informedCount = 1;
  let messages = 0;
  let rounds = 0;
  let lastInformedRound = 0;
  perRound?.push(informedCount);
  const pushes = config.protocol !== "pull";
  const pulls = config.protocol !== "push";
  const partners = new Int32Array(config.fanout);
  while (informedCount < live && rounds < config.maxRounds) {
    const atStart = informed.slice();
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < config.fanout; s++) {
        const j = distinctPartner(rng, n, i, partners, s);
        partners[s] = j;
        if (isCrashed(i)) continue;
        if (pushes && atStart[i]) {
          messages++;
          if (!isLost(lossRng, config.lossThreshold) && !isCrashed(j)) informed[j] = 1;
        } else if (pulls && !atStart[i] && atStart[j]) {
          messages++;
          if (!isLost(lossRng, config.lossThreshold)) informed[i] = 1;
        }
      }
    }
    const before = informedCount;
    informedCount = informed.reduce((sum, flag) => sum + flag, 0);
    rounds++;
    if (informedCount > before) lastInformedRound = rounds;
    perRound?.push(informedCount);
  }
  return { rounds, lastInformedRound, informed: informedCount, live, messages, complete: informedCount === live, censored: informedCount < live };
}
