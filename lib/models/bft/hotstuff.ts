/**
 * Basic HotStuff (Yin, Malkhi, Reiter, Gueta & Abraham, "HotStuff: BFT
 * consensus with linearity and responsiveness", PODC 2019), Algorithm 2,
 * message by message on the shared Network, with the pacemaker of
 * section 4.4 (a view timer; NEW-VIEW to the next leader on timeout).
 *
 * View v, leader L = v mod N (a star: replicas talk only to the leader):
 *   NEW-VIEW    every replica entering v sends NEW-VIEW(v, prepareQC) to L
 *   PREPARE     L, with NEW-VIEWs from more than 2/3 of the stake (n - f),
 *               takes highQC (the highest view among them), creates a block
 *               extending highQC.node and broadcasts PREPARE(v, b, highQC);
 *               a replica votes if safeNode(b, highQC): b extends
 *               lockedQC.node, or highQC.view > lockedQC.view
 *   PRE-COMMIT  L, with prepare votes from more than 2/3, broadcasts
 *               PRE-COMMIT(prepareQC); replicas store prepareQC and vote
 *   COMMIT      L broadcasts COMMIT(precommitQC); replicas lock
 *               (lockedQC = precommitQC) and vote
 *   DECIDE      L broadcasts DECIDE(commitQC); replicas execute the block
 *               (and its undecided ancestors) and enter view v + 1
 * A certificate is named by its block (each block is proposed in one view,
 * so qc.viewNumber = the block's view). A vote is one signature to the
 * leader; a certificate is the quorum's signatures or one aggregate
 * (costs.ts). Message delays per height with constant delay d and no faults:
 * NEW-VIEW, PREPARE, vote, PRE-COMMIT, vote, COMMIT, vote, DECIDE = 8 d
 * from one height's decision to the next (7 d from the proposal); messages
 * per height 8 (N - 1) (the leader's own NEW-VIEW and votes are local).
 *
 * Pacemaker: a replica entering a view starts a timer of
 * viewTimeoutS x 2^k (k views in a row without a decision); when it fires it
 * moves to the next view and sends NEW-VIEW there, to everyone (the paper
 * leaves view synchronisation to the pacemaker; here, as the f + 1 rule of
 * PBFT's view change and the timeout certificates of later HotStuff
 * pacemakers, a replica in a lower view joins a view that NEW-VIEWs from
 * more than 1/3 of the stake have moved to). After a decision NEW-VIEW goes
 * to the leader only, so the normal case keeps its 8 (N - 1) messages.
 */
import { Timers } from "../../engine/timers";
import type { Rng } from "../../random/seed";
import { GENESIS } from "./blocks";
import { BftContext, commitChain, runContext, type BftRun, type BftSetup } from "./context";
import type { MessageShape } from "./costs";
import { BlockSync } from "./block-sync";
import { hasQuorum, hasWeakQuorum } from "./validators";
import { VoteBook } from "./votes";

export interface HotStuffOptions {
  /** Pacemaker view timer, seconds. */
  readonly viewTimeoutS: number;
}

export const HOTSTUFF_SHAPES: Readonly<Record<string, MessageShape>> = {
  "new-view": { sigs: 1, certificates: 1, block: false },
  prepare: { sigs: 1, certificates: 1, block: true },
  vote: { sigs: 1, certificates: 0, block: false },
  "pre-commit": { sigs: 1, certificates: 1, block: false },
  commit: { sigs: 1, certificates: 1, block: false },
  decide: { sigs: 1, certificates: 1, block: false },
};

const T_NEW_VIEW = 1;
const T_PREPARE = 2;
const T_VOTE = 3;
const T_PRE_COMMIT = 4;
const T_COMMIT = 5;
const T_DECIDE = 6;

// Leader-side phases of a view instance.
const P_NEW_VIEW = 0;
const P_PREPARE = 1;
const P_PRE_COMMIT = 2;
const P_COMMIT = 3;
const DONE = 1;
const JOINED = 2;
const AUX_HIGH = 0;

