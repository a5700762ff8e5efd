/**
 * Partition schedules: a sequence of windows during which the network is cut
 * into groups. JSON-valued (a model parameter can hold one), validated with
 * errors that name the field, the value and the allowed range.
 *
 * A two-window schedule as a researcher writes it on the command line (the
 * option is the model's partition parameter, e.g. `--partitions`):
 *
 *   --partitions '[
 *     {"startS": 600, "durationS": 1200, "mode": "hold",
 *      "groups": {"by": "weight", "shares": [0.3]}},
 *     {"startS": 3600, "durationS": null,
 *      "groups": {"by": "nodes", "groups": [[0, 1, 2], [3, 4]]},
 *      "cutGroups": [[0, 1]], "cutLinks": [[5, 6]],
 *      "delayMs": [[0, 0, 250], [0, 0, 0], [400, 0, 0]]}
 *   ]'
 *
 * The first window splits off 30% of the weight (hash rate or stake) from
 * 600 s to 1800 s and holds every message across the cut until the heal
 * (Dwork, Lynch & Stockmeyer 1988, "Consensus in the presence of partial
 * synchrony", J. ACM 35(2), section 2: the heal is the global stabilisation
 * time). The second, from 3600 s on and never healing, has three groups
 * (nodes 0-2, nodes 3-4, everyone else = group 2): groups 0 and 1 are cut
 * from each other, the link 5-6 is cut, and messages from group 0 to group 2
 * take 250 ms longer, from group 2 to group 0 400 ms longer.
 *
 * Pipeline: validatePartitionSchedule (JSON value -> checked spec) ->
 * resolvePartitionSchedule (spec + seeded stream -> groups drawn, typed
 * arrays) -> PartitionState (what the Network asks on every message).
 *
 * Rules (also in the error messages):
 * - windows sorted by startS, not overlapping: the next starts at or after the
 *   previous heal (startS + durationS); durationS null (or Infinity): never heals,
 *   and no window may follow it.
 * - by fraction / weight: `shares` lists every group but the last; each share is
 *   in (0, 1) and they sum to < 1 strictly: the rest is one more group, never
 *   empty by construction of the spec (write [0.5] for two halves). So
 *   g = shares.length + 1 always, and group indices do not depend on n.
 *   By fraction, group k has round(share_k * n) nodes, each >= 1 and leaving >= 1
 *   node for the rest (checked against n). By weight, group k's weight is within
 *   one node's weight (the largest) of share_k * total (proof at splitByWeight);
 *   a group can then be empty (a whale heavier than a share), which is allowed.
 * - by nodes: non-empty lists of node ids, each node in at most one list; nodes
 *   listed nowhere form one more group, present only if some node is unlisted.
 * - groups omitted: one group of every node (a window of cutLinks or delays only).
 * - cutGroups: pairs of different group indices (the rest group included);
 *   default every pair; [] cuts no group pair (a delay-only window).
 * - delayMs: g x g, finite >= 0 ms, from row group to column group (the diagonal is
 *   a delay within a group); a cut group pair must have 0 (its messages are
 *   dropped or held, never delayed).
 */
import { ParameterError } from "../experiment/params";
import type { Xoshiro128 } from "../random/xoshiro128";

/** How the nodes are split into groups for one window. */
export type GroupSpec =
  /** Group sizes as shares of the node count, every group but the last (the rest); members drawn at random. */
  | { readonly by: "fraction"; readonly shares: readonly number[] }
  /** Group sizes as shares of the total weight (hash rate or stake), each within one node's weight; members drawn at random; the rest is the last group. */
  | { readonly by: "weight"; readonly shares: readonly number[] }
  /** Explicit member lists; nodes listed nowhere form one more group. */
  | { readonly by: "nodes"; readonly groups: readonly (readonly number[])[] };

export interface PartitionWindowSpec {
  /** Start, seconds (>= 0). */
  readonly startS: number;
  /** Duration, seconds (> 0); null: never heals. */
  readonly durationS: number | null;
  /** Default: one group of every node (only cutLinks and delayMs then act). */
  readonly groups?: GroupSpec;
  /**
   * drop: a message across the cut is lost (checked at send and at arrival);
   * hold: it is delivered after the heal (arrival = max(its own arrival, heal + its latency)),
   *       partial synchrony with the heal as the global stabilisation time.
   * Default drop.
   */
  readonly mode?: "drop" | "hold";
  /** Which group pairs are cut (unordered, group indices): default every pair. A partial partition lists some. */
  readonly cutGroups?: readonly (readonly [number, number])[];
  /** Extra node pairs cut in this window (unordered), beyond the group cuts. */
  readonly cutLinks?: readonly (readonly [number, number])[];
  /** Extra one-way delay from group i to group j, ms, for pairs not cut (asymmetric allowed); g x g. */
  readonly delayMs?: readonly (readonly number[])[];
}

