/**
 * Fast kernel of the synchronous round models on K_N (rules: round-types.ts),
 * on bitsets as the C reference w2_gossip: `cur` holds the informed set at
 * the start of the round, `nxt` the set being built, plus a live-node mask.
 *
 * Fanout 1 without loss, the common case and the W2 benchmark, runs a
 * branch-free loop per protocol with the xoshiro128** step and Lemire's
 * partner draw (partner.ts) inlined on locals:
 *   push:  nxt[j] |= cur[i]              (a no-op OR for an uninformed i)
 *   pull:  nxt[i] |= cur[j]              (collected 32 nodes at a time)
 * Crashed nodes are cleared from `nxt` after the round (their bits may be set
 * by a push or a pull within it but are never read as the state at the start
 * of a round). Messages are counted from the bitsets: every informed live
 * node pushes; pull answers are the pulled bits of uninformed live nodes.
 * Other cases (fanout > 1, loss) take a general loop, still on the bitsets,
 * node by node, with the same draws as the reference kernel.
 *
 * Equal to roundTrialReference draw for draw (test/models/gossip-rounds).
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { bitsetWords, liveMask, popcount32, popcountWords } from "./bitset";
import { bernoulli as isLost } from "./bernoulli";
import { rejectionThreshold } from "./partner";
import type { RoundConfig, GossipTrial } from "./round-types";

/** Reusable typed arrays for trials of up to `nodes` nodes (3 bitsets, a partner list). */
export interface RoundWorkspace {
  readonly nodes: number;
  cur: Uint32Array;
  nxt: Uint32Array;
  readonly live: Uint32Array;
  readonly partners: Int32Array;
}

export function roundWorkspace(nodes: number, fanout: number): RoundWorkspace {
  const words = bitsetWords(nodes);
  return { nodes, cur: new Uint32Array(words), nxt: new Uint32Array(words), live: new Uint32Array(words), partners: new Int32Array(fanout) };
}

/** One trial (same contract as roundTrialReference), reusing `ws`. */
export function roundTrialFast(config: RoundConfig, crashed: Uint8Array | null, rng: Xoshiro128, lossRng: Xoshiro128, ws: RoundWorkspace, perRound?: number[]): GossipTrial {
  const n = config.nodes;
  if (ws.nodes < n || ws.partners.length < config.fanout) throw new RangeError(`workspace for ${ws.nodes} nodes, fanout ${ws.partners.length}: too small for ${n} nodes, fanout ${config.fanout}`);
  const words = bitsetWords(n);
  const live = ws.live;
  const liveCount = liveMask(live, n, crashed);
  let cur = ws.cur;
  let nxt = ws.nxt;
  cur.fill(0, 0, words);
  cur[0] = 1;
  let informed = 1;
  let messages = 0;
  let rounds = 0;
  let lastInformedRound = 0;
  perRound?.push(informed);
  const branchFree = config.fanout === 1 && config.lossThreshold === 0;
  while (informed < liveCount && rounds < config.maxRounds) {
    nxt.set(cur.subarray(0, words));
    // Fanout 1 without loss: every informed (live) node pushes once; pull answers are counted from the bitsets.
    if (!branchFree) messages += roundGeneral(config, cur, nxt, live, rng, lossRng, ws.partners);
    else if (config.protocol === "push") {
      pushRound(n, cur, nxt, rng.state);
      messages += informed;
    } else if (config.protocol === "pull") messages += pullRound(n, cur, nxt, live, rng.state);
    else messages += informed + pushPullRound(n, cur, nxt, live, rng.state);
    if (crashed) for (let w = 0; w < words; w++) nxt[w] &= live[w];
    const before = informed;
    informed = popcountWords(nxt, words);
    const t = cur;
    cur = nxt;
    nxt = t;
    rounds++;
    if (informed > before) lastInformedRound = rounds;
    perRound?.push(informed);
  }
  ws.cur = cur;
  ws.nxt = nxt;
  return { rounds, lastInformedRound, informed, live: liveCount, messages, complete: informed === liveCount, censored: informed < liveCount };
}

/*
 * Rounds with fanout 1 and no loss, one function per protocol so the inner
 * loop has no protocol branch. Each advances `state` (the partner generator's)
 * in place. The partner draw is written out in each: the xoshiro128** step
 * (Xoshiro128.next), Lemire's rejection on the low word and the high word
 * floor(x * m / 2^32) (uniformBelow), then skipping over i (randomOther):
 * j += (i - j - 1) >>> 31 adds 1 exactly when j >= i.
 */

