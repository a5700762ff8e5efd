/**
 * Tendermint (Buchman, Kwon & Milosevic, "The latest gossip on BFT
 * consensus", arXiv:1807.04938, 2018), Algorithm 1, message by message on the
 * shared Network; line numbers below are the algorithm's.
 *
 * Per validator p: h_p, round_p, step_p in {propose, prevote, precommit},
 * lockedValue_p / lockedRound_p, validValue_p / validRound_p.
 *   StartRound(r) (l. 11): the proposer of (h, r) broadcasts
 *     PROPOSAL(h, r, v, validRound_p) with v = validValue_p, or a new block;
 *     the others schedule OnTimeoutPropose after timeoutPropose(r).
 *   l. 22  PROPOSAL(h, round_p, v, -1), step = propose: PREVOTE id(v) if
 *          lockedRound_p = -1 or lockedValue_p = v, else nil.
 *   l. 28  PROPOSAL(h, round_p, v, vr) and 2f+1 PREVOTE(h, vr, id(v)),
 *          0 <= vr < round_p: PREVOTE id(v) if lockedRound_p <= vr or
 *          lockedValue_p = v, else nil.
 *   l. 34  2f+1 PREVOTE(h, round_p, *) first time, step = prevote:
 *          schedule OnTimeoutPrevote.
 *   l. 36  PROPOSAL(h, round_p, v, *) and 2f+1 PREVOTE(h, round_p, id(v)),
 *          step >= prevote, first time: if step = prevote lock v and
 *          PRECOMMIT id(v); validValue_p = v, validRound_p = round_p.
 *   l. 44  2f+1 PREVOTE(h, round_p, nil), step = prevote: PRECOMMIT nil.
 *   l. 47  2f+1 PRECOMMIT(h, round_p, *) first time: schedule
 *          OnTimeoutPrecommit.
 *   l. 49  PROPOSAL(h, r, v, *) and 2f+1 PRECOMMIT(h, r, id(v)): decide v,
 *          next height (after timeoutCommit, CometBFT's timeout_commit).
 *          A validator that got another proposal (from an equivocating
 *          proposer) takes the block of the quorum: the gossip assumption
 *          of section 2 relays the proposal the precommitters received.
 *   l. 55  f+1 messages of a round r > round_p: StartRound(r) (the stake of
 *          the prevotes or of the precommits of r, whichever is larger:
 *          each validator sends one of each per round).
 *   l. 57-65 timeouts: propose -> PREVOTE nil; prevote -> PRECOMMIT nil;
 *          precommit -> StartRound(round_p + 1).
 * "2f+1" and "f+1" are stake above 2/3 and 1/3 (validators.ts). Timeouts
 * grow linearly with the round: timeoutX(r) = X + r * deltaX (CometBFT
 * config/config.go, ConsensusConfig.Propose/Prevote/Precommit). Proposers
 * rotate by CometBFT's proposer priority (proposer-priority.ts).
 *
 * Vote delivery. All to all: every broadcast is one multicast to the other
 * N - 1 validators (a sorted run in the event queue); per height
 * (N - 1) proposals + N(N - 1) prevotes + N(N - 1) precommits. Gossip (the
 * paper's communication model, section 2, and CometBFT's reactors): a
 * validator sends to its overlay neighbours and relays every proposal and
 * vote it sees for the first time (seen-votes.ts: per height, round, kind,
 * signer and value, at most two values per signer) to its neighbours except
 * the one it came from;
 * messages of heights it has left are not relayed (block sync covers
 * laggards). Votes are counted by signer, never by the relaying neighbour.
 * Retransmission (both modes): the paper assumes that a message a correct
 * process sends eventually arrives; CometBFT's reactors keep gossiping
 * votes to peers that lack them. Here a validator that stays in one round
 * for regossipS sends its round's proposal and votes again (doubling the
 * wait while it stays stuck); receivers count each (signer, value) once
 * (seen-votes.ts). In a run without loss or partitions no one waits that
 * long, so the message counts above are exact.
 */
