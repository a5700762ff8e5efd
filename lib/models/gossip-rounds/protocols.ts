/**
 * The gossip protocols of the `gossip-rounds` experiment, by name.
 *   push, pull, push-pull: Demers et al. (PODC 1987, section 1.3) anti-entropy
 *     (every node, every round, until all live nodes have the rumor); with
 *     fanout 1 the random phone call model of Karp et al. (FOCS 2000).
 *   rumor-counter, rumor-coin: Demers et al. section 1.4 rumor mongering, push
 *     with feedback; rumor-counter-blind, rumor-coin-blind: the blind variants.
 *   infect-and-die: Kermarrec, Massoulié & Ganesh (IEEE TPDS 2003).
 */
import type { RoundProtocol } from "./round-types";

export const GOSSIP_ROUNDS_PROTOCOLS = ["push", "pull", "push-pull", "rumor-counter", "rumor-coin", "rumor-counter-blind", "rumor-coin-blind", "infect-and-die"] as const;
export type GossipRoundsProtocol = (typeof GOSSIP_ROUNDS_PROTOCOLS)[number];

/** The anti-entropy protocol of a name, or undefined for the others. */
export function roundProtocol(protocol: string): RoundProtocol | undefined {
  return protocol === "push" || protocol === "pull" || protocol === "push-pull" ? protocol : undefined;
}

/** Rumor-mongering variant of a name, or undefined for the others. */
export function rumorVariant(protocol: string): { stop: "counter" | "coin"; feedback: boolean } | undefined {
  const m = /^rumor-(counter|coin)(-blind)?$/.exec(protocol);
  return m ? { stop: m[1] as "counter" | "coin", feedback: m[2] === undefined } : undefined;
}
