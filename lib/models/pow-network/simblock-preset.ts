/**
 * The `simblock` preset of `nakamoto-network`: SimBlock's default Bitcoin
 * configuration (Aoki, Otsuki, Kaneko, Banno, Shudo, "SimBlock: A Blockchain
 * Network Simulator", IEEE INFOCOM 2019 Workshops), read from
 * https://github.com/dsg-titech/simblock at commit
 * 5fc7f9f71745e4f689799a317c8438fe41304c01 (2024-06-25):
 *
 * simulator/src/main/java/simblock/settings/SimulationConfiguration.java
 *   NUM_OF_NODES        600 (the value in its comment; the file itself has 300 under "TODO revert")
 *   INTERVAL            1000 * 60 * 10 ms                     -> blockIntervalS 600
 *   BLOCK_SIZE          535,000 bytes                          -> blockSizeMB 0.535
 *   COMPACT_BLOCK_SIZE  18 * 1000 bytes                        -> compactBlockKB 18
 *   CBR_USAGE_RATE 0.964, CHURN_NODE_RATE 0.976, CBR_FAILURE_RATE_FOR_CONTROL_NODE 0.13,
 *   CBR_FAILURE_RATE_FOR_CHURN_NODE 0.27                       -> compactMissShare 0.976 * 0.27 + 0.024 * 0.13 = 0.2666
 *   CBR_FAILURE_BLOCK_SIZE_DISTRIBUTION_FOR_{CONTROL,CHURN}_NODE (means 0.0100 and 0.0872 of the block)
 *                                                              -> compactMissKB 46.2 (the mean missing size given a miss)
 *   AVERAGE_MINING_POWER 400,000, STDEV_OF_MINING_POWER 100,000 -> hashDistribution normal, hashSpread 0.25
 *   END_BLOCK_HEIGHT    100 (commented value; 3 in the file)   -> blocks 100
 * simulator/src/main/java/simblock/settings/NetworkConfiguration.java
 *   REGION_LIST, LATENCY_2019, REGION_DISTRIBUTION_BITCOIN_2019 -> latency regions, regionData bitcoin-simblock-2019
 *   UPLOAD_BANDWIDTH_2019, DOWNLOAD_BANDWIDTH_2019              -> capacity regions
 *   DEGREE_DISTRIBUTION_BITCOIN_2015 (outbound peers 1..20, mean 8.6 at 600 nodes)
 *                                                              -> topology k-out, degree 8
 * simulator/src/main/java/simblock/node/Node.java
 *   INV, then REC (getdata), then CMPCTBLOCK (both ends use CBR) or BLOCK;
 *   GETBLOCKTXN on a CBR failure; one block upload at a time (sendingBlock);
 *   processingTime 2 ms per block message                     -> relay compact-lb, uploadQueueing, validationMs 2
 *
 * What still differs (see the note in the report / README):
 * - latency: SimBlock draws every message's delay from a Pareto law with mean the table
 *   entry (shape 0.2 * mean, scale mean - 5 ms; Network.getLatency) and adds 10 ms
 *   (AbstractMessageTask.getInterval); here each link has one lognormal latency around the
 *   entry (regionSigma 0.1), fixed for the run, and no 10 ms;
 * - degree: SimBlock draws each node's outbound count from DEGREE_DISTRIBUTION_BITCOIN_2015;
 *   here every node picks 8 (k-out);
 * - compact blocks: SimBlock's 3.6 % of nodes without CBR get full blocks, and churn nodes
 *   (97.6 %) fail more often than control nodes; here every node uses compact blocks with one
 *   miss share and one missing size (their means);
 * - announcements: SimBlock uses INV for every block and REC/CMPCT; here compact-lb announces
 *   with HEADERS (same sizes' order, same round trips);
 * - difficulty: SimBlock sets the difficulty from the total mining power; here the interval is
 *   exact and the normal powers only split it.
 */
export const SIMBLOCK_PRESET = {
  doc: "SimBlock's default Bitcoin setting (dsg-titech/simblock @5fc7f9f: 600 nodes, 2019 regions, latency and bandwidth, 8 outbound peers, 535 kB blocks every 600 s, compact blocks with SimBlock's failure rates, normal mining power, 100 blocks)",
  params: {
    nodes: 600,
    topology: "k-out",
    degree: 8,
    latency: "regions",
    regionData: "bitcoin-simblock-2019",
    capacity: "regions",
    uploadQueueing: true,
    blockIntervalS: 600,
    blockSizeMB: 0.535,
    blocks: 100,
    relay: "compact-lb",
    validationMs: 2,
    compactBlockKB: 18,
    compactMissShare: 0.2666,
    compactMissKB: 46.2,
    hashDistribution: "normal",
    hashSpread: 0.25,
  },
} as const;
