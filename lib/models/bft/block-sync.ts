/**
 * Block sync: how a validator that fell behind (it missed a proposal or the
 * votes of a side it was cut from, or its peers finished the last height and
 * went quiet) learns the decided blocks. CometBFT's block-sync and catch-up
 * gossip and PBFT's state transfer (Castro & Liskov 1999, section 4.3) do
 * this; here it is one mechanism for all four protocols:
 *
 *   a validator that decided nothing for `syncTimeoutS` (doubling after each
 *   fruitless try) multicasts SYNC-REQUEST(h), h its next undecided height;
 *   a validator that has decided h replies with SYNC-RESPONSE carrying its
 *   highest decided block (with the certificate that proves it);
 *   the requester decides, height by height from h, the block that
 *   responders with more than 1/3 of the stake vouch for (the block at that
 *   height on their decided chain): at least one of them is honest while
 *   the faulty stake is below 1/3, so agreement is kept.
 *
 * In a run without faults the timer never fires (heights take far less than
 * syncTimeoutS), so the message counts of the protocols are untouched.
 */
import { Timers } from "../../engine/timers";
import type { BftContext } from "./context";
import type { MessageShape } from "./costs";
import { hasWeakQuorum } from "./validators";

export const SYNC_SHAPES: Readonly<Record<string, MessageShape>> = {
  "sync-request": { sigs: 1, certificates: 0, block: false },
  "sync-response": { sigs: 1, certificates: 1, block: true },
};

const T_REQUEST = 101;
const T_RESPONSE = 102;

export class BlockSync {
  requests = 0;
  synced = 0;
  private readonly timer: Timers;
  private readonly tries: Int32Array;
  /** Per requester: each responder's top block (-1: none), allocated on first use. */
  private readonly responses = new Map<number, Int32Array>();
  private readonly REQ: number;
  private readonly RESP: number;

  constructor(
    private readonly ctx: BftContext,
    private readonly syncTimeoutS: number,
    /** The protocol adopts a block decided through sync at `node` (it has been recorded with ctx.decide). */
    private readonly adopt: (node: number, height: number, block: number) => void,
  ) {
    const n = ctx.n;
    this.tries = new Int32Array(n);
    this.timer = new Timers(ctx.sim.scope("sync"), "sync-timer", n, (i) => this.fire(i));
    const arena = ctx.net.arena;
    this.REQ = ctx.net.defineMessage("sync-request", (to, msg, from) => {
      const h = arena.height[msg];
      if (ctx.topHeight[to] >= h) ctx.sendTo(this.RESP, to, from, ctx.message(T_RESPONSE, ctx.topHeight[to], 0, ctx.topBlock[to], to, ctx.sizes["sync-response"]));
    });
    this.RESP = ctx.net.defineMessage("sync-response", (to, msg, from) => this.respond(to, from, arena.value[msg]));
  }

  /** Arm every validator's timer (at the start of the run). */
  start(): void {
    for (let i = 0; i < this.ctx.n; i++) this.timer.set(i, this.syncTimeoutS);
  }

  /** `node` decided something: its timer starts over. */
  progress(node: number): void {
    this.tries[node] = 0;
    if (this.ctx.topHeight[node] + 1 >= this.ctx.heights) this.timer.cancel(node);
    else this.timer.set(node, this.syncTimeoutS);
  }

  private fire(i: number): void {
    const ctx = this.ctx;
    if (ctx.net.crashed[i] || ctx.topHeight[i] + 1 >= ctx.heights) return;
    this.requests++;
    this.timer.set(i, this.syncTimeoutS * Math.pow(2, Math.min(++this.tries[i], 20)));
    ctx.multicast(this.REQ, i, ctx.everyone, ctx.message(T_REQUEST, ctx.topHeight[i] + 1, 0, -1, i, ctx.sizes["sync-request"]));
  }

  private respond(i: number, from: number, top: number): void {
    const ctx = this.ctx;
    const blocks = ctx.blocks;
    let tops = this.responses.get(i);
    if (!tops) {
      tops = new Int32Array(ctx.n).fill(-1);
      this.responses.set(i, tops);
    }
    tops[from] = top;
    // Decide height by height while a block there has more than 1/3 of the stake vouching for it.
    for (;;) {
      const h = ctx.topHeight[i] + 1;
      if (h >= ctx.heights) return;
      let chosen = -1;
      const stakeOf = new Map<number, number>();
      for (let j = 0; j < ctx.n; j++) {
        let b = tops[j];
        if (b <= 0 || blocks.height[b] < h) continue;
        while (b > 0 && blocks.height[b] > h) b = blocks.parent[b];
        if (b <= 0 || blocks.height[b] !== h) continue;
        const s = (stakeOf.get(b) ?? 0) + ctx.stake[j];
        stakeOf.set(b, s);
        if (hasWeakQuorum(s, ctx.v.total)) chosen = b;
      }
      if (chosen < 0) return;
      this.synced++;
      ctx.decide(i, h, chosen, -1);
      this.adopt(i, h, chosen);
      this.progress(i);
    }
  }
}