/** Windows in time order; they must not overlap. */
export type PartitionScheduleSpec = readonly PartitionWindowSpec[];

/** One window with its groups drawn. */
export interface ResolvedPartitionWindow {
  readonly startS: number;
  /** Heal time, seconds (Infinity: never). */
  readonly endS: number;
  readonly mode: "drop" | "hold";
  /** Group of every node. */
  readonly group: Int32Array;
  readonly groupCount: number;
  /** 1 where group pair (i, j) is cut, row-major g x g, symmetric. */
  readonly cut: Uint8Array;
  /** Extra delay from group i to group j, seconds, row-major g x g (zeros if none). */
  readonly delayS: Float64Array;
  /** Cut node pairs, each as min * n + max, sorted ascending. */
  readonly cutLinks: Float64Array;
}

const WINDOW_FIELDS = ["startS", "durationS", "groups", "mode", "cutGroups", "cutLinks", "delayMs"] as const;
const GROUP_KINDS = ["fraction", "weight", "nodes"] as const;
const MODES = ["drop", "hold"] as const;
const SHARE_FIELDS = ["by", "shares"] as const;
const NODES_FIELDS = ["by", "groups"] as const;

// ---------------------------------------------------------------- validation

/**
 * Check a JSON value (or its JSON text) as a partition schedule for n nodes;
 * returns a fresh copy holding only the known fields. `weights` (one per node)
 * are needed, and checked, only if a window splits by weight. `name` is the
 * parameter the schedule came from, the root of every error path.
 */
export function validatePartitionSchedule(spec: unknown, n: number, weights?: ArrayLike<number>, name = "partitions"): PartitionScheduleSpec {
  if (!(Number.isInteger(n) && n >= 1)) throw new ParameterError("nodes", n, "an integer >= 1");
  if (typeof spec === "string") spec = parseJson(spec, name);
  if (!Array.isArray(spec)) throw new ParameterError(name, spec, "an array of windows [{startS, durationS, groups, ...}] (may be empty)");
  const out: PartitionWindowSpec[] = [];
  let prevEnd = -Infinity;
  for (let i = 0; i < spec.length; i++) {
    const path = `${name}[${i}]`;
    const w = validateWindow(spec[i], path, n, weights);
    if (w.startS < prevEnd) {
      const allowed =
        prevEnd === Infinity
          ? `no window after ${name}[${i - 1}], which never heals (durationS null)`
          : `a start >= ${prevEnd} (windows sorted by startS and not overlapping: ${name}[${i - 1}] heals at ${prevEnd} s)`;
      throw new ParameterError(`${path}.startS`, w.startS, allowed);
    }
    prevEnd = w.durationS === null ? Infinity : w.startS + w.durationS;
    out.push(w);
  }
  return out;
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ParameterError(name, text, `JSON text of an array of windows (${(e as Error).message})`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function rejectUnknown(obj: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) throw ParameterError.unknown(`${path}.${key}`, obj[key], known, path);
  }
}

