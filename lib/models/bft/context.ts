/**
 * What every protocol runs on: one Simulation, the shared Network (complete
 * overlay or graph, latencies, bandwidth, CPU queues, loss, crashes,
 * partitions from lib/network/), the validator set, the fault plan, the
 * block table, the safety monitor and the finality log. A protocol file
 * defines its message kinds on `ctx.net`, schedules its start and calls
 * `ctx.decide` for every decision; `runContext` runs the simulation until
 * every honest validator has decided every height (or the time cap) and
 * collects the run.
 *
 * The context adds two things to the network configuration it is given:
 * the crash faults (crash time faultAtS for each faulty validator, merged
 * into the crash schedule) and the per-kind signature-verification costs of
 * costs.ts as `cpuCostS` (so the CPU queue is on only when something costs).
 */
import { Simulation } from "../../engine/simulation";
import { Network, type MessageStats } from "../../network/network";
import type { CrashEvent, NetworkConfig } from "../../network/runtime-config";
import type { Rng } from "../../random/seed";
import { BlockTable } from "./blocks";
import { SYNC_SHAPES } from "./block-sync";
import { MessageCosts, type CostParams, type MessageShape } from "./costs";
import type { FaultPlan } from "./faults";
import { FinalityLog } from "./finality";
import { SafetyMonitor } from "./safety-monitor";
import { quorumSigners, stakeOf, type ValidatorSet } from "./validators";

export interface BftSetup {
  readonly validators: ValidatorSet;
  readonly faults: FaultPlan;
  /** The network (built from the shared network parameters, or by hand); its node count is the validator count. */
  readonly network: NetworkConfig;
  readonly costs: CostParams;
  readonly heights: number;
  /** Stop the run at this simulated time (a halted protocol never finishes), seconds. */
  readonly maxTimeS: number;
  /** Stop the run after this many events (default 2e9). */
  readonly maxEvents?: number;
  /** Block sync: a validator that decided nothing for this long asks the others (block-sync.ts), seconds. */
  readonly syncTimeoutS?: number;
}

export class BftContext {
  readonly n: number;
  readonly sim: Simulation;
  readonly net: Network;
  readonly v: ValidatorSet;
  readonly stake: Float64Array;
  readonly faults: FaultPlan;
  readonly faulty: Uint8Array;
  readonly blocks = new BlockTable();
  readonly monitor: SafetyMonitor;
  readonly log: FinalityLog;
  readonly costs: MessageCosts;
  readonly heights: number;
  /** 0 .. N-1, the recipients of an all-to-all multicast (the Network skips the sender). */
  readonly everyone: Int32Array;
  /** Per-kind message bytes, by kind name. */
  readonly sizes: Record<string, number> = {};
  /** Bytes each validator has sent (size times recipients). */
  readonly bytesSent: Float64Array;
  /** Per validator (faulty ones included): its highest decided height (-1: none) and block (decisions are in height order). */
  readonly topHeight: Int32Array;
  readonly topBlock: Int32Array;
  /** A side column of the message arena (indexed by message id): what a message carries beyond type/height/round/value/signer. */
  msgAux: Int32Array = new Int32Array(1024);

  constructor(
    readonly setup: BftSetup,
    shapes: Readonly<Record<string, MessageShape>>,
    rng: Rng,
  ) {
    const v = setup.validators;
    this.n = v.n;
    this.v = v;
    this.stake = v.stake;
    this.faults = setup.faults;
    this.faulty = setup.faults.faulty;
    this.heights = setup.heights;
    this.costs = new MessageCosts(setup.costs, v.n, quorumSigners(v));
    shapes = { ...shapes, ...SYNC_SHAPES };
    for (const [name, shape] of Object.entries(shapes)) this.sizes[name] = this.costs.bytes(shape);
    this.sim = new Simulation(1 << 16);
    this.net = new Network(this.sim, networkWithFaultsAndCosts(setup, this.costs, shapes), rng.child("network"));
    if (this.net.n !== v.n) throw new RangeError(`network has ${this.net.n} nodes, validators ${v.n}`);
    this.monitor = new SafetyMonitor(setup.heights, this.blocks);
    const honest = new Uint8Array(v.n);
    for (let i = 0; i < v.n; i++) honest[i] = this.faulty[i] ? 0 : 1;
    this.log = new FinalityLog(setup.heights, v.n, stakeOf(v, honest), v.n - setup.faults.count);
    this.everyone = Int32Array.from({ length: v.n }, (_, i) => i);
    this.bytesSent = new Float64Array(v.n);
    this.topHeight = new Int32Array(v.n).fill(-1);
    this.topBlock = new Int32Array(v.n);
  }

