/**
 * Chained HotStuff (Yin, Malkhi, Reiter, Gueta & Abraham, PODC 2019,
 * Algorithm 3; the event-driven form of Algorithms 4-5), message by message
 * on the shared Network, with the pacemaker of section 4.4.
 *
 * Every view has one generic phase, pipelined: the leader of view v
 * proposes a block b extending its highQC (b.justify = highQC) and
 * broadcasts it; a replica runs update(b) and votes for b to the leader of
 * view v + 1, whose quorum of votes is b's certificate and the justify of
 * the next block. update(b*) (Algorithm 4):
 *   b'' = b*.justify.node, b' = b''.justify.node, b = b'.justify.node
 *   highQC = b*.justify if it is higher (one-chain)
 *   lock b' if it is higher than the lock (two-chain)
 *   commit b (and its ancestors) if b''.parent = b' and b'.parent = b
 *   (three-chain with direct parents)
 * Vote rule (safeNode of Algorithm 3): one vote per view, for b* if it
 * extends the locked block or its justify is of a higher view than the
 * lock. Heights of certificates and locks are compared by view (each view
 * proposes one block, so a block's view orders certificates as the paper's
 * viewNumber does); a block's height is its position in the chain.
 * Steady state with constant delay d and no faults: a view lasts 2 d
 * (proposal, vote), so a height is final every 2 d, and a block is decided 7 d
 * after it is proposed (its three successors' proposals and the votes
 * between them, then the third successor's arrival); messages per view
 * 2 (N - 1) (proposal to N - 1, votes from the N - 1 others; the next
 * leader's own vote is local). Deciding H heights takes H + 3 proposals and
 * H + 2 rounds of votes: (2H + 5)(N - 1) messages.
 *
 * Pacemaker: a replica that voted in (or timed out of) view v waits for the
 * proposal of v + 1 for viewTimeoutS x 2^k (k views in a row without a
 * commit); on timeout it moves on and sends NEW-VIEW(highQC) to everyone;
 * the next leader proposes on NEW-VIEWs from more than 2/3 of the stake,
 * and a replica in a lower view joins a view that NEW-VIEWs from more than
 * 1/3 of the stake have moved to (view synchronisation, as in basic
 * HotStuff here).
 */
import { Timers } from "../../engine/timers";
import type { Rng } from "../../random/seed";
import { GENESIS } from "./blocks";
import { BftContext, commitChain, runContext, type BftRun, type BftSetup } from "./context";
import type { MessageShape } from "./costs";
import type { HotStuffOptions } from "./hotstuff";
import { BlockSync } from "./block-sync";
import { hasQuorum, hasWeakQuorum } from "./validators";
import { VoteBook } from "./votes";

export const CHAINED_HOTSTUFF_SHAPES: Readonly<Record<string, MessageShape>> = {
  proposal: { sigs: 1, certificates: 1, block: true },
  vote: { sigs: 1, certificates: 0, block: false },
  "new-view": { sigs: 1, certificates: 1, block: false },
};

const T_PROPOSAL = 1;
const T_VOTE = 2;
const T_NEW_VIEW = 3;
const P_VOTE = 0;
const P_NEW_VIEW = 1;
const AUX_HIGH = 0;
const PROPOSED = 1;
const JOINED = 2;