function validateWindow(raw: unknown, path: string, n: number, weights: ArrayLike<number> | undefined): PartitionWindowSpec {
  if (!isRecord(raw)) throw new ParameterError(path, raw, `an object with fields ${WINDOW_FIELDS.join(", ")}`);
  rejectUnknown(raw, WINDOW_FIELDS, path);
  const startS = raw.startS;
  if (typeof startS !== "number" || !Number.isFinite(startS) || startS < 0) throw new ParameterError(`${path}.startS`, startS, "a finite number >= 0 (seconds)");
  const d = raw.durationS;
  if (!(d === null || (typeof d === "number" && d > 0))) throw new ParameterError(`${path}.durationS`, d, "a number > 0 (seconds), or null (never heals)");
  const durationS = d === Infinity ? null : (d as number | null);
  const mode = raw.mode;
  if (mode !== undefined && !(MODES as readonly unknown[]).includes(mode)) throw new ParameterError(`${path}.mode`, mode, `one of ${MODES.join(", ")} (default drop)`);

  const groups = raw.groups === undefined ? undefined : validateGroups(raw.groups, `${path}.groups`, n, weights);
  const g = groupCountOf(groups, n);
  const out: { -readonly [K in keyof PartitionWindowSpec]: PartitionWindowSpec[K] } = { startS, durationS, groups };
  if (groups === undefined) delete out.groups;
  if (mode !== undefined) out.mode = mode as "drop" | "hold";

  const describeGroups = groupsDescription(groups, g);
  if (raw.cutGroups !== undefined) out.cutGroups = validatePairs(raw.cutGroups, `${path}.cutGroups`, g, "group index", describeGroups);
  if (raw.cutLinks !== undefined) out.cutLinks = validatePairs(raw.cutLinks, `${path}.cutLinks`, n, "node", `n = ${n}`);
  if (raw.delayMs !== undefined) {
    const cut = cutMatrix(out.cutGroups, g);
    out.delayMs = validateDelay(raw.delayMs, `${path}.delayMs`, g, cut, describeGroups);
  }
  return out;
}

function validateGroups(raw: unknown, path: string, n: number, weights: ArrayLike<number> | undefined): GroupSpec {
  const shape = `an object {"by": "fraction" | "weight", "shares": [...]} or {"by": "nodes", "groups": [[...], ...]}`;
  if (!isRecord(raw)) throw new ParameterError(path, raw, shape);
  const by = raw.by;
  if (!(GROUP_KINDS as readonly unknown[]).includes(by)) throw new ParameterError(`${path}.by`, by, `one of ${GROUP_KINDS.join(", ")}`);
  if (by === "nodes") {
    rejectUnknown(raw, NODES_FIELDS, path);
    return { by, groups: validateNodeLists(raw.groups, `${path}.groups`, n) };
  }
  rejectUnknown(raw, SHARE_FIELDS, path);
  const shares = validateShares(raw.shares, `${path}.shares`);
  if (by === "fraction") {
    checkFractionSizes(shares, `${path}.shares`, n);
    return { by, shares };
  }
  if (weights === undefined) {
    throw new ParameterError(`${path}.by`, by, `fraction or nodes: no node weights were given ("weight" needs weights of length n = ${n}, e.g. hash rates or stake)`);
  }
  validateWeights(weights, n);
  return { by: "weight", shares };
}

function validateShares(raw: unknown, path: string): number[] {
  const allowed = "a non-empty array of shares in (0, 1) summing to < 1 (the nodes left over form one more group: [0.5] splits in halves)";
  if (!Array.isArray(raw) || raw.length === 0) throw new ParameterError(path, raw, allowed);
  let sum = 0;
  for (let k = 0; k < raw.length; k++) {
    const s = raw[k];
    if (typeof s !== "number" || !(s > 0 && s < 1)) throw new ParameterError(`${path}[${k}]`, s, "a number, 0 < share < 1");
    sum += s;
  }
  if (!(sum < 1)) throw new ParameterError(path, raw, `shares summing to < 1 (they sum to ${sum}); the nodes left over form one more group, so [0.5] splits in halves`);
  return raw.slice() as number[];
}

/** By fraction, every group (the rest included) must get at least one node of n. */
function checkFractionSizes(shares: readonly number[], path: string, n: number): void {
  const sizes = fractionSizes(shares, n);
  for (let k = 0; k < shares.length; k++) {
    if (sizes[k] < 1) throw new ParameterError(`${path}[${k}]`, shares[k], `a share giving at least one of n = ${n} nodes: round(share * n) >= 1, i.e. share >= ${0.5 / n}`);
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > n - 1) {
    throw new ParameterError(path, shares, `group sizes round(share * n) (here ${sizes.join(", ")}) summing to at most n - 1 = ${n - 1}, so the rest group keeps a node`);
  }
}

/** Group sizes of a split by fraction: round(share * n) each (the rest: n minus their sum). */
export function fractionSizes(shares: readonly number[], n: number): number[] {
  return shares.map((s) => Math.round(s * n));
}

