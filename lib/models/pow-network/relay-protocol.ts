/**
 * Block relay protocols as Bitcoin nodes run them, and their message sizes.
 *
 *   ideal       the sender sees who lacks the block and pushes it (no round
 *               trip, no validation): today's kernels simulate.ts / fast.ts
 *   inv         legacy relay (Bitcoin P2P protocol, "inv"/"getdata"/"block"):
 *               INV announce, GETDATA request, BLOCK transfer; a block whose
 *               parent is unknown is an orphan and its parent is requested
 *               from the same peer, one round trip per missing block
 *   headers     headers announcements (BIP 130 "sendheaders") with
 *               headers-first sync: HEADERS announce; a header whose parent
 *               is unknown triggers GETHEADERS, answered with the headers of
 *               every missing block; one GETDATA then asks for all of them
 *   compact-lb  compact blocks, low-bandwidth mode (BIP 152): HEADERS
 *               announce after validation, GETDATA(CMPCT), CMPCTBLOCK; a
 *               share of blocks lacks transactions in the receiver's mempool
 *               and needs GETBLOCKTXN / BLOCKTXN, one more round trip
 *   compact-hb  compact blocks, high-bandwidth mode (BIP 152): every node
 *               asks up to `highBandwidthPeers` (BIP 152: 3) of its peers to
 *               push CMPCTBLOCK unsolicited, before validating the block;
 *               other peers get HEADERS as in compact-lb
 *
 * Validation: a node validates one block at a time (FIFO), taking
 * validationS + validationSPerMB * size in MB, before it accepts the block
 * and relays it (except high-bandwidth compact pushes, sent on receipt).
 * A block is announced only if it becomes the node's tip (Bitcoin Core does
 * not relay side branches) unless relaySideBranches.
 *
 * Message sizes (Bitcoin P2P protocol: a 24-byte message header, 36-byte
 * inventory vectors, 80-byte block headers sent as 81 bytes in "headers";
 * BIP 152: a compact block is the 80-byte header, an 8-byte nonce and a
 * 6-byte short id per transaction, plus the prefilled coinbase).
 */
import { ParameterError } from "../../experiment/params";

export const RELAY_PROTOCOLS = ["ideal", "inv", "headers", "compact-hb", "compact-lb"] as const;
export type RelayProtocol = (typeof RELAY_PROTOCOLS)[number];

export const MESSAGE_HEADER_BYTES = 24;
export const INV_VECTOR_BYTES = 36;
export const HEADER_BYTES_IN_HEADERS = 81;
/** A block locator of ~10 hashes plus version, count and stop hash. */
export const GETHEADERS_BYTES = MESSAGE_HEADER_BYTES + 4 + 1 + 32 * 10 + 32;
/** GETBLOCKTXN: block hash and a few differentially encoded indexes. */
export const GETBLOCKTXN_BYTES = MESSAGE_HEADER_BYTES + 32 + 1 + 16;
/** Average transaction size used to derive a compact block's size from the block size, bytes. */
export const AVERAGE_TX_BYTES = 500;
/** A coinbase transaction prefilled in every compact block (BIP 152), bytes. */
export const PREFILLED_COINBASE_BYTES = 250;

export function invBytes(count: number): number {
  return MESSAGE_HEADER_BYTES + 1 + INV_VECTOR_BYTES * count;
}

export function headersBytes(count: number): number {
  return MESSAGE_HEADER_BYTES + 1 + HEADER_BYTES_IN_HEADERS * count;
}

/** BIP 152 compact block of a block of `blockBytes`: header, nonce, 6-byte short ids, coinbase. */
export function compactBlockBytes(blockBytes: number): number {
  return MESSAGE_HEADER_BYTES + 80 + 8 + 1 + 6 * Math.ceil(blockBytes / AVERAGE_TX_BYTES) + PREFILLED_COINBASE_BYTES;
}

export interface RelayConfig {
  readonly protocol: RelayProtocol;
  /** Fixed validation time per block, s. */
  readonly validationS: number;
  /** Validation time per MB of block, s. */
  readonly validationSPerMB: number;
  /** Announce blocks that do not become the node's tip too. */
  readonly relaySideBranches: boolean;
  /** Size of a compact block, bytes (compactBlockBytes(size) if not given). */
  readonly compactBytes?: number;
  /** Share of compact blocks the receiver cannot reconstruct from its mempool (one more round trip). */
  readonly compactMissShare: number;
  /** Size of the missing transactions sent in BLOCKTXN, bytes. */
  readonly compactMissBytes: number;
  /** compact-hb: peers each node asks to push compact blocks (BIP 152: 3). */
  readonly highBandwidthPeers: number;
  /** A request unanswered this long may be sent again to the next peer that announces the block, s. */
  readonly requestTimeoutS: number;
}

export const DEFAULT_RELAY: RelayConfig = {
  protocol: "ideal",
  validationS: 0,
  validationSPerMB: 0,
  relaySideBranches: false,
  compactMissShare: 0,
  compactMissBytes: 0,
  highBandwidthPeers: 3,
  requestTimeoutS: 60,
};

export function checkRelayConfig(r: RelayConfig): void {
  if (!RELAY_PROTOCOLS.includes(r.protocol)) throw new ParameterError("relay", r.protocol, `one of ${RELAY_PROTOCOLS.join(", ")}`);
  const nonNegative: Array<[string, number]> = [
    ["validationMs", r.validationS],
    ["validationMsPerMB", r.validationSPerMB],
    ["compactMissKB", r.compactMissBytes],
    ["requestTimeoutS", r.requestTimeoutS],
  ];
  for (const [name, x] of nonNegative) if (!(x >= 0 && Number.isFinite(x))) throw new ParameterError(name, x, "a finite number >= 0");
  if (r.compactBytes !== undefined && !(r.compactBytes >= 0 && Number.isFinite(r.compactBytes))) throw new ParameterError("compactBlockKB", r.compactBytes, "a finite number >= 0");
  if (!(r.compactMissShare >= 0 && r.compactMissShare <= 1)) throw new ParameterError("compactMissShare", r.compactMissShare, "a share, 0 <= compactMissShare <= 1");
  if (!(Number.isInteger(r.highBandwidthPeers) && r.highBandwidthPeers >= 0)) throw new ParameterError("highBandwidthPeers", r.highBandwidthPeers, "an integer >= 0 (BIP 152: 3)");
  if (!(r.requestTimeoutS > 0)) throw new ParameterError("requestTimeoutS", r.requestTimeoutS, "a number > 0 (seconds)");
}

/** Validation time of a block of `blockBytes`, s. */
export function validationTimeS(r: RelayConfig, blockBytes: number): number {
  return r.validationS + (r.validationSPerMB * blockBytes) / 1e6;
}
