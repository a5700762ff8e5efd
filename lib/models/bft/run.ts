/**
 * One protocol run by name: the four protocols behind one entry point.
 */
import { ParameterError } from "../../experiment/params";
import type { Rng } from "../../random/seed";
import { runChainedHotStuff } from "./chained-hotstuff";
import type { BftRun, BftSetup } from "./context";
import { runHotStuff } from "./hotstuff";
import { runPbft, type PbftOptions } from "./pbft";
import { runTendermint, type TendermintOptions } from "./tendermint";

export const PROTOCOLS = ["pbft", "tendermint", "hotstuff", "chained-hotstuff"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type ProtocolOptions = PbftOptions & Omit<TendermintOptions, "voteDelivery"> & { readonly voteDelivery?: string };

export function runProtocol(protocol: string, setup: BftSetup, options: ProtocolOptions, rng: Rng): BftRun {
  switch (protocol) {
    case "pbft":
      return runPbft(setup, options, rng);
    case "tendermint":
      return runTendermint(setup, { ...options, voteDelivery: options.voteDelivery === "gossip" ? "gossip" : "all-to-all" }, rng);
    case "hotstuff":
      return runHotStuff(setup, options, rng);
    case "chained-hotstuff":
      return runChainedHotStuff(setup, options, rng);
    default:
      throw new ParameterError("protocol", protocol, `one of ${PROTOCOLS.join(", ")}`);
  }
}
