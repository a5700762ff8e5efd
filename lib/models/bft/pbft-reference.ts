/**
 * The readable reference of PBFT's normal case (Castro & Liskov, OSDI 1999,
 * section 4.2): the same rules as pbft.ts without faults, view changes,
 * checkpoints or block sync, written with Maps and plain objects instead of
 * typed vote tallies. On a run without faults (and checkpointInterval 0) it
 * sends the same messages in the same order and decides the same blocks at
 * the same times as the optimized model, which the tests check exactly.
 *
 * Rules (view 0, primary 0, one height at a time):
 *   the primary proposes height h when it has decided h - 1 (h = 0 at the start);
 *   a backup accepts the first PRE-PREPARE for (h, v) from the primary and multicasts PREPARE;
 *   prepared: the PRE-PREPARE's block has PREPAREs (the primary's PRE-PREPARE and the replica's own included)
 *     from more than 2/3 of the stake -> multicast COMMIT (once);
 *   COMMITs for the block from more than 2/3 of the stake decide it (a commit certificate);
 *   heights are executed in order; messages for decided heights are ignored.
 */
import type { Rng } from "../../random/seed";
import { BftContext, runContext, type BftRun, type BftSetup } from "./context";
import { PBFT_SHAPES } from "./pbft";
import { hasQuorum } from "./validators";

interface Replica {
  next: number;
  /** Accepted PRE-PREPARE per "h/v". */
  prePrepared: Map<string, number>;
  /** Stake per block, per "h/v", for PREPAREs and COMMITs. */
  prepares: Map<string, Map<number, number>>;
  commits: Map<string, Map<number, number>>;
  sentCommit: Set<string>;
  /** Blocks with a commit certificate, by height, not yet executed. */
  committed: Map<number, number>;
  proposedUpTo: number;
}

function addStake(table: Map<string, Map<number, number>>, key: string, block: number, stake: number): number {
  const perBlock = table.get(key) ?? new Map<number, number>();
  table.set(key, perBlock);
  const total = (perBlock.get(block) ?? 0) + stake;
  perBlock.set(block, total);
  return total;
}

export function runPbftReference(setup: BftSetup, rng: Rng): BftRun {
  if (setup.faults.count > 0) throw new RangeError("the PBFT reference models the normal case only (no faulty validators)");
  const ctx = new BftContext(setup, PBFT_SHAPES, rng);
  const { n, net, sim, blocks } = ctx;
  const total = ctx.v.total;
  const stake = ctx.stake;
  const arena = net.arena;
  const H = ctx.heights;
  const AHEAD = 8;
  const replicas: Replica[] = Array.from({ length: n }, () => ({
    next: 0,
    prePrepared: new Map(),
    prepares: new Map(),
    commits: new Map(),
    sentCommit: new Set(),
    committed: new Map(),
    proposedUpTo: -1,
  }));
  const primary = 0; // view 0

  const send = (kind: number, type: number, from: number, h: number, block: number, name: string) => ctx.multicast(kind, from, ctx.everyone, ctx.message(type, h, 0, block, from, ctx.sizes[name]));

  const propose = (i: number, h: number) => {
    replicas[i].proposedUpTo = h;
    const parent = h === 0 ? 0 : ctx.topBlock[i];
    const b = blocks.create(h, parent, 0, i, sim.now);
    accept(i, h, b);
    send(PP, 1, i, h, b, "pre-prepare");
  };

  const accept = (i: number, h: number, b: number) => {
    const r = replicas[i];
    const key = `${h}/0`;
    if (h >= r.next + AHEAD || r.prePrepared.has(key)) return;
    r.prePrepared.set(key, b);
    addStake(r.prepares, key, b, stake[primary]);
    if (i !== primary) {
      addStake(r.prepares, key, b, stake[i]);
      send(PR, 2, i, h, b, "prepare");
    }
    progress(i, h);
  };

  const progress = (i: number, h: number) => {
    const r = replicas[i];
    const key = `${h}/0`;
    const b = r.prePrepared.get(key);
    if (b === undefined) return;
    if (hasQuorum(r.prepares.get(key)?.get(b) ?? 0, total) && !r.sentCommit.has(key)) {
      r.sentCommit.add(key);
      addStake(r.commits, key, b, stake[i]);
      send(CM, 3, i, h, b, "commit");
    }
    if (hasQuorum(r.commits.get(key)?.get(b) ?? 0, total)) commit(i, h, b);
  };

  const commit = (i: number, h: number, b: number) => {
    const r = replicas[i];
    if (h < r.next || r.committed.has(h) || h >= r.next + AHEAD) return;
    r.committed.set(h, b);
    while (r.committed.has(r.next)) {
      const height = r.next;
      const block = r.committed.get(height) as number;
      r.committed.delete(height);
      ctx.decide(i, height, block, 0);
      r.next = height + 1;
      if (i === primary && r.next < H && r.proposedUpTo < r.next) propose(i, r.next);
    }
  };

  const PP = net.defineMessage("pre-prepare", (to, msg, from) => {
    const h = arena.height[msg];
    if (from !== primary || h < replicas[to].next) return;
    accept(to, h, arena.value[msg]);
  });
  const PR = net.defineMessage("prepare", (to, msg, from) => {
    const h = arena.height[msg];
    if (h < replicas[to].next || from === primary) return;
    const b = arena.value[msg];
    const key = `${h}/0`;
    if (hasQuorum(addStake(replicas[to].prepares, key, b, stake[from]), total) && replicas[to].prePrepared.get(key) === b) progress(to, h);
  });
  const CM = net.defineMessage("commit", (to, msg, from) => {
    const h = arena.height[msg];
    if (h < replicas[to].next) return;
    const b = arena.value[msg];
    if (hasQuorum(addStake(replicas[to].commits, `${h}/0`, b, stake[from]), total)) commit(to, h, b);
  });

  sim.schedule(0, sim.scope("pbft-reference").defineKind("start", () => propose(primary, 0)));
  return runContext(ctx, "pbft", { pipelined: false, viewChanges: () => 0, droppedVotes: () => 0 });
}