export function runChainedHotStuff(setup: BftSetup, options: HotStuffOptions, rng: Rng): BftRun {
  const ctx = new BftContext(setup, CHAINED_HOTSTUFF_SHAPES, rng);
  const { n, net, sim, stake, blocks, faults } = ctx;
  const total = ctx.v.total;
  const arena = net.arena;
  const H = ctx.heights;
  const size = ctx.sizes;
  const book = new VoteBook(n, 2, 1, 16, 4, 1); // at the leader of view w: votes for the block of w - 1, NEW-VIEWs of w
  const curView = new Int32Array(n);
  const votedView = new Int32Array(n).fill(-1);
  const lock = new Int32Array(n); // b_lock (genesis 0)
  const highQC = new Int32Array(n); // the block of the highest QC
  const next = new Int32Array(n);
  const streak = new Int32Array(n);
  const proposedView = new Int32Array(n).fill(-1);
  const pairs = new Map<number, number>(); // coalition: view -> block B of an equivocation (A = B - 1)
  const scratch = new Int32Array(H + 8);
  let viewChanges = 0;

  const leaderOf = (v: number) => v % n;
  const height = (b: number) => blocks.height[b];
  const scope = sim.scope("chained-hotstuff");
  const waitS = (i: number) => options.viewTimeoutS * Math.pow(2, Math.min(streak[i], 20));
  const timer = new Timers(scope, "view-timer", n, (i, v) => {
    if (curView[i] !== v || net.crashed[i] || next[i] >= H) return;
    if (!ctx.isFaulty(i)) viewChanges++;
    streak[i]++;
    moveTo(i, v + 1);
  });

  /** Replica i moves to view w after a timeout (or joins it): NEW-VIEW(w, highQC) to everyone, and the timer. */
  const moveTo = (i: number, w: number) => {
    curView[i] = w;
    timer.set(i, waitS(i), w);
    if (leaderOf(w) === i) onNewView(i, i, w, highQC[i]);
    ctx.multicast(NV, i, ctx.everyone, ctx.message(T_NEW_VIEW, 0, w, highQC[i], i, size["new-view"]));
  };

  /** The leader of view v proposes a block on `qc` (an equivocating one two blocks, or one per side on a pair of certificates). */
  const propose = (L: number, v: number, qc: number, qcB = -1) => {
    if (faults.silentLeader && ctx.isFaulty(L)) return;
    const s = book.slot(L, 0, v);
    if (s < 0 || !book.mark(s, P_VOTE, PROPOSED)) return;
    proposedView[L] = v;
    if (curView[L] < v) curView[L] = v;
    if (faults.equivocates && ctx.isFaulty(L)) {
      const qb = qcB >= 0 ? qcB : qc;
      const a = blocks.create(height(qc) + 1, qc, v, L, sim.now, qc);
      const b = blocks.create(height(qb) + 1, qb, v, L, sim.now, qb);
      pairs.set(v, b);
      onProposal(L, L, v, a);
      ctx.multicast(PROP, L, faults.side0, ctx.message(T_PROPOSAL, height(a), v, a, L, size.proposal));
      ctx.multicast(PROP, L, faults.side1, ctx.message(T_PROPOSAL, height(b), v, b, L, size.proposal));
      return;
    }
    const b = blocks.create(height(qc) + 1, qc, v, L, sim.now, qc);
    onProposal(L, L, v, b);
    ctx.multicast(PROP, L, ctx.everyone, ctx.message(T_PROPOSAL, height(b), v, b, L, size.proposal));
  };

  /** update(b*) and the vote, at replica i (Algorithm 4). */
  const onProposal = (i: number, from: number, v: number, b: number) => {
    if (from !== leaderOf(v) || v < curView[i] || next[i] >= H) return;
    const b2 = blocks.justify[b];
    const b1 = b2 > 0 ? blocks.justify[b2] : -1;
    const b0 = b1 > 0 ? blocks.justify[b1] : -1;
    if (b2 >= 0 && (highQC[i] === GENESIS || blocks.round[b2] > blocks.round[highQC[i]])) highQC[i] = b2;
    if (b1 > 0 && blocks.round[b1] > blocks.round[lock[i]]) lock[i] = b1;
    if (b0 > 0 && blocks.parent[b2] === b1 && blocks.parent[b1] === b0 && height(b0) >= next[i]) {
      next[i] = commitChain(ctx, i, b0, next[i], v, scratch);
      streak[i] = 0;
      if (next[i] >= H) {
        timer.cancel(i);
        return;
      }
    }
    if (v > votedView[i] && (blocks.extends(b, lock[i]) || blocks.round[b2] > blocks.round[lock[i]])) {
      votedView[i] = v;
      const L = leaderOf(v + 1);
      const pb = faults.doubleVotes && ctx.isFaulty(i) ? pairs.get(v) : undefined;
      if (pb !== undefined) {
        castVote(i, L, v, pb - 1);
        castVote(i, L, v, pb);
      } else castVote(i, L, v, b);
    }
    curView[i] = v + 1;
    timer.set(i, waitS(i), v + 1);
  };

  const castVote = (i: number, L: number, v: number, b: number) => {
    if (L === i) onVote(L, i, v, b);
    else ctx.sendTo(VT, i, L, ctx.message(T_VOTE, height(b), v, b, i, size.vote));
  };

  /** At the leader of v + 1: a vote for block b of view v; a quorum certifies b and the leader proposes on it. */
  const onVote = (L: number, from: number, v: number, b: number) => {
    const w = v + 1;
    if (leaderOf(w) !== L || next[L] >= H) return;
    const s = book.slot(L, 0, w);
    if (s < 0 || !hasQuorum(book.add(s, P_VOTE, b, stake[from]), total)) return;
    if (blocks.round[b] > blocks.round[highQC[L]] || highQC[L] === GENESIS) highQC[L] = b;
    const pb = pairs.get(v);
    if (pb !== undefined && faults.equivocates && ctx.isFaulty(L)) {
      // A faulty leader waits for both certificates of a pair, then extends each on its side.
      const a = pb - 1;
      if (hasQuorum(book.count(s, P_VOTE, a), total) && hasQuorum(book.count(s, P_VOTE, pb), total)) propose(L, w, a, pb);
      return;
    }
    propose(L, w, b);
  };

  /** A NEW-VIEW at replica L: a replica in a lower view joins w on NEW-VIEWs from more than 1/3 of the stake; the leader of w proposes on a quorum. */
  const onNewView = (L: number, from: number, w: number, qc: number) => {
    if (next[L] >= H) return;
    const s = book.slot(L, 0, w);
    if (s < 0) return;
    const high = book.aux[s + AUX_HIGH];
    if (high < 0 || blocks.round[qc] > blocks.round[high]) book.aux[s + AUX_HIGH] = qc;
    const have = book.add(s, P_NEW_VIEW, 0, stake[from]);
    if (curView[L] < w && !net.crashed[L] && hasWeakQuorum(have, total) && book.mark(s, P_NEW_VIEW, JOINED)) moveTo(L, w);
    if (leaderOf(w) !== L) return;
    if (hasQuorum(book.total(s, P_NEW_VIEW), total)) {
      const h = book.aux[s + AUX_HIGH];
      propose(L, w, blocks.round[h] > blocks.round[highQC[L]] || highQC[L] === GENESIS ? h : highQC[L]);
    }
  };

  const PROP = net.defineMessage("proposal", (to, msg, from) => onProposal(to, from, arena.round[msg], arena.value[msg]));
  const VT = net.defineMessage("vote", (to, msg, from) => onVote(to, from, arena.round[msg], arena.value[msg]));
  const NV = net.defineMessage("new-view", (to, msg, from) => onNewView(to, from, arena.round[msg], arena.value[msg]));

  const sync = new BlockSync(ctx, setup.syncTimeoutS ?? 30, (i, h) => {
    next[i] = h + 1;
    if (next[i] >= H) timer.cancel(i);
  });
  ctx.onDecide = (i) => sync.progress(i);

  sim.schedule(0, scope.defineKind("start", () => {
    sync.start();
    for (let i = 0; i < n; i++) if (!net.crashed[i]) timer.set(i, waitS(i), 0);
    propose(leaderOf(0), 0, GENESIS);
  }));

  return runContext(ctx, "chained-hotstuff", {
    pipelined: true,
    viewChanges: () => viewChanges,
    droppedVotes: () => book.dropped,
    extra: () => ({ finalView: Math.max(...curView), syncRequests: sync.requests, synced: sync.synced }),
  });
}
