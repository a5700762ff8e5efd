/**
 * The readable reference of Tendermint (Buchman, Kwon & Milosevic 2018,
 * Algorithm 1) with all-to-all delivery: the rules of tendermint.ts written
 * with Maps and objects, every upon-rule re-checked after every message
 * (the optimized model re-checks the current round only when a vote crosses
 * a 2/3 threshold, and tallies in typed arrays). Without faults, loss or
 * partitions it sends the same messages in the same order and decides the
 * same blocks at the same times, which the tests check exactly. No
 * retransmission or block sync (nothing is lost in the runs it is for);
 * the LastCommit catch-up is kept (a validator may see the next height's
 * proposal before its own decision).
 */
import { Timers } from "../../engine/timers";
import type { Rng } from "../../random/seed";
import { BftContext, runContext, type BftRun, type BftSetup } from "./context";
import { ProposerSchedule } from "./proposer-priority";
import { TENDERMINT_SHAPES, type TendermintOptions } from "./tendermint";
import { hasQuorum, hasWeakQuorum } from "./validators";

const NIL = -1;
type Step = "wait" | "propose" | "prevote" | "precommit";

interface Validator {
  h: number;
  round: number;
  step: Step;
  lockedValue: number;
  lockedRound: number;
  validValue: number;
  validRound: number;
  lastDecided: number;
  /** Per "h/r": the proposal (block, validRound); prevote and precommit stake per value; rules already fired. */
  proposals: Map<string, { v: number; vr: number }>;
  prevotes: Map<string, Map<number, number>>;
  precommits: Map<string, Map<number, number>>;
  fired: Set<string>;
}

const sum = (m: Map<number, number> | undefined) => [...(m ?? new Map<number, number>()).values()].reduce((a, b) => a + b, 0);

