/**
 * Agent-level Gasper run (Buterin et al. 2020; ethereum/consensus-specs v1.4.0 phase0
 * `fork-choice.md`, `validator.md`): every slot has a proposer (uniform, as
 * `compute_proposer_index` is for equal balances) and a committee (the epoch's shuffled
 * validators sliced as `compute_committee` does); each validator attests once per epoch, at
 * one third into its slot, to the head, the epoch's checkpoint block (target) and its head
 * state's justified checkpoint (source). Offline validators never propose nor attest.
 *
 * Delivery: a FIXED delay `delayS` for every block and attestation to everyone (not the shared
 * lib/network Network). With one delay for all, every honest node's store receives the same
 * events at the same times, so one store stands for all of them. Attestations reach the fork
 * choice from the slot after their own (validate_on_attestation) and the proposers' pools
 * when they arrive; a proposer includes every pooled attestation that adds a target vote.
 */
import { Xoshiro128 } from "../../random/xoshiro128";
import { Attestation, newTargetVotes, processSlots } from "./beacon-state";
import { ParameterError } from "../../experiment/params";
import { Store, genesisStore, getHead, onAttestation, onBlock, onTick } from "./fork-choice";
import { GasperPreset, INTERVALS_PER_SLOT, epochAtSlot, secondsPerEpoch, startSlotAtEpoch } from "./presets";

export interface GasperRunParams {
  readonly preset: GasperPreset;
  /** Validators, each with 32 ETH. */
  readonly validators: number;
  /** Validators that never attest nor propose (chosen uniformly by the rng). */
  readonly offlineValidators: number;
  /** Epochs simulated from genesis. */
  readonly epochs: number;
  /** Delay of every block and attestation, seconds; below one third of a slot. */
  readonly delayS: number;
}

export interface GasperSeries {
  epoch: number[];
  justifiedEpoch: number[];
  finalizedEpoch: number[];
  /** epoch - finalizedEpoch, at the end of each epoch. */
  finalityLagEpochs: number[];
}

export interface GasperRunResult {
  lastJustifiedEpoch: number;
  lastFinalizedEpoch: number;
  /** Finality lag at the end of the last epoch, in epochs and minutes. */
  finalityLagEpochs: number;
  finalityLagMinutes: number;
  blocks: number;
  /** Per epoch, the store's checkpoints at the end of the epoch. */
  series: GasperSeries;
}

/** Fisher-Yates shuffle of 0..n-1 (the simulation's stand-in for compute_shuffled_index). */
function shuffledIndices(n: number, rng: Xoshiro128): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** 1 for offline validators: the first `count` of a uniform permutation. */
function offlineMask(n: number, count: number, rng: Xoshiro128): Uint8Array {
  const perm = shuffledIndices(n, rng);
  const mask = new Uint8Array(n);
  for (let i = 0; i < count; i++) mask[perm[i]] = 1;
  return mask;
}

/** The online members of slot `index`'s committee: compute_committee's slice [n*i/count, n*(i+1)/count). */
function onlineCommittee(shuffled: Int32Array, index: number, count: number, offline: Uint8Array): Int32Array {
  const n = shuffled.length;
  const start = Math.floor((n * index) / count);
  const end = Math.floor((n * (index + 1)) / count);
  const members: number[] = [];
  for (let i = start; i < end; i++) if (offline[shuffled[i]] === 0) members.push(shuffled[i]);
  return Int32Array.from(members);
}

/** The attestation of slot `slot`'s online committee, made at the attestation deadline from the store's head. */
function makeAttestation(store: Store, slot: number, attesters: Int32Array): Attestation {
  const { tree, preset } = store;
  const head = getHead(store);
  const headState = processSlots(tree, preset, store.blockStates[head], slot);
  const epoch = epochAtSlot(preset, slot);
  return {
    slot,
    beaconBlockRoot: head,
    source: headState.currentJustified,
    target: { epoch, root: tree.ancestorAtSlot(head, startSlotAtEpoch(preset, epoch)) },
    attesters,
  };
}

