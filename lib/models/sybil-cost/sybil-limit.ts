/**
 * SybilLimit's verification at one verifier V (Yu, Gibbons, Kaminsky & Xiao,
 * IEEE S&P 2008, section 4): V's r route tails against each suspect's r
 * registered tails.
 *
 *   intersection condition (section 4.3): V accepts S only if one of S's tails
 *     is one of V's tails (the birthday paradox makes two honest nodes' r = r0 sqrt(m)
 *     tails meet with probability about 1 - exp(-r^2 / 2m));
 *   balance condition (section 4.4): V keeps a load c_j per tail; S goes to the
 *     intersecting tail of least load, and is rejected if c_j + 1 > b with
 *     b = h max(ln r, a), a = (1 + sum c) / r.
 *
 * The adversary, after every honest suspect has been verified (the order that
 * leaves the most room, since honest load raises b):
 *   - each escaping registration (instance, tail) whose tail is an untainted
 *     tail of V is one Sybil key that intersects there (one key per instance and
 *     tail: random routes are back-traceable);
 *   - a tainted tail of V (V's route crossed an attack edge) ends in the Sybil
 *     region, whose registries vouch for any key: Sybils keep coming on those
 *     tails until the balance condition stops them.
 * Every Sybil also claims all tainted tails, so it goes to the least loaded.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { RouteTails } from "./random-routes";

export interface VerifierOutcome {
  /** Honest suspects (every honest node but V). */
  honestSuspects: number;
  /** Honest suspects whose tails meet V's (intersection condition). */
  honestIntersecting: number;
  /** Honest suspects accepted (intersection and balance). */
  honestAccepted: number;
  /** V's tails whose route was tainted. */
  taintedTails: number;
  /** Escaping registrations that land on an untainted tail of V. */
  escapingMatches: number;
  /** Sybils accepted through escaping registrations. */
  sybilsEscaping: number;
  /** Sybils accepted on tainted tails. */
  sybilsTainted: number;
  /** b after the last decision. */
  balanceBound: number;
  /** True if the tainted-tail flood hit its cap (the balance condition did not stop it). */
  capped: boolean;
}

/** b = h max(ln r, (1 + sum of loads) / r). */
export function balanceBound(h: number, r: number, loadSum: number): number {
  const a = (1 + loadSum) / r;
  const lr = Math.log(r);
  return h * (lr > a ? lr : a);
}

/**
 * Verify every honest suspect (in a random order from `rng`) and then the
 * adversary's Sybils at verifier `v`. `sybilCap` bounds the tainted-tail flood.
 */
export function verifyAt(routes: RouteTails, honest: number, positions: number, v: number, h: number, rng: Xoshiro128, sybilCap: number): VerifierOutcome {
  const { r, tails } = routes;
  // V's untainted tails, as chains per position: head[e] -> slot -> nextSlot[slot] ...
  const head = new Int32Array(positions).fill(-1);
  const nextSlot = new Int32Array(r).fill(-1);
  const tainted: number[] = [];
  for (let j = 0; j < r; j++) {
    const e = tails[v * r + j];
    if (e < 0) {
      tainted.push(j);
      continue;
    }
    nextSlot[j] = head[e];
    head[e] = j;
  }
  const load = new Float64Array(r);
  let loadSum = 0;
  const order = new Int32Array(honest - 1);
  for (let s = 0, k = 0; s < honest; s++) if (s !== v) order[k++] = s;
  for (let k = order.length - 1; k > 0; k--) {
    const j = rng.below(k + 1);
    const t = order[k];
    order[k] = order[j];
    order[j] = t;
  }
  let honestIntersecting = 0;
  let honestAccepted = 0;
  for (let k = 0; k < order.length; k++) {
    const s = order[k];
    let best = -1;
    for (let i = 0; i < r; i++) {
      const e = tails[s * r + i];
      if (e < 0) continue;
      for (let j = head[e]; j >= 0; j = nextSlot[j]) if (best < 0 || load[j] < load[best]) best = j;
    }
    if (best < 0) continue;
    honestIntersecting++;
    if (load[best] + 1 > balanceBound(h, r, loadSum)) continue;
    load[best]++;
    loadSum++;
    honestAccepted++;
  }
  const leastTainted = (): number => {
    let best = -1;
    for (const j of tainted) if (best < 0 || load[j] < load[best]) best = j;
    return best;
  };
  let escapingMatches = 0;
  let sybilsEscaping = 0;
  const esc = routes.escapingTail;
  for (let k = 0; k < esc.length; k++) {
    const e = esc[k];
    if (head[e] < 0) continue;
    escapingMatches++;
    let best = leastTainted();
    for (let j = head[e]; j >= 0; j = nextSlot[j]) if (best < 0 || load[j] < load[best]) best = j;
    if (load[best] + 1 > balanceBound(h, r, loadSum)) continue;
    load[best]++;
    loadSum++;
    sybilsEscaping++;
  }
  let sybilsTainted = 0;
  let capped = false;
  while (tainted.length > 0) {
    const best = leastTainted();
    if (load[best] + 1 > balanceBound(h, r, loadSum)) break;
    if (sybilsTainted >= sybilCap) {
      capped = true;
      break;
    }
    load[best]++;
    loadSum++;
    sybilsTainted++;
  }
  return {
    honestSuspects: order.length,
    honestIntersecting,
    honestAccepted,
    taintedTails: tainted.length,
    escapingMatches,
    sybilsEscaping,
    sybilsTainted,
    balanceBound: balanceBound(h, r, loadSum),
    capped,
  };
}