import { Timers } from "../../engine/timers";
import type { Rng } from "../../random/seed";
import { BftContext, runContext, type BftRun, type BftSetup } from "./context";
import type { MessageShape } from "./costs";
import { ProposerSchedule } from "./proposer-priority";
import { BlockSync } from "./block-sync";
import { SeenVotes } from "./seen-votes";
import { hasQuorum, hasWeakQuorum } from "./validators";
import { NIL, VoteBook } from "./votes";

export interface TendermintOptions {
  readonly timeoutProposeS: number;
  readonly timeoutProposeDeltaS: number;
  readonly timeoutPrevoteS: number;
  readonly timeoutPrevoteDeltaS: number;
  readonly timeoutPrecommitS: number;
  readonly timeoutPrecommitDeltaS: number;
  /** Wait after deciding before the next height (CometBFT timeout_commit). */
  readonly timeoutCommitS: number;
  /** all-to-all (default) or gossip over the network's overlay. */
  readonly voteDelivery?: "all-to-all" | "gossip";
  /** A validator stuck this long in one step sends its round's proposal and votes again (doubling while stuck); default 1 s. */
  readonly regossipS?: number;
}

/** CometBFT's defaults (cometbft/cometbft config/config.go, DefaultConsensusConfig). */
export const COMETBFT_TIMEOUTS: TendermintOptions = {
  timeoutProposeS: 3,
  timeoutProposeDeltaS: 0.5,
  timeoutPrevoteS: 1,
  timeoutPrevoteDeltaS: 0.5,
  timeoutPrecommitS: 1,
  timeoutPrecommitDeltaS: 0.5,
  timeoutCommitS: 1,
};

export const TENDERMINT_SHAPES: Readonly<Record<string, MessageShape>> = {
  proposal: { sigs: 1, certificates: 0, block: true },
  prevote: { sigs: 1, certificates: 0, block: false },
  precommit: { sigs: 1, certificates: 0, block: false },
};

const PROPOSAL = 1;
const PREVOTE = 2;
const PRECOMMIT = 3;

const STEP_WAIT = -1; // between a decision and the next height's StartRound (timeout_commit)
const STEP_PROPOSE = 0;
const STEP_PREVOTE = 1;
const STEP_PRECOMMIT = 2;

const P_PREVOTE = 0;
const P_PRECOMMIT = 1;
const F_TIMEOUT_PREVOTE = 1; // l. 34 done (on the prevote phase)
const F_LINE36 = 2; // l. 36 done (on the prevote phase)
const F_TIMEOUT_PRECOMMIT = 1; // l. 47 done (on the precommit phase)
const F_DECIDED = 2; // l. 49 done for this (h, r) (on the precommit phase)
const AUX_VALUE = 0;
const AUX_VR = 1;
const AUX = 2;

