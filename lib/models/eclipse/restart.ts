/**
 * The victim restarts and opens its outbound connections (Heilman et al.
 * 2015, section 3: the attacker waits for a restart, after which all
 * outbound connections are chosen from the poisoned tables). Anchors
 * (countermeasure 5, "anchor connections"; Bitcoin Core's two
 * block-relay-only anchors, src/net.cpp MAX_BLOCK_RELAY_ONLY_ANCHORS): the
 * node first redials the honest peers it had before the restart, so it is
 * never eclipsed while they are up.
 */
import type { Xoshiro128 } from "../../random/xoshiro128";
import { ADVERSARY, LEGIT } from "./addresses";
import type { Addrman } from "./addrman";
import { EMPTY } from "./addrman";
import { selectOutbound } from "./select";

export interface RestartOptions {
  outbound: number;
  ageBias: boolean;
  /** Probability that a connection attempt to a legitimate address succeeds. */
  honestOnline: number;
  /** Honest anchors redialled first (0: none). */
  anchors: number;
  /** Draws allowed per connection before the node gives up on it. */
  maxDraws: number;
}

export interface RestartOutcome {
  adversary: number;
  honest: number;
  draws: number;
  /** A connection could not be filled within maxDraws. */
  stuck: boolean;
  eclipsed: boolean;
}

export function restartVictim(man: Addrman, o: RestartOptions, rng: Xoshiro128): RestartOutcome {
  const groups: number[] = [];
  let adversary = 0;
  let honest = 0;
  let draws = 0;
  let stuck = false;
  for (let omega = 0; omega < o.outbound && !stuck; omega++) {
    let done = false;
    for (let d = 0; d < o.maxDraws && !done; d++) {
      draws++;
      const a = selectOutbound(man, omega, o.ageBias, rng);
      if (a === EMPTY) break;
      const g = man.book.group[a];
      if (groups.includes(g)) continue;
      const origin = man.book.origin[a];
      if (origin === ADVERSARY) {
        adversary++;
        groups.push(g);
        done = true;
      } else if (origin === LEGIT && rng.nextFloat() < o.honestOnline) {
        honest++;
        groups.push(g);
        done = true;
      }
    }
    if (!done) stuck = true;
  }
  return { adversary, honest, draws, stuck, eclipsed: o.anchors === 0 && !stuck && adversary === o.outbound };
}