/** Push: every node draws, informed ones set their partner's bit. */
function pushRound(n: number, cur: Uint32Array, nxt: Uint32Array, state: Uint32Array): void {
  const m = n - 1;
  const threshold = rejectionThreshold(m);
  const words = bitsetWords(n);
  let s0 = state[0] | 0, s1 = state[1] | 0, s2 = state[2] | 0, s3 = state[3] | 0;
  for (let w = 0; w < words; w++) {
    let mine = cur[w]; // bit 0: node i's state at the start of the round
    const lo = w << 5;
    const hi = lo + 32 < n ? lo + 32 : n;
    for (let i = lo; i < hi; i++) {
      let x = 0;
      do {
        const p = Math.imul(s1, 5);
        x = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
      } while (Math.imul(x, m) >>> 0 < threshold);
      let j = ((x * m) / 4294967296) | 0;
      j += (i - j - 1) >>> 31;
      nxt[j >>> 5] |= (mine & 1) << (j & 31);
      mine >>>= 1;
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** Pull: every node draws and copies its partner's bit (32 at a time); returns the answers to uninformed live nodes. */
function pullRound(n: number, cur: Uint32Array, nxt: Uint32Array, live: Uint32Array, state: Uint32Array): number {
  const m = n - 1;
  const threshold = rejectionThreshold(m);
  const words = bitsetWords(n);
  let s0 = state[0] | 0, s1 = state[1] | 0, s2 = state[2] | 0, s3 = state[3] | 0;
  let answers = 0;
  for (let w = 0; w < words; w++) {
    const lo = w << 5;
    const hi = lo + 32 < n ? lo + 32 : n;
    let pulled = 0;
    for (let i = lo; i < hi; i++) {
      let x = 0;
      do {
        const p = Math.imul(s1, 5);
        x = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
      } while (Math.imul(x, m) >>> 0 < threshold);
      let j = ((x * m) / 4294967296) | 0;
      j += (i - j - 1) >>> 31;
      pulled |= ((cur[j >>> 5] >>> (j & 31)) & 1) << (i - lo);
    }
    nxt[w] |= pulled;
    answers += popcount32(pulled & ~cur[w] & live[w]);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return answers;
}

/** Push-pull: both of the above from the same draw; returns the answers to uninformed live nodes. */
function pushPullRound(n: number, cur: Uint32Array, nxt: Uint32Array, live: Uint32Array, state: Uint32Array): number {
  const m = n - 1;
  const threshold = rejectionThreshold(m);
  const words = bitsetWords(n);
  let s0 = state[0] | 0, s1 = state[1] | 0, s2 = state[2] | 0, s3 = state[3] | 0;
  let answers = 0;
  for (let w = 0; w < words; w++) {
    const start = cur[w];
    let mine = start;
    const lo = w << 5;
    const hi = lo + 32 < n ? lo + 32 : n;
    let pulled = 0;
    for (let i = lo; i < hi; i++) {
      let x = 0;
      do {
        const p = Math.imul(s1, 5);
        x = Math.imul((p << 7) | (p >>> 25), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
      } while (Math.imul(x, m) >>> 0 < threshold);
      let j = ((x * m) / 4294967296) | 0;
      j += (i - j - 1) >>> 31;
      nxt[j >>> 5] |= (mine & 1) << (j & 31);
      mine >>>= 1;
      pulled |= ((cur[j >>> 5] >>> (j & 31)) & 1) << (i - lo);
    }
    nxt[w] |= pulled;
    answers += popcount32(pulled & ~start & live[w]);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return answers;
}

/**
 * One round in the general case (fanout k, loss), node by node on the
 * bitsets; returns the messages sent. The partner draw is distinctPartner
 * (partner.ts) written out, the same draws in the same order.
 */
function roundGeneral(config: RoundConfig, cur: Uint32Array, nxt: Uint32Array, live: Uint32Array, rng: Xoshiro128, lossRng: Xoshiro128, partners: Int32Array): number {
  const n = config.nodes;
  const m = n - 1;
  const threshold = rejectionThreshold(m);
  const k = config.fanout;
  const loss = config.lossThreshold;
  const pushes = config.protocol !== "pull";
  const pulls = config.protocol !== "push";
  let messages = 0;
  for (let i = 0; i < n; i++) {
    const wi = i >>> 5;
    const bi = 1 << (i & 31);
    const isLive = (live[wi] & bi) !== 0;
    const knows = (cur[wi] & bi) !== 0;
    for (let s = 0; s < k; s++) {
      let j = 0;
      for (let fresh = false; !fresh; ) {
        let x = 0;
        do x = rng.next();
        while (Math.imul(x, m) >>> 0 < threshold);
        j = Math.floor((x * m) / 4294967296);
        if (j >= i) j++;
        fresh = true;
        for (let c = 0; c < s; c++) if (partners[c] === j) fresh = false;
      }
      partners[s] = j;
      if (!isLive) continue;
      if (pushes && knows) {
        messages++;
        if (!isLost(lossRng, loss)) nxt[j >>> 5] |= 1 << (j & 31);
      } else if (pulls && !knows && (cur[j >>> 5] >>> (j & 31)) & 1) {
        messages++;
        if (!isLost(lossRng, loss)) nxt[wi] |= bi;
      }
    }
  }
  return messages;
}
