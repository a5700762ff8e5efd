/**
 * What the synchronous round models on K_N take and return (push, pull,
 * push-pull: Demers et al., PODC 1987, section 1.3, "anti-entropy"; Karp,
 * Schindelhauer, Shenker & Vöcking, FOCS 2000).
 *
 * Rules shared by the fast and the reference kernel, draw for draw:
 * - Node 0 starts informed. In every round every node (crashed ones too, whose
 *   draws have no effect) draws `fanout` distinct partners uniformly among the
 *   N - 1 others, in node order, partner by partner (the C reference w2_gossip
 *   does the same work: one partner draw per node per round, also in push mode
 *   where uninformed nodes' draws have no effect).
 * - The state at the start of the round decides: push, an informed live node
 *   sends the rumor to each partner; pull, an uninformed live node asks each
 *   partner and an informed partner answers with the rumor; push-pull, an
 *   informed node pushes, an uninformed one pulls. Nodes informed in a round
 *   act from the next round on.
 * - A message is one transmission of the rumor (a push, or a pull answer);
 *   requests are not counted. Each message is lost with probability lossRate
 *   (draws from the loss stream, in message order). Crashed nodes never hold
 *   the rumor.
 * - A trial stops when every live node is informed, or after maxRounds rounds.
 */

export type RoundProtocol = "push" | "pull" | "push-pull";

export interface RoundConfig {
  readonly nodes: number;
  readonly protocol: RoundProtocol;
  /** Distinct partners per node per round (>= 1, < nodes). */
  readonly fanout: number;
  /** bernoulliThreshold(lossRate) (bernoulli.ts): a message is lost when its loss draw is below it. */
  readonly lossThreshold: number;
  /** Rounds after which a trial stops unfinished. */
  readonly maxRounds: number;
}

/** What one trial of any gossip kernel returns. */
export interface GossipTrial {
  /** Rounds run: until the protocol stopped (push, pull, push-pull: every live node informed; rumor mongering, infect-and-die: no node active), or maxRounds. */
  readonly rounds: number;
  /** Round in which the last node was informed (0: only the source). */
  readonly lastInformedRound: number;
  /** Informed live nodes at the end. */
  readonly informed: number;
  readonly live: number;
  /** Rumor transmissions (pushes, pull answers, forwards), lost ones included. */
  readonly messages: number;
  /** Every live node informed. */
  readonly complete: boolean;
  /** Stopped by maxRounds before the protocol did. */
  readonly censored: boolean;
}