export function runHotStuff(setup: BftSetup, options: HotStuffOptions, rng: Rng): BftRun {
  const ctx = new BftContext(setup, HOTSTUFF_SHAPES, rng);
  const { n, net, sim, stake, blocks, faults } = ctx;
  const total = ctx.v.total;
  const arena = net.arena;
  const H = ctx.heights;
  const size = ctx.sizes;
  const book = new VoteBook(n, 4, 1, 16, 4, 1);
  const curView = new Int32Array(n);
  const prepareQC = new Int32Array(n); // block of the highest prepareQC (genesis 0)
  const lockedQC = new Int32Array(n);
  const next = new Int32Array(n); // next undecided height
  const streak = new Int32Array(n);
  const voted = new Int32Array(n * 3).fill(-1); // last view voted in, per phase
  const pairs = new Map<number, number>(); // coalition: view -> block B of an equivocation (A = B - 1)
  const scratch = new Int32Array(H + 8);
  let viewChanges = 0;

  const leaderOf = (v: number) => v % n;
  const scope = sim.scope("hotstuff");
  const timer = new Timers(scope, "view-timer", n, (i, v) => {
    if (curView[i] !== v || net.crashed[i] || next[i] >= H) return;
    if (!ctx.isFaulty(i)) viewChanges++;
    streak[i]++;
    enterView(i, v + 1, true);
  });

  const qcView = (b: number) => (b === GENESIS ? -1 : blocks.round[b]);

  /**
   * Replica i enters view v: NEW-VIEW(v, prepareQC) to the leader, and the pacemaker's timer. After a timeout the
   * NEW-VIEW goes to everyone, so that replicas left in lower views join (view synchronisation).
   */
  const enterView = (i: number, v: number, timedOut = false) => {
    curView[i] = v;
    timer.set(i, options.viewTimeoutS * Math.pow(2, Math.min(streak[i], 20)), v);
    const L = leaderOf(v);
    if (L === i) newView(i, i, v, prepareQC[i]);
    const msg = ctx.message(T_NEW_VIEW, 0, v, prepareQC[i], i, size["new-view"]);
    if (timedOut) ctx.multicast(NV, i, ctx.everyone, msg);
    else if (L !== i) ctx.sendTo(NV, i, L, msg);
    else net.arena.releaseIfUnreferenced(msg);
  };

  /**
   * A NEW-VIEW at replica `to`: the leader tallies it and proposes on a quorum; any replica in a lower view joins
   * view v once NEW-VIEWs from more than 1/3 of the stake (one honest replica at least) have moved there.
   */
  const newView = (to: number, from: number, v: number, qc: number) => {
    const s = book.slot(to, 0, v);
    if (s < 0) return;
    const high = book.aux[s + AUX_HIGH];
    if (high < 0 || qcView(qc) > qcView(high)) book.aux[s + AUX_HIGH] = qc;
    const have = book.add(s, P_NEW_VIEW, 0, stake[from]);
    if (curView[to] < v && next[to] < H && !net.crashed[to] && hasWeakQuorum(have, total) && book.mark(s, P_NEW_VIEW, JOINED)) enterView(to, v, true);
    if (leaderOf(v) === to && curView[to] <= v && hasQuorum(book.total(s, P_NEW_VIEW), total) && book.mark(s, P_NEW_VIEW, DONE)) propose(to, v, book.aux[s + AUX_HIGH]);
  };

  const propose = (L: number, v: number, high: number) => {
    if (faults.silentLeader && ctx.isFaulty(L)) return;
    if (curView[L] < v) curView[L] = v;
    const h = blocks.height[high] + 1;
    if (faults.equivocates && ctx.isFaulty(L)) {
      const a = blocks.create(h, high, v, L, sim.now, high);
      const b = blocks.create(h, high, v, L, sim.now, high);
      pairs.set(v, b);
      onPrepare(L, L, v, a, high);
      ctx.multicast(PR, L, faults.side0, ctx.message(T_PREPARE, h, v, a, L, size.prepare, high));
      ctx.multicast(PR, L, faults.side1, ctx.message(T_PREPARE, h, v, b, L, size.prepare, high));
      return;
    }
    const b = blocks.create(h, high, v, L, sim.now, high);
    onPrepare(L, L, v, b, high);
    ctx.multicast(PR, L, ctx.everyone, ctx.message(T_PREPARE, h, v, b, L, size.prepare, high));
  };

  /** Replica i votes in `phase` for block b of view v (double-voters vote for both blocks of a pair). */
  const vote = (i: number, v: number, phase: number, b: number) => {
    const k = i * 3 + (phase - 1);
    if (voted[k] >= v) return;
    voted[k] = v;
    const L = leaderOf(v);
    const pb = faults.doubleVotes && ctx.isFaulty(i) ? pairs.get(v) : undefined;
    if (pb !== undefined) {
      castVote(i, L, v, phase, pb - 1);
      castVote(i, L, v, phase, pb);
    } else castVote(i, L, v, phase, b);
  };

  const castVote = (i: number, L: number, v: number, phase: number, b: number) => {
    if (L === i) onVote(L, i, v, phase, b);
    else ctx.sendTo(VT, i, L, ctx.message(T_VOTE, phase, v, b, i, size.vote));
  };

  /** Leader L tallies a vote; a quorum forms the phase's certificate and starts the next phase. */
  const onVote = (L: number, from: number, v: number, phase: number, b: number) => {
    if (leaderOf(v) !== L) return;
    const s = book.slot(L, 0, v);
    if (s < 0) return;
    if (!hasQuorum(book.add(s, phase, b, stake[from]), total)) return;
    // One certificate per (view, phase, block); an equivocating leader may form one for each block of its pair.
    const pb = pairs.get(v);
    const bit = pb !== undefined && b === pb ? 2 : 1;
    if (!book.mark(s, phase, bit)) return;
    const type = phase === P_PREPARE ? T_PRE_COMMIT : phase === P_PRE_COMMIT ? T_COMMIT : T_DECIDE;
    const kind = phase === P_PREPARE ? PC : phase === P_PRE_COMMIT ? CM : DC;
    const name = phase === P_PREPARE ? "pre-commit" : phase === P_PRE_COMMIT ? "commit" : "decide";
    const to = pb !== undefined && ctx.isFaulty(L) ? (b === pb ? faults.side1 : faults.side0) : ctx.everyone;
    onPhase(L, type, v, b);
    ctx.multicast(kind, L, to, ctx.message(type, blocks.height[b], v, b, L, size[name]));
  };

  /** PREPARE(v, b, highQC) at replica i: safeNode, then the prepare vote. */
  const onPrepare = (i: number, from: number, v: number, b: number, high: number) => {
    if (from !== leaderOf(v) || v < curView[i] || next[i] >= H) return;
    if (v > curView[i]) moveTo(i, v);
    const locked = lockedQC[i];
    if (blocks.extends(b, locked) || qcView(high) > qcView(locked)) vote(i, v, P_PREPARE, b);
  };

  /** PRE-COMMIT / COMMIT / DECIDE at replica i. */
  const onPhase = (i: number, type: number, v: number, b: number) => {
    if (v < curView[i] || next[i] >= H) return;
    if (v > curView[i]) moveTo(i, v);
    if (type === T_PRE_COMMIT) {
      prepareQC[i] = b;
      vote(i, v, P_PRE_COMMIT, b);
    } else if (type === T_COMMIT) {
      lockedQC[i] = b;
      if (qcView(b) > qcView(prepareQC[i])) prepareQC[i] = b;
      vote(i, v, P_COMMIT, b);
    } else {
      next[i] = commitChain(ctx, i, b, next[i], v, scratch);
      streak[i] = 0;
      if (next[i] >= H) timer.cancel(i);
      else enterView(i, v + 1);
    }
  };

  /** Jump forward to view v (its leader has shown a quorum moved there); no NEW-VIEW for a view already under way. */
  const moveTo = (i: number, v: number) => {
    curView[i] = v;
    timer.set(i, options.viewTimeoutS * Math.pow(2, Math.min(streak[i], 20)), v);
  };

  const NV = net.defineMessage("new-view", (to, msg, from) => newView(to, from, arena.round[msg], arena.value[msg]));
  const PR = net.defineMessage("prepare", (to, msg, from) => onPrepare(to, from, arena.round[msg], arena.value[msg], ctx.msgAux[msg]));
  const VT = net.defineMessage("vote", (to, msg, from) => onVote(to, from, arena.round[msg], arena.height[msg], arena.value[msg]));
  const phaseHandler = (to: number, msg: number, from: number) => {
    if (from === leaderOf(arena.round[msg])) onPhase(to, arena.type[msg], arena.round[msg], arena.value[msg]);
  };
  const PC = net.defineMessage("pre-commit", phaseHandler);
  const CM = net.defineMessage("commit", phaseHandler);
  const DC = net.defineMessage("decide", phaseHandler);

  const sync = new BlockSync(ctx, setup.syncTimeoutS ?? 30, (i, h) => {
    next[i] = h + 1;
    if (next[i] >= H) timer.cancel(i);
  });
  ctx.onDecide = (i) => sync.progress(i);

  sim.schedule(0, scope.defineKind("start", () => {
    sync.start();
    for (let i = 0; i < n; i++) if (!net.crashed[i]) enterView(i, 0);
  }));

  return runContext(ctx, "hotstuff", {
    pipelined: false,
    viewChanges: () => viewChanges,
    droppedVotes: () => book.dropped,
    extra: () => ({ finalView: Math.max(...curView), syncRequests: sync.requests, synced: sync.synced }),
  });
}