function validateWeights(weights: ArrayLike<number>, n: number): void {
  const path = "weights";
  if (weights == null || typeof weights.length !== "number" || weights.length !== n) {
    throw new ParameterError(path, weights == null ? weights : `length ${weights.length}`, `one weight per node, length n = ${n}`);
  }
  let total = 0;
  for (let v = 0; v < n; v++) {
    const x = weights[v];
    if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new ParameterError(`${path}[${v}]`, x, "a finite number >= 0");
    total += x;
  }
  if (!(total > 0)) throw new ParameterError(path, `total ${total}`, "weights with a total > 0");
}

function validateNodeLists(raw: unknown, path: string, n: number): number[][] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ParameterError(path, raw, "a non-empty array of node lists [[0, 1], [2]] (nodes listed nowhere form one more group)");
  const owner = new Int32Array(n).fill(-1);
  return raw.map((list, i) => {
    const lp = `${path}[${i}]`;
    if (!Array.isArray(list) || list.length === 0) throw new ParameterError(lp, list, "a non-empty array of node ids");
    for (let k = 0; k < list.length; k++) {
      const v = list[k];
      if (!Number.isInteger(v) || v < 0 || v >= n) throw new ParameterError(`${lp}[${k}]`, v, `a node id, an integer 0 <= node < n = ${n}`);
      if (owner[v] >= 0) throw new ParameterError(`${lp}[${k}]`, v, `a node in at most one group (node ${v} is already in ${path}[${owner[v]}])`);
      owner[v] = i;
    }
    return list.slice() as number[];
  });
}

/** Number of groups a window has (the rest group included where it exists). */
export function groupCountOf(groups: GroupSpec | undefined, n: number): number {
  if (groups === undefined) return 1;
  if (groups.by !== "nodes") return groups.shares.length + 1;
  let listed = 0;
  for (const list of groups.groups) listed += list.length;
  return groups.groups.length + (listed < n ? 1 : 0);
}

function groupsDescription(groups: GroupSpec | undefined, g: number): string {
  if (groups === undefined) return "g = 1 (groups omitted: one group of every node)";
  const listed = groups.by === "nodes" ? groups.groups.length : groups.shares.length;
  const rest = listed < g ? `, ${listed} the rest` : "";
  return `g = ${g}: ${listed === 1 ? "group 0" : `groups 0..${listed - 1}`} ${groups.by === "nodes" ? "listed" : "from shares"}${rest}`;
}

function validatePairs(raw: unknown, path: string, limit: number, what: string, context: string): [number, number][] {
  if (!Array.isArray(raw)) throw new ParameterError(path, raw, `an array of pairs [a, b] of ${what}s, 0 <= ${what} < ${limit} (${context})`);
  return raw.map((pair, k) => {
    const pp = `${path}[${k}]`;
    if (!Array.isArray(pair) || pair.length !== 2) throw new ParameterError(pp, pair, `a pair [a, b] of ${what}s`);
    for (let e = 0; e < 2; e++) {
      const v = pair[e];
      if (!Number.isInteger(v) || v < 0 || v >= limit) throw new ParameterError(`${pp}[${e}]`, v, `a ${what}, an integer 0 <= ${what} < ${limit} (${context})`);
    }
    if (pair[0] === pair[1]) throw new ParameterError(pp, pair, `two different ${what}s`);
    return [pair[0], pair[1]];
  });
}

/** Cut group pairs, row-major g x g, symmetric: the listed pairs, or every pair of different groups. */
function cutMatrix(cutGroups: readonly (readonly [number, number])[] | undefined, g: number): Uint8Array {
  const cut = new Uint8Array(g * g);
  if (cutGroups === undefined) {
    for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) cut[i * g + j] = i === j ? 0 : 1;
  } else {
    for (const [i, j] of cutGroups) cut[i * g + j] = cut[j * g + i] = 1;
  }
  return cut;
}

function validateDelay(raw: unknown, path: string, g: number, cut: Uint8Array, context: string): number[][] {
  const shape = `a ${g} x ${g} matrix of delays in ms, row = from group, column = to group (${context})`;
  if (!Array.isArray(raw) || raw.length !== g) throw new ParameterError(path, raw, shape);
  return raw.map((row, i) => {
    if (!Array.isArray(row) || row.length !== g) throw new ParameterError(`${path}[${i}]`, row, `a row of ${g} numbers (${shape})`);
    return row.map((x, j) => {
      const p = `${path}[${i}][${j}]`;
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new ParameterError(p, x, "a finite number >= 0 (ms)");
      if (x !== 0 && cut[i * g + j]) throw new ParameterError(p, x, `0: groups ${i} and ${j} are cut in this window, their messages are dropped or held, not delayed (list the cut pairs in cutGroups to connect them)`);
      return x;
    });
  });
}