  /** A message (arena id) of `type` for (height, round) carrying `value`, signed by `signer`, `size` bytes; `aux` in the side column. */
  message(type: number, height: number, round: number, value: number, signer: number, size: number, aux = 0): number {
    const id = this.net.arena.alloc(type, height, round, value, signer, size);
    if (id >= this.msgAux.length) {
      const a = new Int32Array(Math.max(2 * this.msgAux.length, id + 1));
      a.set(this.msgAux);
      this.msgAux = a;
    }
    this.msgAux[id] = aux;
    return id;
  }

  /** Multicast to recipients[0 .. count) (the sender skipped), counting the sender's bytes. */
  multicast(kind: number, from: number, recipients: Int32Array, msg: number, count = recipients.length): void {
    const size = this.net.arena.sizeBytes[msg];
    this.bytesSent[from] += size * this.net.multicast(kind, from, recipients, msg, count);
  }

  /** Send to every neighbour of `from` for which `filter` holds (gossip), counting the sender's bytes. */
  broadcast(kind: number, from: number, msg: number, filter?: (to: number) => boolean): void {
    const size = this.net.arena.sizeBytes[msg];
    this.bytesSent[from] += size * this.net.broadcast(kind, from, msg, filter);
  }

  /** Send to one validator, counting the sender's bytes. */
  sendTo(kind: number, from: number, to: number, msg: number): void {
    const size = this.net.arena.sizeBytes[msg];
    if (this.net.sendTo(kind, from, to, msg)) this.bytesSent[from] += size;
  }

  /** Called on every decision (block sync restarts the node's timer). */
  onDecide: ((node: number) => void) | null = null;

  isFaulty(node: number): boolean {
    return this.faulty[node] === 1;
  }

  /** `node` decided `block` at `height` in `round` (faulty validators' decisions are not recorded). */
  decide(node: number, height: number, block: number, round: number): void {
    if (height > this.topHeight[node]) {
      this.topHeight[node] = height;
      this.topBlock[node] = block;
    }
    this.onDecide?.(node);
    if (this.faulty[node]) return;
    const now = this.sim.now;
    this.monitor.record(node, height, block, now);
    if (this.log.record(node, this.stake[node], height, round, now)) this.sim.stop();
  }
}

/**
 * Decide block `b` and its ancestors from height `from` up at `node` (HotStuff's
 * onCommit: committing a block commits its whole branch, Yin et al. 2019
 * Algorithm 4). Returns the next undecided height (from, if b is not above it).
 */
export function commitChain(ctx: BftContext, node: number, b: number, from: number, round: number, scratch: Int32Array): number {
  const blocks = ctx.blocks;
  const top = blocks.height[b];
  if (top < from) return from;
  let k = 0;
  for (let x = b; x > 0 && blocks.height[x] >= from; x = blocks.parent[x]) scratch[k++] = x;
  for (let j = k - 1; j >= 0; j--) ctx.decide(node, blocks.height[scratch[j]], scratch[j], round);
  return top + 1;
}

