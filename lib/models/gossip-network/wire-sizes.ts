/**
 * Sizes of control messages on the wire, bytes: a fixed header (framing,
 * topic, message type) plus one message id per id listed. Ids are 20 bytes,
 * the message-id length of Ethereum's consensus-layer gossipsub
 * (ethereum/consensus-specs, phase0 p2p-interface.md: the message-id is the
 * first 20 bytes of a SHA-256 hash). Data messages have the run's
 * messageBytes.
 */
export const ID_BYTES = 20;
export const CONTROL_HEADER_BYTES = 16;

/** A control message listing `ids` message ids (IHAVE, IWANT, push-pull digests); GRAFT and PRUNE list none. */
export function controlBytes(ids: number): number {
  return CONTROL_HEADER_BYTES + ID_BYTES * ids;
}