// ---------------------------------------------------------------- resolution

export interface ResolveOptions {
  /** Node weights (hash rate or stake), needed by windows split by weight. */
  readonly weights?: ArrayLike<number>;
  /** The stream the random splits are drawn from (only windows by fraction or weight draw). */
  readonly rng: Xoshiro128;
  /** Parameter name for errors (default "partitions"). */
  readonly name?: string;
}

/**
 * Validate and draw every window's groups. Windows by fraction or weight draw
 * one uniform random order of the nodes each (n - 1 draws), in window order,
 * so the result is a pure function of (spec, n, weights, rng state). Memory:
 * O(n + g^2 + cut links) per window.
 */
export function resolvePartitionSchedule(spec: unknown, n: number, options: ResolveOptions): ResolvedPartitionWindow[] {
  const checked = validatePartitionSchedule(spec, n, options.weights, options.name);
  const order = new Int32Array(n);
  return checked.map((w) => resolveWindow(w, n, options, order));
}

function resolveWindow(w: PartitionWindowSpec, n: number, options: ResolveOptions, order: Int32Array): ResolvedPartitionWindow {
  const g = groupCountOf(w.groups, n);
  const group = new Int32Array(n);
  const spec = w.groups;
  if (spec !== undefined) {
    if (spec.by === "nodes") assignListed(spec.groups, group);
    else {
      randomOrder(order, options.rng);
      if (spec.by === "fraction") splitByFraction(order, spec.shares, group);
      else splitByWeight(order, spec.shares, options.weights as ArrayLike<number>, group);
    }
  }
  const delayS = new Float64Array(g * g);
  if (w.delayMs) for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) delayS[i * g + j] = w.delayMs[i][j] / 1000;
  return {
    startS: w.startS,
    endS: w.durationS === null ? Infinity : w.startS + w.durationS,
    mode: w.mode ?? "drop",
    group,
    groupCount: g,
    cut: cutMatrix(w.cutGroups, g),
    delayS,
    cutLinks: linkKeys(w.cutLinks ?? [], n),
  };
}

/** Uniform random permutation of 0..n-1 into `order` (Durstenfeld 1964, CACM 7(7), Algorithm 235; the PoW model's old split drew the same). */
export function randomOrder(order: Int32Array, rng: Xoshiro128): Int32Array {
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Explicit lists: group i for the nodes of list i, the rest group (index = number of lists) for the others. */
function assignListed(lists: readonly (readonly number[])[], group: Int32Array): void {
  group.fill(lists.length);
  lists.forEach((list, i) => {
    for (const v of list) group[v] = i;
  });
}

/** The first round(share_0 * n) nodes of the order to group 0, the next round(share_1 * n) to group 1, ...; the rest to the last group. */
function splitByFraction(order: Int32Array, shares: readonly number[], group: Int32Array): void {
  const sizes = fractionSizes(shares, order.length);
  let i = 0;
  for (let k = 0; k < sizes.length; k++) for (let end = i + sizes[k]; i < end; i++) group[order[i]] = k;
  for (; i < order.length; i++) group[order[i]] = shares.length;
}

/**
 * Split by weight with cumulative targets. With total W, m = shares.length,
 * S_k = W * (share_0 + ... + share_k) (S_{-1} = 0) and T_k = S_k - S_{k-1}
 * the target of group k (T_m = W - S_{m-1} for the rest group m), walk the
 * random order keeping C = weight assigned so far; before each node, advance
 * the current group k past every k < m with C >= S_k; assign the node to k.
 *
 * Claim: every group's weight w_k satisfies |w_k - T_k| < wmax (the largest
 * node weight). Proof: let C_k = w_0 + ... + w_k (C_{-1} = 0).
 *  (a) C_k >= S_k for k < m: if some node went to a group after k, the walk
 *      left k when C >= S_k, and C then was C_k; otherwise every node is in
 *      groups <= k, so C_k = W > S_k (the shares sum to < 1).
 *  (b) C_k < S_k + wmax: if no node is in groups <= k, C_k = 0 < S_k;
 *      otherwise let v be the last such node, put in group j <= k; it went to
 *      j because the running total then, C_k - w_v, was < S_j <= S_k.
 *  So for k < m, w_k = C_k - C_{k-1} > S_k - (S_{k-1} + wmax) = T_k - wmax and
 *  w_k < S_k + wmax - S_{k-1} = T_k + wmax; the rest w_m = W - C_{m-1} lies in
 *  (T_m - wmax, T_m]. The errors do not add up across groups, as they would
 *  with a separate running total per group. A group can be empty (a node
 *  heavier than its share came first); that is within the bound.
 */
function splitByWeight(order: Int32Array, shares: readonly number[], weights: ArrayLike<number>, group: Int32Array): void {
  const m = shares.length;
  let total = 0;
  for (let v = 0; v < order.length; v++) total += weights[v];
  let k = 0;
  let cumShare = shares[0];
  let target = total * cumShare; // S_k
  let assigned = 0; // C
  for (let i = 0; i < order.length; i++) {
    while (k < m && assigned >= target) {
      k++;
      if (k < m) {
        cumShare += shares[k];
        target = total * cumShare;
      }
    }
    const v = order[i];
    group[v] = k;
    assigned += weights[v];
  }
}

/** Cut links as sorted, de-duplicated keys min * n + max (exact in a double for n <= 2^26). */
function linkKeys(links: readonly (readonly [number, number])[], n: number): Float64Array {
  const keys = new Float64Array(links.length);
  links.forEach(([a, b], i) => {
    keys[i] = Math.min(a, b) * n + Math.max(a, b);
  });
  keys.sort();
  let u = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[u - 1]) keys[u++] = keys[i];
  return keys.slice(0, u);
}

