/**
 * PBFT (Castro & Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999),
 * message by message on the shared Network. Section references are to the
 * paper.
 *
 * Normal case (4.2). The primary of view v is v mod N. It assigns the next
 * sequence number (height) n to a block and multicasts PRE-PREPARE(v, n, d).
 * A backup in view v accepts it if it has accepted no other digest for
 * (v, n) and n is within its watermarks, then multicasts PREPARE(v, n, d).
 * prepared(d, v, n) at replica i: the pre-prepare plus matching prepares, the
 * primary's pre-prepare and i's own prepare included, from validators with
 * more than 2/3 of the stake (2f + 1 of 3f + 1 equal validators: the
 * pre-prepare and 2f prepares). A prepared replica multicasts COMMIT(v, n, d);
 * matching commits from more than 2/3 of the stake commit d at n
 * (committed-local; a replica that is not prepared itself accepts the commit
 * certificate, as state transfer would give it: 2f + 1 commits prove that
 * f + 1 honest replicas prepared d). The primary proposes n + 1 when it has
 * decided n (one request batch at a time, as the W4 workload).
 *
 * Garbage collection (4.3). Every `checkpointInterval` heights (and at the
 * last height) a replica multicasts CHECKPOINT(n, d) after deciding n;
 * CHECKPOINTs from more than 2/3 of the stake make n the stable checkpoint,
 * the low watermark h; a pre-prepare is accepted only for h < n <= H = h + L,
 * L = 2 x interval. A replica that learns of a stable checkpoint above its
 * own decisions fetches the certified state (state transfer): it decides the
 * certified block and its ancestors.
 *
 * View change (4.4). A replica waiting to decide starts a timer of
 * `viewTimeoutS`; when it fires in view v the replica moves to v + 1 and
 * multicasts VIEW-CHANGE(v + 1, n, P): n its lowest undecided height and P
 * its prepared certificates (block and view) at heights n .. n + 7 (the
 * paper's P above the stable checkpoint; a primary proposes one height at a
 * time, so no certificate lies further up). The primary of v + 1, with
 * VIEW-CHANGEs (its own included) from more than 2/3 of the stake,
 * multicasts NEW-VIEW(v + 1, n*, d*): n* the highest reported n, d* the
 * block prepared at n* in the highest view, or a new block if none was;
 * then it re-proposes, as PRE-PREPAREs of v + 1, the blocks prepared at
 * n* + 1, ... (the O set of the paper; heights below n* were decided by an
 * honest quorum and reach laggards through commits, checkpoints or block
 * sync). A replica accepts NEW-VIEW as the pre-prepare of (v + 1, n*) and
 * enters v + 1. Until a height is decided the timer doubles with each view
 * change (2^k x viewTimeoutS), so a new view gets longer to complete.
 * VIEW-CHANGEs from more than 1/3 of the stake for a higher view make a
 * replica join that view change.
 *
 * Vote counting: one VoteBook per kind of instance ((height, view) for
 * prepares, commits and checkpoints; view for view changes), typed arrays,
 * no per-message allocation; multicasts go to the Network as sorted runs.
 */
import { Timers } from "../../engine/timers";
import type { Rng } from "../../random/seed";
import { BftContext, runContext, type BftRun, type BftSetup } from "./context";
import type { MessageShape } from "./costs";
import { BlockSync } from "./block-sync";
import { hasQuorum, hasWeakQuorum } from "./validators";
import { NIL, VoteBook } from "./votes";

export interface PbftOptions {
  /** View-change timer, seconds. */
  readonly viewTimeoutS: number;
  /** Heights between checkpoints (0: none). */
  readonly checkpointInterval: number;
}

export const PBFT_SHAPES: Readonly<Record<string, MessageShape>> = {
  "pre-prepare": { sigs: 1, certificates: 0, block: true },
  prepare: { sigs: 1, certificates: 0, block: false },
  commit: { sigs: 1, certificates: 0, block: false },
  checkpoint: { sigs: 1, certificates: 0, block: false },
  // A VIEW-CHANGE carries the stable checkpoint's proof and a prepared certificate.
  "view-change": { sigs: 1, certificates: 2, block: false },
  // A NEW-VIEW carries the quorum of VIEW-CHANGEs (as one certificate) and the pre-prepared block.
  "new-view": { sigs: 1, certificates: 1, block: true },
};

