/**
 * Faulty validators and what they do. A fault kind applies to every faulty
 * validator of a run:
 *   none        (faulty must be 0)
 *   crash       crash for good at faultAtS (the Network's crash schedule:
 *               nothing in or out afterwards)
 *   silent      follow the protocol but never propose when leader (the
 *               "silent primary" of PBFT's view change, Castro & Liskov 1999
 *               section 4.4)
 *   equivocate  as proposer send one block to the honest validators of side
 *               0 (and the faulty ones) and another to side 1; vote honestly
 *   double-vote vote for the block of each side to that side when a
 *               conflicting pair exists at the round, otherwise vote as
 *               honest validators do; propose honestly
 *   byzantine   equivocate and double-vote: the coalition of the safety
 *               proofs, which breaks agreement exactly when its stake
 *               reaches 1/3 (and the honest validators split so that
 *               each side plus the coalition holds a quorum)
 * The honest validators split by index: the first half (rounded up) is side
 * 0, the rest side 1. Which validators are faulty: the first `faulty` ids
 * (placement "first": they are the first leaders, the worst case for
 * liveness) or a uniformly random subset drawn from the "faults" stream.
 */
import { ParameterError } from "../../experiment/params";
import type { Xoshiro128 } from "../../random/xoshiro128";

export const FAULTS = ["none", "crash", "silent", "equivocate", "double-vote", "byzantine"] as const;
export type FaultKind = (typeof FAULTS)[number];
export const PLACEMENTS = ["first", "random"] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface FaultPlan {
  readonly kind: FaultKind;
  /** 1 for each faulty validator. */
  readonly faulty: Uint8Array;
  readonly count: number;
  /** Crash time (crash faults), seconds. */
  readonly atS: number;
  /** Side of each validator (honest: 0 or 1 by index; faulty: 0). */
  readonly side: Uint8Array;
  /** Recipients of side 0 (honest side 0 plus every faulty validator) and side 1. */
  readonly side0: Int32Array;
  readonly side1: Int32Array;
  /** Faulty proposers send conflicting proposals; faulty voters send conflicting votes. */
  readonly equivocates: boolean;
  readonly doubleVotes: boolean;
  readonly silentLeader: boolean;
}

/** The faulty set and its behaviour; `rng` is only drawn from for placement "random". */
export function faultPlan(n: number, kind: string, count: number, placement: string, atS: number, rng: Xoshiro128): FaultPlan {
  if (!(FAULTS as readonly string[]).includes(kind)) throw new ParameterError("fault", kind, `one of ${FAULTS.join(", ")}`);
  if (!(PLACEMENTS as readonly string[]).includes(placement)) throw new ParameterError("faultPlacement", placement, `one of ${PLACEMENTS.join(", ")}`);
  if (!(Number.isInteger(count) && count >= 0 && count <= n)) throw new ParameterError("faulty", count, `an integer, 0 <= faulty <= validators = ${n}`);
  const faulty = new Uint8Array(n);
  if (placement === "first") for (let i = 0; i < count; i++) faulty[i] = 1;
  else {
    const ids = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rng.nextFloat() * (n - i));
      const t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
      faulty[ids[i]] = 1;
    }
  }
  const side = new Uint8Array(n);
  const honest = n - count;
  const half = Math.ceil(honest / 2);
  let seen = 0;
  const s0: number[] = [];
  const s1: number[] = [];
  for (let i = 0; i < n; i++) {
    if (faulty[i]) s0.push(i);
    else {
      side[i] = seen++ < half ? 0 : 1;
      (side[i] === 0 ? s0 : s1).push(i);
    }
  }
  const k = kind as FaultKind;
  return {
    kind: k,
    faulty,
    count,
    atS,
    side,
    side0: Int32Array.from(s0),
    side1: Int32Array.from(s1),
    equivocates: k === "equivocate" || k === "byzantine",
    doubleVotes: k === "double-vote" || k === "byzantine",
    silentLeader: k === "silent",
  };
}
