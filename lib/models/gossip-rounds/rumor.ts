/**
 * Rumor mongering on K_N (Demers et al., "Epidemic algorithms for replicated
 * database maintenance", PODC 1987, section 1.4): push with loss of interest.
 * A node is susceptible (does not know the rumor), infective (knows it and
 * pushes it) or removed (knows it, stopped). Node 0 starts infective.
 *
 * Synchronous rounds: each node infective at the start of the round, in the
 * order it became infective, contacts `fanout` distinct random partners, one
 * at a time; a susceptible live recipient becomes infective from the next
 * round on. After each contact the sender may lose interest (then it makes no
 * further contact):
 *   feedback: only after an unnecessary contact, one whose recipient already
 *             knew the rumor when the message arrived (earlier in the same
 *             round counts); a lost message, or one to a crashed node, gets
 *             no answer and so no feedback;
 *   blind:    after every contact;
 *   counter:  after the k-th such contact;   coin: with probability 1/k each time.
 * Every contact is one message (lost ones too). A trial ends when no node is
 * infective, or after maxRounds rounds. Residue: live nodes never informed.
 *
 * Streams: partners from `rng`, loss from `lossRng`, coins from `coinRng`.
 * One kernel, written plainly on typed arrays (one scan of the infective list
 * per round, no allocation per trial once the workspace exists).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { bernoulli, bernoulliThreshold } from "./bernoulli";
import { distinctPartner } from "./partner";
import type { GossipTrial } from "./round-types";

export interface RumorConfig {
  readonly nodes: number;
  readonly fanout: number;
  /** Stopping parameter: contacts (counter) or 1/probability (coin). */
  readonly k: number;
  readonly stop: "counter" | "coin";
  /** true: count only unnecessary contacts (feedback); false: every contact (blind). */
  readonly feedback: boolean;
  /** bernoulliThreshold(lossRate). */
  readonly lossThreshold: number;
  readonly maxRounds: number;
}

/** Reusable arrays for trials of up to `nodes` nodes. */
export interface RumorWorkspace {
  readonly informed: Uint8Array;
  readonly count: Uint32Array;
  active: Int32Array;
  next: Int32Array;
  readonly partners: Int32Array;
}

export function rumorWorkspace(nodes: number, fanout: number): RumorWorkspace {
  return { informed: new Uint8Array(nodes), count: new Uint32Array(nodes), active: new Int32Array(nodes), next: new Int32Array(nodes), partners: new Int32Array(fanout) };
}

/** One trial of rumor mongering; informed live nodes after each round (round 0 first) go to `perRound`. */
export function rumorTrial(config: RumorConfig, crashed: Uint8Array | null, rng: Xoshiro128, lossRng: Xoshiro128, coinRng: Xoshiro128, ws: RumorWorkspace, perRound?: number[]): GossipTrial {
  const n = config.nodes;
  const { informed, count, partners } = ws;
  let active = ws.active;
  let next = ws.next;
  informed.fill(0, 0, n);
  count.fill(0, 0, n);
  let live = n;
  if (crashed) for (let v = 0; v < n; v++) live -= crashed[v];
  const coin = bernoulliThreshold(1 / config.k);
  informed[0] = 1;
  active[0] = 0;
  let activeCount = 1;
  let informedCount = 1;
  let messages = 0;
  let rounds = 0;
  let lastInformedRound = 0;
  perRound?.push(informedCount);
  while (activeCount > 0 && rounds < config.maxRounds) {
    rounds++;
    let kept = 0; // still infective after this round: next[0..kept)
    let fresh = 0; // informed this round: next[n - 1 - f] is the f-th (from the back, so the two parts never overlap)
    for (let a = 0; a < activeCount; a++) {
      const i = active[a];
      let stopped = false;
      for (let s = 0; s < config.fanout && !stopped; s++) {
        const j = distinctPartner(rng, n, i, partners, s);
        partners[s] = j;
        messages++;
        let unnecessary = false;
        if (!bernoulli(lossRng, config.lossThreshold) && !(crashed && crashed[j])) {
          if (informed[j]) unnecessary = true;
          else {
            informed[j] = 1;
            informedCount++;
            lastInformedRound = rounds;
            next[n - 1 - fresh++] = j;
          }
        }
        if (config.feedback && !unnecessary) continue;
        if (config.stop === "coin") stopped = bernoulli(coinRng, coin);
        else stopped = ++count[i] >= config.k;
      }
      if (!stopped) next[kept++] = i;
    }
    // Next round's infective list: the nodes still interested, then the newly informed in the order they were reached.
    next.subarray(n - fresh, n).reverse();
    next.copyWithin(kept, n - fresh, n);
    activeCount = kept + fresh;
    const t = active;
    active = next;
    next = t;
    perRound?.push(informedCount);
  }
  ws.active = active;
  ws.next = next;
  return { rounds, lastInformedRound, informed: informedCount, live, messages, complete: informedCount === live, censored: activeCount > 0 };
}