// ---------------------------------------------------------------- run time

/**
 * The active window, as the Network asks about it on every message. The
 * Network schedules `activate(w)` at windows[w].startS and `heal()` at its
 * endS; queries read typed arrays cached at activation and allocate nothing.
 */
export class PartitionState {
  /** Index of the active window, or -1. */
  active = -1;
  /** The active window, or null. */
  activeWindow: ResolvedPartitionWindow | null = null;
  private group: Int32Array = new Int32Array(0);
  private cut: Uint8Array = new Uint8Array(0);
  private delayS: Float64Array = new Float64Array(0);
  private links: Float64Array = new Float64Array(0);
  /** Per window with cut links: 1 for a node with at least one, so most pairs skip the search. */
  private readonly linkNodes: (Uint8Array | null)[];
  private linked: Uint8Array = new Uint8Array(0);
  private g = 0;
  private n = 0;
  private anyDelay = false;

  constructor(readonly windows: readonly ResolvedPartitionWindow[]) {
    this.linkNodes = windows.map((w) => {
      if (w.cutLinks.length === 0) return null;
      const n = w.group.length;
      const marks = new Uint8Array(n);
      for (const key of w.cutLinks) {
        marks[Math.floor(key / n)] = 1;
        marks[key % n] = 1;
      }
      return marks;
    });
  }

  activate(w: number): void {
    const win = this.windows[w];
    if (win === undefined) throw new RangeError(`invalid partition window: ${w} (allowed: 0 <= window < ${this.windows.length})`);
    this.active = w;
    this.activeWindow = win;
    this.group = win.group;
    this.cut = win.cut;
    this.delayS = win.delayS;
    this.links = win.cutLinks;
    this.linked = this.linkNodes[w] ?? this.linked;
    this.g = win.groupCount;
    this.n = win.group.length;
    this.anyDelay = win.delayS.some((x) => x !== 0);
  }

  heal(): void {
    this.active = -1;
    this.activeWindow = null;
  }

  /** True if a message from `from` to `to` crosses the active cut (group pair cut, or the node pair among the cut links). */
  isCut(from: number, to: number): boolean {
    if (this.active < 0) return false;
    const group = this.group;
    if (this.cut[group[from] * this.g + group[to]] === 1) return true;
    const links = this.links;
    if (links.length === 0 || this.linked[from] === 0) return false;
    const key = from < to ? from * this.n + to : to * this.n + from;
    let lo = 0;
    let hi = links.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = links[mid];
      if (x < key) lo = mid + 1;
      else if (x > key) hi = mid - 1;
      else return true;
    }
    return false;
  }

  /** Extra one-way delay from `from` to `to` in the active window, seconds (0 if none). */
  extraDelayS(from: number, to: number): number {
    if (this.active < 0 || !this.anyDelay) return 0;
    return this.delayS[this.group[from] * this.g + this.group[to]];
  }
}