export function runTendermint(setup: BftSetup, options: TendermintOptions, rng: Rng): BftRun {
  const ctx = new BftContext(setup, TENDERMINT_SHAPES, rng);
  const { n, net, sim, stake, blocks, faults } = ctx;
  const total = ctx.v.total;
  const arena = net.arena;
  const H = ctx.heights;
  const size = ctx.sizes;
  const proposers = new ProposerSchedule(ctx.v);

  const book = new VoteBook(n, 2, 4, 8, 4, AUX);
  const hp = new Int32Array(n);
  const rp = new Int32Array(n);
  const step = new Int32Array(n);
  const lockedValue = new Int32Array(n).fill(NIL);
  const lockedRound = new Int32Array(n).fill(-1);
  const validValue = new Int32Array(n).fill(NIL);
  const validRound = new Int32Array(n).fill(-1);
  const lastDecided = new Int32Array(n); // block decided at h_p - 1 (genesis 0)
  const gossip = options.voteDelivery === "gossip";
  // What each validator has seen (per height, round, kind, signer; a double vote's second value too): votes are
  // counted once per signer and value, whether they come again by retransmission or by relay.
  const seenVotes = new SeenVotes(n, 3);
  const firstSeen = (to: number, h: number, r: number, kind: number, signer: number, value: number): boolean => seenVotes.fresh(to, h, r, kind, signer, value);
  // Retransmission: each validator's own proposal and votes of its current round, sent again while it is stuck.
  const myProposal = new Int32Array(n).fill(-1);
  const myProposalVr = new Int32Array(n);
  const myPrevote = new Int32Array(n).fill(-3); // -3: none this round (NIL = -1 is a vote)
  const myPrecommit = new Int32Array(n).fill(-3);
  const regossipS = options.regossipS ?? 1;
  /** Send to everyone (all to all) or to the neighbours (gossip); `side` restricts to one side of the fault plan. */
  const send = (kind: number, from: number, msg: number, side: Int32Array | null = null) => {
    if (!gossip) ctx.multicast(kind, from, side ?? ctx.everyone, msg);
    else if (side === null) ctx.broadcast(kind, from, msg);
    else {
      const mark = new Uint8Array(n);
      for (let k = 0; k < side.length; k++) mark[side[k]] = 1;
      ctx.broadcast(kind, from, msg, (to) => mark[to] === 1);
    }
  };
  /** Relay a first-seen message to the neighbours but the one it came from. */
  let relayFrom = -1;
  const notRelayFrom = (to: number) => to !== relayFrom;
  const relay = (kind: number, to: number, msg: number, from: number) => {
    relayFrom = from;
    const copy = ctx.message(arena.type[msg], arena.height[msg], arena.round[msg], arena.value[msg], arena.signer[msg], arena.sizeBytes[msg], ctx.msgAux[msg]);
    ctx.broadcast(kind, to, copy, notRelayFrom);
  };
  const pairs = new Map<number, number>(); // coalition: (height, round) -> block B of an equivocation (A = B - 1)
  const pairKey = (h: number, r: number) => h * 65536 + r;
  let roundsStarted = 0; // rounds beyond 0 started by honest validators
  let catchUps = 0;
  let resent = 0;

  const scope = sim.scope("tendermint");
  const timerH = new Int32Array(3 * n); // height each timeout was scheduled at
  const tPropose = new Timers(scope, "timeout-propose", n, (i, r) => onTimeoutPropose(i, timerH[i], r));
  const tPrevote = new Timers(scope, "timeout-prevote", n, (i, r) => onTimeoutPrevote(i, timerH[n + i], r));
  const tPrecommit = new Timers(scope, "timeout-precommit", n, (i, r) => onTimeoutPrecommit(i, timerH[2 * n + i], r));
  const tCommit = new Timers(scope, "timeout-commit", n, (i) => startRound(i, 0));
  const stuckTries = new Int32Array(n);
  const tRegossip = new Timers(scope, "regossip", n, (i, r) => {
    if (r !== rp[i] || step[i] === STEP_WAIT || net.crashed[i] || hp[i] >= H) return;
    const h = hp[i];
    if (myProposal[i] >= 0) send(PROP, i, ctx.message(PROPOSAL, h, r, myProposal[i], i, size.proposal, myProposalVr[i]));
    if (myPrevote[i] !== -3) send(PV, i, ctx.message(PREVOTE, h, r, myPrevote[i], i, size.prevote));
    if (myPrecommit[i] !== -3) send(PC, i, ctx.message(PRECOMMIT, h, r, myPrecommit[i], i, size.precommit));
    resent++;
    tRegossip.set(i, regossipS * Math.pow(2, Math.min(++stuckTries[i], 10)), r);
  });

  const proposerOf = (h: number, r: number) => proposers.proposer(h, r);

  const vote = (kind: number, type: number, i: number, h: number, r: number, value: number) => {
    const bytes = type === PREVOTE ? size.prevote : size.precommit;
    const phase = type === PREVOTE ? P_PREVOTE : P_PRECOMMIT;
    if (faults.doubleVotes && ctx.isFaulty(i)) {
      const b = pairs.get(pairKey(h, r));
      if (b !== undefined) {
        send(kind, i, ctx.message(type, h, r, b - 1, i, bytes), faults.side0);
        send(kind, i, ctx.message(type, h, r, b, i, bytes), faults.side1);
        countOwn(i, h, r, phase, b - 1);
        return;
      }
    }
    send(kind, i, ctx.message(type, h, r, value, i, bytes));
    countOwn(i, h, r, phase, value);
    if (type === PREVOTE) myPrevote[i] = value;
    else myPrecommit[i] = value;
    stuckTries[i] = 0;
    tRegossip.set(i, regossipS, r);
  };

  const countOwn = (i: number, h: number, r: number, phase: number, value: number) => {
    const s = book.slot(i, h, r);
    if (s < 0) return;
    firstSeen(i, h, r, phase + 1, i, value);
    book.add(s, phase, value, stake[i]);
  };

  /** StartRound(round) (l. 11-21). */
  const startRound = (i: number, round: number) => {
    if (net.crashed[i]) return;
    const h = hp[i];
    rp[i] = round;
    step[i] = STEP_PROPOSE;
    myProposal[i] = -1;
    myPrevote[i] = -3;
    myPrecommit[i] = -3;
    stuckTries[i] = 0;
    tRegossip.set(i, regossipS, round);
    if (round > 0 && !ctx.isFaulty(i)) roundsStarted++;
    if (proposerOf(h, round) === i) {
      if (!(faults.silentLeader && ctx.isFaulty(i))) propose(i, h, round);
    } else {
      timerH[i] = h;
      tPropose.set(i, options.timeoutProposeS + round * options.timeoutProposeDeltaS, round);
    }
    evaluate(i, h, round);
  };

  const propose = (i: number, h: number, r: number) => {
    const vr = validValue[i] !== NIL ? validRound[i] : -1;
    if (faults.equivocates && ctx.isFaulty(i)) {
      const a = blocks.create(h, lastDecided[i], r, i, sim.now);
      const b = blocks.create(h, lastDecided[i], r, i, sim.now);
      pairs.set(pairKey(h, r), b);
      receiveProposal(i, h, r, a, -1);
      send(PROP, i, ctx.message(PROPOSAL, h, r, a, i, size.proposal, -1), faults.side0);
      send(PROP, i, ctx.message(PROPOSAL, h, r, b, i, size.proposal, -1), faults.side1);
      return;
    }
    const v = validValue[i] !== NIL ? validValue[i] : blocks.create(h, lastDecided[i], r, i, sim.now);
    receiveProposal(i, h, r, v, vr);
    send(PROP, i, ctx.message(PROPOSAL, h, r, v, i, size.proposal, vr));
    myProposal[i] = v;
    myProposalVr[i] = vr;
  };

  const receiveProposal = (i: number, h: number, r: number, v: number, vr: number) => {
    const s = book.slot(i, h, r);
    if (s < 0) return;
    firstSeen(i, h, r, 0, proposerOf(h, r), v);
    if (book.aux[s * AUX + AUX_VALUE] >= 0) return; // a second proposal for (h, r) is ignored
    book.aux[s * AUX + AUX_VALUE] = v;
    book.aux[s * AUX + AUX_VR] = vr;
  };

  /** Every upon-rule that a message for (h, r) at validator i may have enabled. */
  const evaluate = (i: number, h: number, r: number) => {
    if (h !== hp[i] || net.crashed[i]) return;
    const s = book.find(i, h, r);
    if (s < 0) return;
    const v = book.aux[s * AUX + AUX_VALUE];
    // l. 49: decide (any round). The block of a precommit quorum is taken even if this validator's PROPOSAL was
    // another (an equivocating proposer's): the paper's gossip assumption (section 2) relays to every correct
    // process the proposal the correct precommitters received.
    const c = book.leading(s, P_PRECOMMIT);
    if (c >= 0 && hasQuorum(book.count(s, P_PRECOMMIT, c), total) && book.mark(s, P_PRECOMMIT, F_DECIDED)) {
      decide(i, h, r, c);
      return;
    }
    const cur = rp[i];
    if (r > cur) {
      // l. 55: f+1 of a higher round.
      if (step[i] !== STEP_WAIT && hasWeakQuorum(Math.max(book.total(s, P_PREVOTE), book.total(s, P_PRECOMMIT)), total)) startRound(i, r);
      return;
    }
    if (r !== cur) {
      // A prevote quorum of an earlier round may complete l. 28 for the current round's proposal.
      const sc = book.find(i, h, cur);
      if (sc >= 0 && book.aux[sc * AUX + AUX_VR] === r) evaluate(i, h, cur);
      return;
    }
    if (step[i] === STEP_PROPOSE && v >= 0) {
      const vr = book.aux[s * AUX + AUX_VR];
      if (vr === -1) {
        // l. 22
        prevote(i, h, r, lockedRound[i] === -1 || lockedValue[i] === v ? v : NIL);
      } else if (vr >= 0 && vr < r) {
        // l. 28
        const so = book.find(i, h, vr);
        if (so >= 0 && hasQuorum(book.count(so, P_PREVOTE, v), total)) prevote(i, h, r, lockedRound[i] <= vr || lockedValue[i] === v ? v : NIL);
      }
    }
    if (hp[i] !== h || rp[i] !== r) return; // a nested rule moved on
    if (step[i] === STEP_PREVOTE && hasQuorum(book.total(s, P_PREVOTE), total) && book.mark(s, P_PREVOTE, F_TIMEOUT_PREVOTE)) {
      // l. 34
      timerH[n + i] = h;
      tPrevote.set(i, options.timeoutPrevoteS + r * options.timeoutPrevoteDeltaS, r);
    }
    if (hp[i] !== h || rp[i] !== r) return;
    if (step[i] >= STEP_PREVOTE && v >= 0 && hasQuorum(book.count(s, P_PREVOTE, v), total) && book.mark(s, P_PREVOTE, F_LINE36)) {
      // l. 36
      if (step[i] === STEP_PREVOTE) {
        lockedValue[i] = v;
        lockedRound[i] = r;
        precommit(i, h, r, v);
      }
      validValue[i] = v;
      validRound[i] = r;
    }
    if (hp[i] !== h || rp[i] !== r) return;
    if (step[i] === STEP_PREVOTE && hasQuorum(book.count(s, P_PREVOTE, NIL), total)) precommit(i, h, r, NIL); // l. 44
    if (hp[i] !== h || rp[i] !== r) return;
    if (step[i] !== STEP_WAIT && hasQuorum(book.total(s, P_PRECOMMIT), total) && book.mark(s, P_PRECOMMIT, F_TIMEOUT_PRECOMMIT)) {
      // l. 47
      timerH[2 * n + i] = h;
      tPrecommit.set(i, options.timeoutPrecommitS + r * options.timeoutPrecommitDeltaS, r);
    }
  };

  const prevote = (i: number, h: number, r: number, value: number) => {
    step[i] = STEP_PREVOTE;
    tPropose.cancel(i);
    vote(PV, PREVOTE, i, h, r, value);
    evaluate(i, h, r);
  };

  const precommit = (i: number, h: number, r: number, value: number) => {
    step[i] = STEP_PRECOMMIT;
    vote(PC, PRECOMMIT, i, h, r, value);
    evaluate(i, h, r);
  };

  const decide = (i: number, h: number, r: number, v: number) => {
    ctx.decide(i, h, v, r);
    lastDecided[i] = v;
    hp[i] = h + 1;
    lockedValue[i] = NIL;
    lockedRound[i] = -1;
    validValue[i] = NIL;
    validRound[i] = -1;
    tPropose.cancel(i);
    tPrevote.cancel(i);
    tPrecommit.cancel(i);
    if (h + 1 >= H) {
      step[i] = STEP_WAIT;
      return;
    }
    if (options.timeoutCommitS > 0) {
      step[i] = STEP_WAIT;
      rp[i] = 0;
      tCommit.set(i, options.timeoutCommitS);
    } else startRound(i, 0);
  };

  /**
   * A validator behind the proposal's height takes the blocks below it from
   * the proposed block's LastCommit (CometBFT blocks carry the commit
   * certificate of their parent; the block-sync reactor fetches older ones):
   * it decides the ancestors from its own height up and enters the
   * proposal's height at round 0.
   */
  const catchUp = (i: number, h: number, v: number) => {
    const chain: number[] = [];
    for (let x = blocks.parent[v], k = h - 1; k >= hp[i] && x > 0; k--, x = blocks.parent[x]) chain.push(x);
    if (chain.length !== h - hp[i]) return;
    while (chain.length > 0) {
      const b = chain.pop() as number;
      const k = hp[i];
      ctx.decide(i, k, b, rp[i]);
      lastDecided[i] = b;
      hp[i] = k + 1;
    }
    catchUps++;
    lockedValue[i] = NIL;
    lockedRound[i] = -1;
    validValue[i] = NIL;
    validRound[i] = -1;
    tPropose.cancel(i);
    tPrevote.cancel(i);
    tPrecommit.cancel(i);
    tCommit.cancel(i);
    if (hp[i] < H) startRound(i, 0);
  };

  const onTimeoutPropose = (i: number, h: number, r: number) => {
    if (h === hp[i] && r === rp[i] && step[i] === STEP_PROPOSE) prevote(i, h, r, NIL);
  };
  const onTimeoutPrevote = (i: number, h: number, r: number) => {
    if (h === hp[i] && r === rp[i] && step[i] === STEP_PREVOTE) precommit(i, h, r, NIL);
  };
  const onTimeoutPrecommit = (i: number, h: number, r: number) => {
    if (h === hp[i] && r === rp[i] && step[i] !== STEP_WAIT) startRound(i, r + 1);
  };

  /** The 2/3 threshold lies in (after - w, after]: this vote of weight w crossed it. */
  const crosses = (after: number, w: number) => 3 * after > 2 * total && 3 * (after - w) <= 2 * total;

  /** Common receive path: the slot of (h, r) at `to`, or -1 for an old height. */
  const slotFor = (to: number, h: number, r: number): number => (h < hp[to] || h >= hp[to] + 4 ? -1 : book.slot(to, h, r));

  const PROP = net.defineMessage("proposal", (to, msg, from) => {
    const h = arena.height[msg];
    const r = arena.round[msg];
    if (h < hp[to] || arena.signer[msg] !== proposerOf(h, r)) return;
    {
      const s = slotFor(to, h, r);
      if (s < 0 || !firstSeen(to, h, r, 0, arena.signer[msg], arena.value[msg])) return;
      if (gossip) relay(PROP, to, msg, from);
    }
    if (h > hp[to] && !net.crashed[to]) catchUp(to, h, arena.value[msg]);
    receiveProposal(to, h, r, arena.value[msg], ctx.msgAux[msg]);
    evaluate(to, h, r);
  });
  // Prevote and precommit are handled alike (Algorithm 1, lines 34-54): count the first vote of a signer,
  // relay it under gossip, and re-evaluate the rules only when it crosses a 2/3 threshold of the current round.
  const voteHandler = (seenKind: number, phase: number, kind: () => number) => (to: number, msg: number, from: number) => {
    const h = arena.height[msg];
    const r = arena.round[msg];
    const s = slotFor(to, h, r);
    if (s < 0) return;
    const signer = arena.signer[msg];
    if (!firstSeen(to, h, r, seenKind, signer, arena.value[msg])) return;
    if (gossip) relay(kind(), to, msg, from);
    const w = stake[signer];
    const tally = book.add(s, phase, arena.value[msg], w);
    if (h === hp[to] && r === rp[to]) {
      const all = book.total(s, phase);
      if (!(crosses(tally, w) || crosses(all, w))) return;
    }
    evaluate(to, h, r);
  };
  const PV: number = net.defineMessage("prevote", voteHandler(1, P_PREVOTE, () => PV));
  const PC: number = net.defineMessage("precommit", voteHandler(2, P_PRECOMMIT, () => PC));

  const sync = new BlockSync(ctx, setup.syncTimeoutS ?? 30, (i, h, b) => {
    lastDecided[i] = b;
    hp[i] = h + 1;
    lockedValue[i] = NIL;
    lockedRound[i] = -1;
    validValue[i] = NIL;
    validRound[i] = -1;
    tPropose.cancel(i);
    tPrevote.cancel(i);
    tPrecommit.cancel(i);
    tCommit.cancel(i);
    if (hp[i] < H) startRound(i, 0);
    else step[i] = STEP_WAIT;
  });
  ctx.onDecide = (i) => sync.progress(i);

  sim.schedule(0, scope.defineKind("start", () => {
    sync.start();
    for (let i = 0; i < n; i++) startRound(i, 0);
  }));

  return runContext(ctx, "tendermint", {
    pipelined: false,
    viewChanges: () => roundsStarted,
    droppedVotes: () => book.dropped,
    extra: () => ({ catchUps, resent, syncRequests: sync.requests, synced: sync.synced }),
  });
}
