/**
 * Test helpers: a BFT setup by hand (complete overlay, constant or lognormal
 * pair latency, no costs unless asked) and a run of any protocol.
 */
import { constantPairLatency, lognormalPairLatency } from "../../../lib/network/pair-latency";
import type { NetworkConfig } from "../../../lib/network/runtime-config";
import { rngFor } from "../../../lib/random/seed";
import type { BftSetup } from "../../../lib/models/bft/context";
import type { CostParams } from "../../../lib/models/bft/costs";
import { faultPlan } from "../../../lib/models/bft/faults";
import { validatorSet, type StakeSpec } from "../../../lib/models/bft/validators";

export const FREE: CostParams = { sigBytes: 64, txBytes: 250, batch: 1, sigVerifyUs: 0, aggregate: false, aggVerifyUs: 0, cpuUsPerMessage: 0 };

export interface SetupOptions {
  n: number;
  heights: number;
  faulty?: number;
  fault?: string;
  placement?: string;
  faultAtS?: number;
  /** Constant one-way latency, ms (default 50); or lognormal with this median when sigma > 0. */
  delayMs?: number;
  sigma?: number;
  seed?: number;
  stake?: StakeSpec;
  costs?: Partial<CostParams>;
  maxTimeS?: number;
  network?: Partial<NetworkConfig>;
}

export function setupOf(o: SetupOptions): BftSetup {
  const seed = o.seed ?? 1;
  const d = o.delayMs ?? 50;
  const rng = rngFor(["test", "bft", seed]);
  const latency = o.sigma ? lognormalPairLatency(o.n, d, o.sigma, rng.child("lat").fast, { symmetric: true }) : constantPairLatency(o.n, d);
  return {
    validators: validatorSet(o.n, o.stake ?? "equal", rng.child("stake").fast),
    faults: faultPlan(o.n, o.fault ?? (o.faulty ? "crash" : "none"), o.faulty ?? 0, o.placement ?? "first", o.faultAtS ?? 0, rng.child("faults").fast),
    network: { overlay: { kind: "complete", n: o.n }, latency, ...o.network },
    costs: { ...FREE, ...o.costs },
    heights: o.heights,
    maxTimeS: o.maxTimeS ?? 600,
  };
}
