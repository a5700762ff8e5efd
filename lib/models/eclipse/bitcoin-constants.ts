/**
 * Bitcoin's address-manager and connection constants, as the model's
 * presets use them.
 *
 * Bitcoin Core 0.9.3 (the version Heilman, Kendler, Zohar & Goldberg attack,
 * "Eclipse Attacks on Bitcoin's Peer-to-Peer Network", USENIX Security 2015,
 * section 2): tried has 64 buckets, new 256, each of up to 64 addresses; an
 * address's /16 group maps to 4 tried buckets, a source group to 32 new
 * buckets (src/addrman.h of 0.9.3: ADDRMAN_TRIED_BUCKET_COUNT 64,
 * ADDRMAN_TRIED_BUCKET_SIZE 64, ADDRMAN_TRIED_BUCKETS_PER_GROUP 4,
 * ADDRMAN_NEW_BUCKET_COUNT 256, ADDRMAN_NEW_BUCKET_SIZE 64,
 * ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP 32).
 *
 * Bitcoin Core after the paper's countermeasure 6 ("more buckets", 0.10.1 on;
 * src/addrman.h: ADDRMAN_TRIED_BUCKET_COUNT_LOG2 8, ADDRMAN_NEW_BUCKET_COUNT_LOG2
 * 10, ADDRMAN_BUCKET_SIZE_LOG2 6, ADDRMAN_TRIED_BUCKETS_PER_GROUP 8,
 * ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP 64): 256 tried and 1024 new buckets of 64.
 *
 * Connections (src/net.h): MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8,
 * MAX_BLOCK_RELAY_ONLY_CONNECTIONS = 2, DEFAULT_MAX_PEER_CONNECTIONS = 125,
 * MAX_FEELER_CONNECTIONS = 1, FEELER_INTERVAL = 2 min; src/net.cpp
 * MAX_BLOCK_RELAY_ONLY_ANCHORS = 2 (anchors: the block-relay-only peers saved
 * at shutdown and dialled first at start, countermeasure 5's descendant).
 */

export interface AddrmanLayout {
  triedBuckets: number;
  newBuckets: number;
  bucketSize: number;
  /** Tried buckets one /16 group can reach. */
  triedBucketsPerGroup: number;
  /** New buckets one source group can reach. */
  newBucketsPerSourceGroup: number;
}

export const ADDRMAN_0_9_3: AddrmanLayout = { triedBuckets: 64, newBuckets: 256, bucketSize: 64, triedBucketsPerGroup: 4, newBucketsPerSourceGroup: 32 };
export const ADDRMAN_CORE: AddrmanLayout = { triedBuckets: 256, newBuckets: 1024, bucketSize: 64, triedBucketsPerGroup: 8, newBucketsPerSourceGroup: 64 };

export const MAX_OUTBOUND_FULL_RELAY_CONNECTIONS = 8;
export const MAX_BLOCK_RELAY_ONLY_CONNECTIONS = 2;
export const DEFAULT_MAX_PEER_CONNECTIONS = 125;
export const MAX_FEELER_CONNECTIONS = 1;
export const FEELER_INTERVAL_S = 120;
export const MAX_BLOCK_RELAY_ONLY_ANCHORS = 2;

/** The slots of a Bitcoin Core node: outbound full-relay, block-relay-only, inbound (the rest of 125), feelers. */
export const BITCOIN_CORE_SLOTS = {
  outboundFullRelay: MAX_OUTBOUND_FULL_RELAY_CONNECTIONS,
  blockRelayOnly: MAX_BLOCK_RELAY_ONLY_CONNECTIONS,
  inbound: DEFAULT_MAX_PEER_CONNECTIONS - MAX_OUTBOUND_FULL_RELAY_CONNECTIONS - MAX_BLOCK_RELAY_ONLY_CONNECTIONS - MAX_FEELER_CONNECTIONS,
  feeler: MAX_FEELER_CONNECTIONS,
  total: DEFAULT_MAX_PEER_CONNECTIONS,
} as const;

/** GetChance's freshness factor in 0.9.3 (src/addrman.cpp): 600 / (600 + seconds since the address was last seen). */
export function freshnessChance(ageS: number): number {
  return 600 / (600 + Math.max(0, ageS));
}

/** Select()'s acceptance factor grows by this after every rejected pick (src/addrman.cpp, fChanceFactor *= 1.2). */
export const CHANCE_FACTOR_GROWTH = 1.2;

/** An address older than this is "terrible" and may be overwritten in new (src/addrman.cpp IsTerrible: ADDRMAN_HORIZON_DAYS = 30). */
export const ADDRMAN_HORIZON_S = 30 * 86400;