export function runTendermintReference(setup: BftSetup, options: TendermintOptions, rng: Rng): BftRun {
  if (setup.faults.count > 0 && setup.faults.kind !== "crash") throw new RangeError("the Tendermint reference models honest and crashed validators only");
  const ctx = new BftContext(setup, TENDERMINT_SHAPES, rng);
  const { n, net, sim, blocks } = ctx;
  const total = ctx.v.total;
  const stake = ctx.stake;
  const arena = net.arena;
  const H = ctx.heights;
  const proposers = new ProposerSchedule(ctx.v);
  const proposerOf = (h: number, r: number) => proposers.proposer(h, r);
  const vals: Validator[] = Array.from({ length: n }, () => ({
    h: 0, round: 0, step: "propose" as Step, lockedValue: NIL, lockedRound: -1, validValue: NIL, validRound: -1, lastDecided: 0,
    proposals: new Map(), prevotes: new Map(), precommits: new Map(), fired: new Set<string>(),
  }));
  const key = (h: number, r: number) => `${h}/${r}`;
  const tally = (table: Map<string, Map<number, number>>, h: number, r: number) => {
    const k = key(h, r);
    const m = table.get(k) ?? new Map<number, number>();
    table.set(k, m);
    return m;
  };
  const addVote = (table: Map<string, Map<number, number>>, h: number, r: number, v: number, s: number) => {
    const m = tally(table, h, r);
    m.set(v, (m.get(v) ?? 0) + s);
  };

  const scope = sim.scope("tendermint-reference");
  const timeout = (name: string, fire: (i: number, h: number, r: number) => void) => {
    const heightOf = new Int32Array(n);
    const t = new Timers(scope, name, n, (i, r) => fire(i, heightOf[i], r));
    return { set: (i: number, h: number, delayS: number, r: number) => ((heightOf[i] = h), t.set(i, delayS, r)), cancel: (i: number) => t.cancel(i) };
  };
  const tPropose = timeout("timeout-propose", (i, h, r) => {
    const p = vals[i];
    if (h === p.h && r === p.round && p.step === "propose") castPrevote(i, NIL);
  });
  const tPrevote = timeout("timeout-prevote", (i, h, r) => {
    const p = vals[i];
    if (h === p.h && r === p.round && p.step === "prevote") castPrecommit(i, NIL);
  });
  const tPrecommit = timeout("timeout-precommit", (i, h, r) => {
    const p = vals[i];
    if (h === p.h && r === p.round && p.step !== "wait") startRound(i, r + 1);
  });
  const tCommit = new Timers(scope, "timeout-commit", n, (i) => startRound(i, 0));

  const broadcast = (kind: number, type: number, i: number, h: number, r: number, v: number, name: string, aux = 0) => ctx.multicast(kind, i, ctx.everyone, ctx.message(type, h, r, v, i, ctx.sizes[name], aux));

  const startRound = (i: number, round: number) => {
    if (net.crashed[i]) return;
    const p = vals[i];
    p.round = round;
    p.step = "propose";
    if (proposerOf(p.h, round) === i) {
      const vr = p.validValue !== NIL ? p.validRound : -1;
      const v = p.validValue !== NIL ? p.validValue : blocks.create(p.h, p.lastDecided, round, i, sim.now);
      if (!p.proposals.has(key(p.h, round))) p.proposals.set(key(p.h, round), { v, vr });
      broadcast(PROP, 1, i, p.h, round, v, "proposal", vr);
    } else tPropose.set(i, p.h, options.timeoutProposeS + round * options.timeoutProposeDeltaS, round);
    check(i, p.h, round);
  };

  const castPrevote = (i: number, v: number) => {
    const p = vals[i];
    p.step = "prevote";
    tPropose.cancel(i);
    broadcast(PV, 2, i, p.h, p.round, v, "prevote");
    addVote(p.prevotes, p.h, p.round, v, stake[i]);
    check(i, p.h, p.round);
  };

  const castPrecommit = (i: number, v: number) => {
    const p = vals[i];
    p.step = "precommit";
    broadcast(PC, 3, i, p.h, p.round, v, "precommit");
    addVote(p.precommits, p.h, p.round, v, stake[i]);
    check(i, p.h, p.round);
  };

  const decide = (i: number, h: number, r: number, v: number) => {
    const p = vals[i];
    ctx.decide(i, h, v, r);
    Object.assign(p, { lastDecided: v, h: h + 1, lockedValue: NIL, lockedRound: -1, validValue: NIL, validRound: -1 });
    tPropose.cancel(i);
    tPrevote.cancel(i);
    tPrecommit.cancel(i);
    if (h + 1 >= H) p.step = "wait";
    else if (options.timeoutCommitS > 0) {
      p.step = "wait";
      p.round = 0;
      tCommit.set(i, options.timeoutCommitS);
    } else startRound(i, 0);
  };

  /** Every upon-rule of Algorithm 1 for messages of (h, r) at validator i. */
  const check = (i: number, h: number, r: number) => {
    const p = vals[i];
    if (h !== p.h || net.crashed[i]) return;
    const k = key(h, r);
    const prop = p.proposals.get(k);
    const precommits = p.precommits.get(k);
    // l. 49 (the block of a precommit quorum: the proposal reaches every correct process by gossip).
    let lead = NIL;
    let leadStake = 0;
    for (const [v, s] of precommits ?? []) if (v !== NIL && s > leadStake) [lead, leadStake] = [v, s];
    if (lead !== NIL && hasQuorum(leadStake, total) && !p.fired.has(`${k}/decided`)) {
      p.fired.add(`${k}/decided`);
      return decide(i, h, r, lead);
    }
    const prevotes = p.prevotes.get(k);
    if (r > p.round) {
      if (p.step !== "wait" && hasWeakQuorum(Math.max(sum(prevotes), sum(precommits)), total)) startRound(i, r); // l. 55
      return;
    }
    if (r < p.round) {
      const cur = p.proposals.get(key(h, p.round));
      if (cur && cur.vr === r) check(i, h, p.round);
      return;
    }
    if (p.step === "propose" && prop) {
      if (prop.vr === -1) castPrevote(i, p.lockedRound === -1 || p.lockedValue === prop.v ? prop.v : NIL); // l. 22
      else if (prop.vr >= 0 && prop.vr < r && hasQuorum(p.prevotes.get(key(h, prop.vr))?.get(prop.v) ?? 0, total)) castPrevote(i, p.lockedRound <= prop.vr || p.lockedValue === prop.v ? prop.v : NIL); // l. 28
    }
    const still = () => p.h === h && p.round === r;
    if (!still()) return;
    if (p.step === "prevote" && hasQuorum(sum(prevotes), total) && !p.fired.has(`${k}/l34`)) {
      p.fired.add(`${k}/l34`);
      tPrevote.set(i, h, options.timeoutPrevoteS + r * options.timeoutPrevoteDeltaS, r); // l. 34
    }
    if (!still()) return;
    if ((p.step === "prevote" || p.step === "precommit") && prop && hasQuorum(prevotes?.get(prop.v) ?? 0, total) && !p.fired.has(`${k}/l36`)) {
      p.fired.add(`${k}/l36`); // l. 36
      if (p.step === "prevote") {
        p.lockedValue = prop.v;
        p.lockedRound = r;
        castPrecommit(i, prop.v);
      }
      p.validValue = prop.v;
      p.validRound = r;
    }
    if (!still()) return;
    if (p.step === "prevote" && hasQuorum(prevotes?.get(NIL) ?? 0, total)) castPrecommit(i, NIL); // l. 44
    if (!still()) return;
    if (p.step !== "wait" && hasQuorum(sum(p.precommits.get(k)), total) && !p.fired.has(`${k}/l47`)) {
      p.fired.add(`${k}/l47`);
      tPrecommit.set(i, h, options.timeoutPrecommitS + r * options.timeoutPrecommitDeltaS, r); // l. 47
    }
  };

  /** LastCommit catch-up: decide the proposed block's ancestors below its height. */
  const catchUp = (i: number, h: number, v: number) => {
    const p = vals[i];
    const chain: number[] = [];
    for (let x = blocks.parent[v], k = h - 1; k >= p.h && x > 0; k--, x = blocks.parent[x]) chain.push(x);
    if (chain.length !== h - p.h) return;
    while (chain.length > 0) {
      const b = chain.pop() as number;
      ctx.decide(i, p.h, b, p.round);
      p.lastDecided = b;
      p.h++;
    }
    Object.assign(p, { lockedValue: NIL, lockedRound: -1, validValue: NIL, validRound: -1 });
    tPropose.cancel(i);
    tPrevote.cancel(i);
    tPrecommit.cancel(i);
    tCommit.cancel(i);
    if (p.h < H) startRound(i, 0);
  };

  const inWindow = (to: number, h: number) => h >= vals[to].h && h < vals[to].h + 4;
  const PROP = net.defineMessage("proposal", (to, msg) => {
    const h = arena.height[msg];
    const r = arena.round[msg];
    if (!inWindow(to, h) || arena.signer[msg] !== proposerOf(h, r)) return;
    if (h > vals[to].h && !net.crashed[to]) catchUp(to, h, arena.value[msg]);
    if (!vals[to].proposals.has(key(h, r))) vals[to].proposals.set(key(h, r), { v: arena.value[msg], vr: ctx.msgAux[msg] });
    check(to, h, r);
  });
  const PV = net.defineMessage("prevote", (to, msg) => {
    const h = arena.height[msg];
    if (!inWindow(to, h)) return;
    addVote(vals[to].prevotes, h, arena.round[msg], arena.value[msg], stake[arena.signer[msg]]);
    check(to, h, arena.round[msg]);
  });
  const PC = net.defineMessage("precommit", (to, msg) => {
    const h = arena.height[msg];
    if (!inWindow(to, h)) return;
    addVote(vals[to].precommits, h, arena.round[msg], arena.value[msg], stake[arena.signer[msg]]);
    check(to, h, arena.round[msg]);
  });

  sim.schedule(0, scope.defineKind("start", () => {
    for (let i = 0; i < n; i++) startRound(i, 0);
  }));
  return runContext(ctx, "tendermint", { pipelined: false, viewChanges: () => 0, droppedVotes: () => 0 });
}
