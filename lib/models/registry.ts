/**
 * Every experiment the CLI and sweeps know, by name. Add a model here to
 * register it. Loading this module registers it with the sweep engine (which
 * never imports the models itself); worker threads load it by path.
 */
import type { Experiment } from "../experiment/experiment";
import { registerExperimentModule } from "../sweep/experiments";
import { selfishMining } from "./selfish-mining/experiment";
import { nakamotoNetwork } from "./pow-network/network-experiment";
import { doubleSpend } from "./finality/double-spend-experiment";
import { gossipRounds } from "./gossip-rounds/experiment";
import { gossipNetwork } from "./gossip-network/experiment";
import { selfishMiningNetwork } from "./selfish-network/experiment";
import { selfishMiningTime } from "./selfish-mining/time-experiment";
import { selfishMiningOptimal } from "./selfish-mining/optimal-experiment";
import { selfishMiningStubborn } from "./selfish-mining/stubborn-experiment";
import { sybilCost } from "./sybil-cost/experiment";
import { sybilLimit } from "./sybil-cost/sybil-limit-experiment";
import { ddos } from "./ddos/experiment";
import { bftFinality } from "./bft/experiment";
import { kademlia } from "./kademlia/experiment";
import { eclipse } from "./eclipse/experiment";
import { merkle } from "./merkle/experiment";
import { stateReplication } from "./merkle/replication-experiment";
import { shardSecurity } from "./shard-security/experiment";
import { das } from "./das/experiment";
import { networkDoubleSpend } from "./pow-network/double-spend-experiment";
import { connectionManager, dnsSeeds } from "./connection-manager/experiment";
import { rollupFinality } from "./rollup-finality/experiment";
import { parallelExecution } from "./parallel-execution/experiment";
import { batchCompression } from "./parallel-execution/compression-experiment";

export const experiments: readonly Experiment[] = [
  selfishMining as unknown as Experiment,
  nakamotoNetwork as unknown as Experiment,
  doubleSpend as unknown as Experiment,
  gossipRounds as unknown as Experiment,
  gossipNetwork as unknown as Experiment,
  selfishMiningNetwork as unknown as Experiment,
  selfishMiningTime as unknown as Experiment,
  selfishMiningOptimal as unknown as Experiment,
  selfishMiningStubborn as unknown as Experiment,
  sybilCost as unknown as Experiment,
  sybilLimit as unknown as Experiment,
  ddos as unknown as Experiment,
  rollupFinality as unknown as Experiment,
  parallelExecution as unknown as Experiment,
  batchCompression as unknown as Experiment,
  bftFinality as unknown as Experiment,
  kademlia as unknown as Experiment,
  eclipse as unknown as Experiment,
  merkle as unknown as Experiment,
  stateReplication as unknown as Experiment,
  shardSecurity as unknown as Experiment,
  das as unknown as Experiment,
  networkDoubleSpend as unknown as Experiment,
  connectionManager as unknown as Experiment,
  dnsSeeds as unknown as Experiment,
];

export function getExperiment(name: string): Experiment {
  const found = experiments.find((e) => e.name === name);
  if (!found) throw new RangeError(`unknown experiment: ${JSON.stringify(name)} (known: ${experiments.map((e) => e.name).join(", ")})`);
  return found;
}

registerExperimentModule(__filename);