function networkWithFaultsAndCosts(setup: BftSetup, costs: MessageCosts, shapes: Readonly<Record<string, MessageShape>>): NetworkConfig {
  const base = setup.network;
  const f = setup.faults;
  let crashes: readonly CrashEvent[] = base.crashes ?? [];
  if (f.kind === "crash") {
    const given = new Set(crashes.map((c) => c.node));
    const extra: CrashEvent[] = [];
    for (let i = 0; i < f.faulty.length; i++) if (f.faulty[i] && !given.has(i)) extra.push({ node: i, atS: f.atS });
    crashes = [...crashes, ...extra];
  }
  const n = setup.validators.n;
  const resources = base.resources ?? { uplinkBps: new Float64Array(n).fill(Infinity), downlinkBps: new Float64Array(n).fill(Infinity) };
  const cpu = costs.free(shapes) ? {} : { cpuCostS: costs.cpuCosts(shapes) };
  const { cpuCostS: _drop, ...rest } = resources;
  return { ...base, crashes, resources: { ...rest, ...cpu } };
}

/** The outcome of one protocol run. */
export interface BftRun {
  readonly protocol: string;
  readonly n: number;
  readonly heights: number;
  /** Heights final (a prefix). */
  readonly finalHeights: number;
  /** Per height: when it became final (> 2/3 of the honest stake decided), NaN if never. */
  readonly finalS: Float64Array;
  /** Per height: latency, seconds (sequential protocols: final[h] - final[h-1]; pipelined: final[h] - proposal of the decided block). */
  readonly latencyS: Float64Array;
  /** Per height: round or view of the first decision (0: decided in the first round or view of the height). */
  readonly rounds: Int32Array;
  readonly stats: Record<string, MessageStats>;
  readonly messages: number;
  readonly bytes: number;
  /** Per validator: bytes sent. */
  readonly bytesSentMax: number;
  readonly events: number;
  readonly stop: string;
  readonly timeS: number;
  readonly conflicts: number;
  readonly invalid: number;
  readonly firstConflict: SafetyMonitor["firstConflict"];
  readonly viewChanges: number;
  readonly droppedVotes: number;
  readonly extra: Readonly<Record<string, number>>;
}

/** Run until every honest validator has decided every height or maxTimeS; collect the run. */
export function runContext(ctx: BftContext, protocol: string, opts: { pipelined: boolean; viewChanges: () => number; droppedVotes: () => number; extra?: () => Record<string, number> }): BftRun {
  const report = ctx.sim.run({ maxTimeS: ctx.setup.maxTimeS, maxEvents: ctx.setup.maxEvents ?? 2e9 });
  const H = ctx.heights;
  const log = ctx.log;
  const latencyS = new Float64Array(H).fill(NaN);
  for (let h = 0; h < H; h++) {
    if (opts.pipelined) {
      const b = ctx.monitor.decided[h];
      latencyS[h] = b > 0 ? log.finalS[h] - ctx.blocks.proposedS[b] : NaN;
    } else latencyS[h] = log.finalS[h] - (h === 0 ? 0 : log.finalS[h - 1]);
  }
  const stats = ctx.net.statsByKind();
  let messages = 0;
  let bytes = 0;
  for (const s of Object.values(stats)) {
    messages += s.sent;
    bytes += s.bytes;
  }
  let bytesSentMax = 0;
  for (let i = 0; i < ctx.n; i++) if (ctx.bytesSent[i] > bytesSentMax) bytesSentMax = ctx.bytesSent[i];
  return {
    protocol,
    n: ctx.n,
    heights: H,
    finalHeights: log.finalHeights(),
    finalS: log.finalS,
    latencyS,
    rounds: log.round,
    stats,
    messages,
    bytes,
    bytesSentMax,
    events: report.events,
    stop: report.stop,
    timeS: report.timeS,
    conflicts: ctx.monitor.conflicts,
    invalid: ctx.monitor.invalid,
    firstConflict: ctx.monitor.firstConflict,
    viewChanges: opts.viewChanges(),
    droppedVotes: opts.droppedVotes(),
    extra: opts.extra ? opts.extra() : {},
  };
}
