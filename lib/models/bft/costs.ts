/**
 * What a message costs: bytes on the wire and signature verification on the
 * receiver's CPU queue (the Network's per-kind `cpuCostS`, node-resources.ts).
 *
 *   vote or control message   HEADER_BYTES + one signature
 *   proposal                  HEADER_BYTES + batch * txBytes + one signature (+ a certificate if it carries one)
 *   certificate (QC)          without aggregation: the quorum's signatures, each sigBytes, verified one by one;
 *                             with aggregation (BLS, Boneh, Lynn & Shacham 2001): one aggregate of
 *                             AGGREGATE_BYTES plus a signer bitmap of ceil(N / 8) bytes, verified once in
 *                             aggVerifyUs (one pairing check over the aggregated public keys)
 * A received message costs sigVerifyUs per plain signature it carries plus
 * its certificates' cost, on top of the network's cpuUsPerMessage. The
 * signatures of a certificate are counted as quorumSigners (the fewest
 * validators holding more than 2/3 of the stake, validators.ts).
 */
export const HEADER_BYTES = 64;
export const AGGREGATE_BYTES = 96;

export interface CostParams {
  /** Signature size, bytes (Ed25519: 64). */
  readonly sigBytes: number;
  /** Bytes per transaction. */
  readonly txBytes: number;
  /** Transactions per block. */
  readonly batch: number;
  /** Verification time of one signature, microseconds. */
  readonly sigVerifyUs: number;
  /** Certificates carry one aggregate signature. */
  readonly aggregate: boolean;
  /** Verification time of one aggregate signature, microseconds. */
  readonly aggVerifyUs: number;
  /** The network's own CPU cost per received message, microseconds. */
  readonly cpuUsPerMessage: number;
}

/** What one message kind carries. */
export interface MessageShape {
  /** Plain signatures. */
  readonly sigs: number;
  /** Quorum certificates. */
  readonly certificates: number;
  /** Carries a block of `batch` transactions. */
  readonly block: boolean;
  /** Extra signed entries (e.g. a VIEW-CHANGE's prepared certificate counted as entries of one signature each). */
  readonly extraSigs?: number;
}

export class MessageCosts {
  constructor(
    readonly p: CostParams,
    readonly n: number,
    /** Signatures in a quorum certificate without aggregation. */
    readonly quorumSigners: number,
  ) {}

  certificateBytes(): number {
    return this.p.aggregate ? AGGREGATE_BYTES + Math.ceil(this.n / 8) : this.quorumSigners * this.p.sigBytes;
  }

  certificateVerifyS(): number {
    return 1e-6 * (this.p.aggregate ? this.p.aggVerifyUs : this.quorumSigners * this.p.sigVerifyUs);
  }

  bytes(s: MessageShape): number {
    return HEADER_BYTES + (s.sigs + (s.extraSigs ?? 0)) * this.p.sigBytes + s.certificates * this.certificateBytes() + (s.block ? this.p.batch * this.p.txBytes : 0);
  }

  verifyS(s: MessageShape): number {
    return 1e-6 * (this.p.cpuUsPerMessage + (s.sigs + (s.extraSigs ?? 0)) * this.p.sigVerifyUs) + s.certificates * this.certificateVerifyS();
  }

  /** The Network's cpuCostS for these kinds (name -> shape); "*" keeps the plain per-message cost. */
  cpuCosts(kinds: Readonly<Record<string, MessageShape>>): Record<string, { fixedS: number }> {
    const out: Record<string, { fixedS: number }> = { "*": { fixedS: 1e-6 * this.p.cpuUsPerMessage } };
    for (const [name, shape] of Object.entries(kinds)) out[name] = { fixedS: this.verifyS(shape) };
    return out;
  }

  /** True if no kind costs CPU time. */
  free(kinds: Readonly<Record<string, MessageShape>>): boolean {
    return Object.values(kinds).every((s) => this.verifyS(s) === 0);
  }
}
