/**
 * What one Kademlia run is configured with (the experiment's parameters
 * without the network ones), and its result.
 */
export interface KademliaConfig {
  /** Bits of an id: 160 (Maymounkov & Mazieres 2002) or 256 (discv5). */
  idBits: number;
  /** Bucket size k (20 in the paper, 16 in discv5). */
  k: number;
  /** Parallel FIND_NODE queries of a lookup (alpha = 3 in the paper). */
  alpha: number;
  /** A query not answered within this time counts as failed and its contact is dropped. */
  rpcTimeoutS: number;
  /** Measured lookups, each for a uniform random id from a uniform random online node. */
  lookups: number;
  /** Time of the first measured lookup. */
  warmupS: number;
  /** Time between measured lookups. */
  lookupIntervalS: number;
  /** Every node looks up a random id this often (bucket refresh, section 2.3; 0: never). */
  refreshS: number;
  /** A node coming back online looks up its own id (the join procedure, section 2.3). */
  rejoinLookup: boolean;
  /**
   * Nodes that join from scratch at joinAtS: their tables are emptied and
   * seeded with the bootstrap nodes (nodes 0 .. bootstrapNodes - 1) only;
   * they look up their own id, then one random id in every bucket further
   * than their closest neighbour's (section 2.3). 0: none.
   */
  joiners: number;
  bootstrapNodes: number;
  /** Bootstrap nodes taken down (crashed at time 0: censored, or their DNS names blocked). */
  censoredBootstrap: number;
  joinAtS: number;
  /** Bytes of a FIND_NODE request. */
  requestBytes: number;
  /** Bytes of a response: responseBytes + contactBytes per contact returned. */
  responseBytes: number;
  contactBytes: number;
}

/** One measured lookup. */
export interface LookupRecord {
  initiator: number;
  /** The closest node the lookup returned (-1 if it found none). */
  found: number;
  /** Hop count of `found`: 1 for a contact of the initiator's own table, h + 1 for one learned from a node at hop h. */
  hops: number;
  /** Start to termination (every one of the k closest seen has answered or failed), seconds. */
  latencyS: number;
  /** Start to the first response that named `found`, seconds (0 if it was in the initiator's own table). */
  latencyToFoundS: number;
  queries: number;
  timeouts: number;
  /** The online node (other than the initiator) closest to the target when the lookup ended (linear scan). */
  trueClosest: number;
}

export interface JoinRecord {
  node: number;
  /** Contacts in the joiner's table when its join lookups ended. */
  contacts: number;
  /** Contacts a settled table of the same node holds (buildIdealTables), for comparison. */
  settledContacts: number;
  /** Join start to the end of its last join lookup, seconds. */
  durationS: number;
}

export interface KademliaRun {
  nodes: number;
  joins: JoinRecord[];
  records: LookupRecord[];
  /** Lookups started but unfinished when the run stopped. */
  unfinished: number;
  /** Unmeasured lookups (refreshes, rejoins) started. */
  maintenanceLookups: number;
  /** Events processed. */
  events: number;
}