/** Pooled attestations that still add a target vote to the proposer's pre-state, in arrival order. */
function selectAttestations(store: Store, parent: number, slot: number, pool: Attestation[]): Attestation[] {
  const pre = processSlots(store.tree, store.preset, store.blockStates[parent], slot);
  return pool.filter((att) => newTargetVotes(store.tree, store.preset, pre, att) > 0);
}

export function validateGasperRun(p: GasperRunParams): void {
  const check = (name: string, value: number, ok: boolean, allowed: string): void => {
    if (!ok) throw new ParameterError(name, value, allowed);
  };
  check("validators", p.validators, Number.isInteger(p.validators) && p.validators >= p.preset.slotsPerEpoch, `an integer >= slotsPerEpoch (${p.preset.slotsPerEpoch})`);
  check("offlineValidators", p.offlineValidators, Number.isInteger(p.offlineValidators) && p.offlineValidators >= 0 && p.offlineValidators <= p.validators, "an integer, 0 <= offlineValidators <= validators");
  check("epochs", p.epochs, Number.isInteger(p.epochs) && p.epochs >= 1, "an integer >= 1");
  const third = p.preset.secondsPerSlot / INTERVALS_PER_SLOT;
  check("delayS", p.delayS, p.delayS >= 0 && p.delayS < third, `0 <= delayS < ${third} s (one third of a slot)`);
}

export function simulateGasper(p: GasperRunParams, rng: Xoshiro128): GasperRunResult {
  validateGasperRun(p);
  const { preset, validators: n } = p;
  const S = preset.secondsPerSlot;
  const attestAt = S / INTERVALS_PER_SLOT;
  const offline = offlineMask(n, p.offlineValidators, rng);
  const store = genesisStore(preset, n);
  const series: GasperSeries = { epoch: [], justifiedEpoch: [], finalizedEpoch: [], finalityLagEpochs: [] };
  let pool: Attestation[] = []; // arrived, awaiting inclusion
  let forForkChoice: Attestation[] = []; // arrived, applied at the next slot
  let shuffled = new Int32Array(0);
  let blocks = 0;

  for (let slot = 0; slot < p.epochs * preset.slotsPerEpoch; slot++) {
    const t = slot * S;
    const epoch = epochAtSlot(preset, slot);
    if (slot % preset.slotsPerEpoch === 0) shuffled = shuffledIndices(n, rng);
    const proposer = rng.below(n);

    if (slot > 0) onTick(store, t);
    for (const att of forForkChoice) {
      try {
        onAttestation(store, att);
      } catch {
        // rejected (e.g. too old): dropped, store untouched
      }
    }
    forForkChoice = [];
    pool = pool.filter((att) => att.slot + preset.slotsPerEpoch >= slot);

    if (slot > 0 && offline[proposer] === 0) {
      const parent = getHead(store);
      const attestations = selectAttestations(store, parent, slot, pool);
      onTick(store, t + p.delayS);
      onBlock(store, { slot, parentRoot: parent, proposerIndex: proposer, attestations });
      blocks++;
    }

    const attesters = onlineCommittee(shuffled, slot % preset.slotsPerEpoch, preset.slotsPerEpoch, offline);
    if (attesters.length > 0) {
      onTick(store, t + attestAt);
      const att = makeAttestation(store, slot, attesters);
      onTick(store, t + attestAt + p.delayS);
      pool.push(att);
      forForkChoice.push(att);
    }

    if ((slot + 1) % preset.slotsPerEpoch === 0) {
      series.epoch.push(epoch);
      series.justifiedEpoch.push(store.justified.epoch);
      series.finalizedEpoch.push(store.finalized.epoch);
      series.finalityLagEpochs.push(epoch - store.finalized.epoch);
    }
  }
  const lag = series.finalityLagEpochs[series.finalityLagEpochs.length - 1];
  return {
    lastJustifiedEpoch: store.justified.epoch,
    lastFinalizedEpoch: store.finalized.epoch,
    finalityLagEpochs: lag,
    finalityLagMinutes: (lag * secondsPerEpoch(preset)) / 60,
    blocks,
    series,
  };
}