// Arena message types.
const PRE_PREPARE = 1;
const PREPARE = 2;
const COMMIT = 3;
const CHECKPOINT = 4;
const VIEW_CHANGE = 5;
const NEW_VIEW = 6;

// VoteBook phases of a (height, view) instance.
const P_PREPARE = 0;
const P_COMMIT = 1;
const P_CHECKPOINT = 2;
// Flags.
const SENT_COMMIT = 1;
const SENT_CHECKPOINT = 2;
const NEW_VIEW_SENT = 1;
const JOINED = 2;
// Aux fields of a (height, view) instance: the accepted pre-prepare's block.
const AUX_PP = 0;
/** Ring of heights per replica (heights may commit out of order; execution is in order): commits and prepared certificates. */
const AHEAD = 8;
// Aux fields of a view-change instance: the highest reported next height, then per height mod AHEAD the
// (height, block, view) of the prepared certificate with the highest view reported for it.
const AUX_MAXN = 0;
const AUX_MINN = 1;
const VC_AUX = 2 + 3 * AHEAD;

export function runPbft(setup: BftSetup, options: PbftOptions, rng: Rng): BftRun {
  const ctx = new BftContext(setup, PBFT_SHAPES, rng);
  const { n, net, sim, stake, blocks, faults } = ctx;
  const total = ctx.v.total;
  const arena = net.arena;
  const H = ctx.heights;
  const K = options.checkpointInterval;
  const L = K > 0 ? 2 * K : Infinity;
  const size = ctx.sizes;

  const book = new VoteBook(n, 3, 8, 8, 4, 1);
  const vcBook = new VoteBook(n, 1, 1, 16, 4, VC_AUX);
  const view = new Int32Array(n);
  const changing = new Uint8Array(n); // 1 while waiting for NEW-VIEW of view[i]
  const streak = new Int32Array(n); // view changes in a row (timeout doubling)
  const next = new Int32Array(n); // lowest undecided height
  const stable = new Int32Array(n).fill(-1); // stable checkpoint (low watermark)
  const proposedUpTo = new Int32Array(n).fill(-1); // highest height this replica proposed as primary, per its view
  const proposedInView = new Int32Array(n).fill(-1);
  // Prepared certificates per replica and height (mod AHEAD): height, block, view.
  const prepH = new Int32Array(n * AHEAD).fill(-1);
  const prepB = new Int32Array(n * AHEAD).fill(-1);
  const prepV = new Int32Array(n * AHEAD).fill(-1);
  // A VIEW-CHANGE's P set, per message id: (block, view) of the prepared certificates at next .. next + AHEAD - 1.
  let vcPayload = new Int32Array(64 * 2 * AHEAD);
  const ownP = new Int32Array(2 * AHEAD);
  const committed = new Int32Array(n * AHEAD).fill(-1); // block committed at a height ahead of next[i]
  const committedH = new Int32Array(n * AHEAD).fill(-1);
  const committedView = new Int32Array(n * AHEAD);
  const pairs = new Map<number, number>(); // coalition: (height, view) -> block B of an equivocation (A is B - 1)
  let viewChanges = 0;
  let lateOrDropped = 0;
  let transfers = 0;

  const primaryOf = (v: number) => v % n;
  /** The block a new block at h extends: the proposer's decision at h - 1 (or, if it lags, the one an honest quorum decided, which it would fetch). */
  const parentOf = (i: number, h: number) => (h === 0 ? 0 : ctx.topHeight[i] === h - 1 ? ctx.topBlock[i] : Math.max(0, ctx.monitor.decided[h - 1]));
  const pairKey = (h: number, v: number) => h * 65536 + v;

  const scope = sim.scope("pbft");
  const timer = new Timers(scope, "view-timer", n, (i) => onTimeout(i));

  /** Send a vote-like message: double-voters split a conflicting pair by side. */
  const sendVote = (kind: number, type: number, i: number, h: number, v: number, b: number) => {
    if (faults.doubleVotes && ctx.isFaulty(i)) {
      const pb = pairs.get(pairKey(h, v));
      if (pb !== undefined) {
        ctx.multicast(kind, i, faults.side0, ctx.message(type, h, v, pb - 1, i, size[kindName(type)]));
        ctx.multicast(kind, i, faults.side1, ctx.message(type, h, v, pb, i, size[kindName(type)]));
        return;
      }
    }
    ctx.multicast(kind, i, ctx.everyone, ctx.message(type, h, v, b, i, size[kindName(type)]));
  };

  /** Primary i proposes height h in view v (a fresh block unless `block` is given, as in NEW-VIEW). */
  const propose = (i: number, h: number, v: number) => {
    if (faults.silentLeader && ctx.isFaulty(i)) return;
    proposedUpTo[i] = h;
    proposedInView[i] = v;
    const parent = parentOf(i, h);
    if (faults.equivocates && ctx.isFaulty(i)) {
      const a = blocks.create(h, parent, v, i, sim.now);
      const b = blocks.create(h, parent, v, i, sim.now);
      pairs.set(pairKey(h, v), b);
      acceptPrePrepare(i, h, v, a);
      ctx.multicast(PP, i, faults.side0, ctx.message(PRE_PREPARE, h, v, a, i, size["pre-prepare"]));
      ctx.multicast(PP, i, faults.side1, ctx.message(PRE_PREPARE, h, v, b, i, size["pre-prepare"]));
      return;
    }
    const b = blocks.create(h, parent, v, i, sim.now);
    acceptPrePrepare(i, h, v, b);
    ctx.multicast(PP, i, ctx.everyone, ctx.message(PRE_PREPARE, h, v, b, i, size["pre-prepare"]));
  };

  /** The primary may propose its next height: in its view, not changing, the previous one decided, within the watermarks. */
  const maybePropose = (i: number) => {
    const v = view[i];
    if (changing[i] || primaryOf(v) !== i) return;
    const h = next[i];
    if (h >= H || h > stable[i] + L) return;
    if (proposedInView[i] === v && proposedUpTo[i] >= h) return;
    propose(i, h, v);
  };

  /** Replica i accepts block b as the pre-prepare of (h, v); a backup multicasts PREPARE. */
  const acceptPrePrepare = (i: number, h: number, v: number, b: number) => {
    if (h >= next[i] + AHEAD) return; // beyond this replica's window (its prepared certificates must not be overwritten)
    const s = book.slot(i, h, v);
    if (s < 0) return;
    if (book.aux[s] >= 0) return; // one pre-prepare per (v, n)
    book.aux[s + AUX_PP] = b;
    book.add(s, P_PREPARE, b, stake[primaryOf(v)]); // the pre-prepare stands for the primary's prepare
    if (primaryOf(v) !== i) {
      book.add(s, P_PREPARE, b, stake[i]);
      sendVote(PR, PREPARE, i, h, v, b);
    }
    progress(i, h, v, s);
  };

  /** After a prepare or pre-prepare at (h, v): prepared -> COMMIT; then committed. */
  const progress = (i: number, h: number, v: number, s: number) => {
    if (view[i] !== v || changing[i]) return;
    const b = book.aux[s + AUX_PP];
    if (b < 0) return;
    if (hasQuorum(book.count(s, P_PREPARE, b), total) && book.mark(s, P_COMMIT, SENT_COMMIT)) {
      const k = i * AHEAD + (h % AHEAD);
      if (prepH[k] !== h || prepV[k] <= v) {
        prepH[k] = h;
        prepB[k] = b;
        prepV[k] = v;
      }
      book.add(s, P_COMMIT, b, stake[i]);
      sendVote(CM, COMMIT, i, h, v, b);
    }
    checkCommitted(i, h, v, s, b);
  };

  const checkCommitted = (i: number, h: number, v: number, s: number, b: number) => {
    if (b >= 0 && hasQuorum(book.count(s, P_COMMIT, b), total)) commit(i, h, v, b);
  };

  /** Replica i has a commit certificate for b at h: record it, execute in order. */
  const commit = (i: number, h: number, v: number, b: number) => {
    if (h < next[i]) return;
    const r = i * AHEAD + (h % AHEAD);
    if (committedH[r] === h) return;
    if (h >= next[i] + AHEAD) return; // too far ahead to buffer (it will come again through the view change)
    committedH[r] = h;
    committed[r] = b;
    committedView[r] = v;
    while (true) {
      const q = i * AHEAD + (next[i] % AHEAD);
      if (committedH[q] !== next[i]) break;
      execute(i, next[i], committed[q], committedView[q]);
    }
  };

  const execute = (i: number, h: number, b: number, v: number) => {
    ctx.decide(i, h, b, v);
    next[i] = h + 1;
    streak[i] = 0;
    if (K > 0 && ((h + 1) % K === 0 || h === H - 1)) {
      const s = book.slot(i, h, 0);
      if (s >= 0 && book.mark(s, P_CHECKPOINT, SENT_CHECKPOINT)) {
        book.add(s, P_CHECKPOINT, b, stake[i]);
        checkStable(i, h, s, b);
        ctx.multicast(CP, i, ctx.everyone, ctx.message(CHECKPOINT, h, 0, b, i, size.checkpoint));
      }
    }
    if (h + 1 < H) {
      if (!changing[i]) timer.set(i, options.viewTimeoutS);
      maybePropose(i);
    } else timer.cancel(i);
  };

  const checkStable = (i: number, h: number, s: number, b: number) => {
    if (h > stable[i] && hasQuorum(book.count(s, P_CHECKPOINT, b), total)) {
      stable[i] = h;
      if (h >= next[i]) stateTransfer(i, h, b);
      maybePropose(i);
    }
  };

  /**
   * A replica behind a stable checkpoint fetches the state it certifies
   * (section 4.3: "the replica ... can fetch the state"): it decides the
   * certified block at h and its ancestors down to its own next height.
   */
  const stateTransfer = (i: number, h: number, b: number) => {
    const from = next[i];
    const chain: number[] = [];
    for (let x = b; x > 0 && blocks.height[x] >= from; x = blocks.parent[x]) chain.push(x);
    if (chain.length !== h - from + 1 || blocks.height[chain[chain.length - 1]] !== from) return; // not a chain down to `from`
    for (let k = chain.length - 1, height = from; k >= 0; k--, height++) ctx.decide(i, height, chain[k], view[i]);
    next[i] = h + 1;
    streak[i] = 0;
    transfers++;
    if (h + 1 < H) {
      if (!changing[i]) timer.set(i, options.viewTimeoutS);
    } else timer.cancel(i);
  };

  /** Start (or join) the view change to view `target`. */
  const startViewChange = (i: number, target: number) => {
    if (target <= view[i]) return;
    view[i] = target;
    changing[i] = 1;
    if (!ctx.isFaulty(i)) viewChanges++;
    timer.set(i, options.viewTimeoutS * Math.pow(2, Math.min(streak[i]++, 20)));
    const h = next[i];
    // P: the prepared certificates above the last decision (section 4.4), here heights next .. next + AHEAD - 1.
    for (let k = 0; k < AHEAD; k++) {
      const r = i * AHEAD + ((h + k) % AHEAD);
      ownP[2 * k] = prepH[r] === h + k ? prepB[r] : NIL;
      ownP[2 * k + 1] = prepH[r] === h + k ? prepV[r] : -1;
    }
    recordViewChange(i, i, target, h, ownP, 0);
    const msg = ctx.message(VIEW_CHANGE, h, target, ownP[0], i, size["view-change"]);
    if ((msg + 1) * 2 * AHEAD > vcPayload.length) {
      const grown = new Int32Array(Math.max(2 * vcPayload.length, (msg + 1) * 2 * AHEAD));
      grown.set(vcPayload);
      vcPayload = grown;
    }
    vcPayload.set(ownP, msg * 2 * AHEAD);
    ctx.multicast(VC, i, ctx.everyone, msg);
  };

  const onTimeout = (i: number) => {
    if (next[i] >= H || net.crashed[i]) return;
    startViewChange(i, view[i] + 1);
  };

  /** Tally a VIEW-CHANGE at replica i; the new primary sends NEW-VIEW on a quorum; others join on a weak quorum. */
  const recordViewChange = (i: number, from: number, target: number, h: number, p: Int32Array, off: number) => {
    const s = vcBook.slot(i, 0, target);
    if (s < 0) return;
    const a = s * VC_AUX;
    const aux = vcBook.aux;
    vcBook.add(s, 0, 0, stake[from]);
    if (h > aux[a + AUX_MAXN]) aux[a + AUX_MAXN] = h;
    if (aux[a + AUX_MINN] < 0 || h < aux[a + AUX_MINN]) aux[a + AUX_MINN] = h;
    for (let k = 0; k < AHEAD; k++) {
      const b = p[off + 2 * k];
      if (b < 0) continue;
      const pv = p[off + 2 * k + 1];
      const e = a + 2 + 3 * ((h + k) % AHEAD);
      if (aux[e] < h + k || (aux[e] === h + k && pv > aux[e + 2])) {
        aux[e] = h + k;
        aux[e + 1] = b;
        aux[e + 2] = pv;
      }
    }
    const have = vcBook.total(s, 0);
    if (target > view[i]) {
      if (hasWeakQuorum(have, total) && vcBook.mark(s, 0, JOINED)) startViewChange(i, target);
      return;
    }
    if (primaryOf(target) === i && view[i] === target && changing[i] && hasQuorum(have, total) && vcBook.mark(s, 0, NEW_VIEW_SENT)) sendNewView(i, target, s);
  };

  /** The prepared block the VIEW-CHANGEs of slot s report for height h (highest view), or -1. */
  const reportedAt = (s: number, h: number) => {
    const e = s * VC_AUX + 2 + 3 * (h % AHEAD);
    return vcBook.aux[e] === h ? vcBook.aux[e + 1] : -1;
  };

  const sendNewView = (i: number, target: number, s: number) => {
    if (faults.silentLeader && ctx.isFaulty(i)) return;
    const h = vcBook.aux[s * VC_AUX + AUX_MAXN];
    const best = reportedAt(s, h);
    const parent = parentOf(i, h);
    enterView(i, target);
    proposedUpTo[i] = h;
    proposedInView[i] = target;
    // The other prepared certificates (O of section 4.4), re-proposed as PRE-PREPAREs of the new view after NEW-VIEW:
    // below h (for replicas still missing them; whoever has decided them ignores them) and above h.
    const reproposeAbove = () => {
      const repropose = (k: number, b: number) => {
        acceptPrePrepare(i, k, target, b);
        ctx.multicast(PP, i, ctx.everyone, ctx.message(PRE_PREPARE, k, target, b, i, size["pre-prepare"]));
      };
      for (let k = Math.max(vcBook.aux[s * VC_AUX + AUX_MINN], h - AHEAD + 1); k < h; k++) {
        const b = reportedAt(s, k);
        if (b >= 0) repropose(k, b);
      }
      for (let k = h + 1; k < h + AHEAD && k < H; k++) {
        const b = reportedAt(s, k);
        if (b < 0) break;
        proposedUpTo[i] = k;
        repropose(k, b);
      }
    };
    if (best < 0 && faults.equivocates && ctx.isFaulty(i)) {
      const x = blocks.create(h, parent, target, i, sim.now);
      const y = blocks.create(h, parent, target, i, sim.now);
      pairs.set(pairKey(h, target), y);
      acceptPrePrepare(i, h, target, x);
      ctx.multicast(NV, i, faults.side0, ctx.message(NEW_VIEW, h, target, x, i, size["new-view"]));
      ctx.multicast(NV, i, faults.side1, ctx.message(NEW_VIEW, h, target, y, i, size["new-view"]));
      return;
    }
    const b = best >= 0 ? best : blocks.create(h, parent, target, i, sim.now);
    acceptPrePrepare(i, h, target, b);
    ctx.multicast(NV, i, ctx.everyone, ctx.message(NEW_VIEW, h, target, b, i, size["new-view"]));
    reproposeAbove();
  };

  const enterView = (i: number, v: number) => {
    view[i] = v;
    changing[i] = 0;
    // The timer keeps doubling until a height is decided (section 4.4: "waits 2T").
    if (next[i] < H) timer.set(i, options.viewTimeoutS * Math.pow(2, Math.min(streak[i], 20)));
  };

  const PP = net.defineMessage("pre-prepare", (to, msg, from) => {
    const h = arena.height[msg];
    const v = arena.round[msg];
    if (from !== primaryOf(v) || v < view[to] || h < next[to] || h > stable[to] + L) {
      lateOrDropped++;
      return;
    }
    if (v > view[to]) {
      // Early for a view this replica has not entered: the slot remembers it, acted on when it enters.
      lateOrDropped++;
      return;
    }
    acceptPrePrepare(to, h, v, arena.value[msg]);
  });
  // The hot handlers (N^2 deliveries per height): the tally returned by add decides, no recount.
  const PR = net.defineMessage("prepare", (to, msg, from) => {
    const h = arena.height[msg];
    if (h < next[to]) return;
    const v = arena.round[msg];
    if (v < view[to] || from === v % n) return;
    const s = book.slot(to, h, v);
    if (s < 0) return;
    const b = arena.value[msg];
    if (3 * book.add(s, P_PREPARE, b, stake[from]) > 2 * total && book.aux[s] === b) progress(to, h, v, s);
  });
  const CM = net.defineMessage("commit", (to, msg, from) => {
    const h = arena.height[msg];
    if (h < next[to]) return;
    const v = arena.round[msg];
    const s = book.slot(to, h, v);
    if (s < 0) return;
    const b = arena.value[msg];
    if (3 * book.add(s, P_COMMIT, b, stake[from]) > 2 * total) commit(to, h, v, b);
  });
  const CP = net.defineMessage("checkpoint", (to, msg, from) => {
    const h = arena.height[msg];
    if (h <= stable[to]) return;
    const s = book.slot(to, h, 0);
    if (s < 0) return;
    const b = arena.value[msg];
    book.add(s, P_CHECKPOINT, b, stake[from]);
    checkStable(to, h, s, b);
  });
  const VC = net.defineMessage("view-change", (to, msg, from) => {
    const target = arena.round[msg];
    if (target < view[to]) return;
    recordViewChange(to, from, target, arena.height[msg], vcPayload, msg * 2 * AHEAD);
  });
  const NV = net.defineMessage("new-view", (to, msg, from) => {
    const v = arena.round[msg];
    if (from !== primaryOf(v) || v < view[to] || (v === view[to] && !changing[to])) return;
    enterView(to, v);
    const h = arena.height[msg];
    if (h >= next[to] && h <= stable[to] + L) acceptPrePrepare(to, h, v, arena.value[msg]);
    else maybePropose(to);
  });

  const sync = new BlockSync(ctx, setup.syncTimeoutS ?? 30, (i, h) => {
    next[i] = h + 1;
    streak[i] = 0;
    if (h + 1 < H) {
      if (!changing[i]) timer.set(i, options.viewTimeoutS);
      maybePropose(i);
    } else timer.cancel(i);
  });
  ctx.onDecide = (i) => sync.progress(i);

  // Height 0: every replica waits for the primary of view 0 with its timer running.
  sim.schedule(0, scope.defineKind("start", () => {
    sync.start();
    for (let i = 0; i < n; i++) timer.set(i, options.viewTimeoutS);
    maybePropose(primaryOf(0));
  }));

  return runContext(ctx, "pbft", {
    pipelined: false,
    viewChanges: () => viewChanges,
    droppedVotes: () => book.dropped + vcBook.dropped + lateOrDropped,
    extra: () => ({ stableCheckpoint: Math.max(...stable), finalView: Math.max(...view), stateTransfers: transfers, syncRequests: sync.requests, synced: sync.synced }),
  });
}

function kindName(type: number): string {
  return type === PREPARE ? "prepare" : type === COMMIT ? "commit" : "checkpoint";
}
