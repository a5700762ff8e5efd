/**
 * Periodic push-pull anti-entropy (Demers et al., "Epidemic algorithms for
 * replicated database maintenance", PODC 1987, anti-entropy; Karp, Schindelhauer,
 * Shenker & Vocking, "Randomized rumor spreading", FOCS 2000): every periodS
 * (each node on its own clock, phase uniform in [0, periodS)) a node u that
 * is online contacts one random peer v and they exchange what they have:
 *   u -> v  DIGEST(ids u holds)
 *   v -> u  the data messages v holds that are not in u's digest (pull), then
 *           DIGEST-REPLY(ids v holds)
 *   u -> v  the data messages u holds that are not in v's reply (push)
 * With `synchronous` contacts every node calls at startS + m * periodS, m >= 1:
 * when the latency is far below the period the exchanges of a round see the
 * holdings at the round's start, so this is the synchronous push-pull of
 * Karp et al., where an uninformed node of a round starting with k informed
 * among N is informed after it with probability
 *   1 - (1 - k / (N - 1)) (1 - 1 / (N - 1))^k
 * (it calls an informed node, or an informed node calls it).
 * Digests are control messages of 16 + 20 * ids bytes (wire-sizes.ts). A
 * lost message is recovered at a later contact; the run stops when every
 * node that has not crashed holds every message, or at the horizon.
 */
import { Timers } from "../../engine/timers";
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { Dissemination, Protocol } from "./dissemination";
import { IdSets } from "./id-sets";
import { controlBytes } from "./wire-sizes";

export const DIGEST_MESSAGE = 2;
export const DIGEST_REPLY_MESSAGE = 3;

/** `phaseRng` null: synchronous contacts (see above). */
export function pushPullProtocol(d: Dissemination, periodS: number, startS: number, phaseRng: Xoshiro128 | null): Protocol {
  const net = d.net;
  const arena = net.arena;
  const sets = new IdSets(arena, d.messages);
  const seen = d.seen;
  const one = new Int32Array(1);

  /** A digest of what v holds now (kind DIGEST or DIGEST-REPLY). */
  const digest = (type: number, v: number): number => {
    let count = 0;
    for (let j = 0; j < d.published; j++) if (seen.holds(v, j)) count++;
    const msg = arena.alloc(type, 0, 0, count, v, controlBytes(count));
    sets.clear(msg);
    for (let j = 0; j < d.published; j++) if (seen.holds(v, j)) sets.add(msg, j);
    return msg;
  };
  /** v sends w every message it holds that the set `msg` lacks. */
  const sendMissing = (v: number, w: number, msg: number) => {
    for (let j = 0; j < d.published; j++) if (seen.holds(v, j) && !sets.has(msg, j)) d.sendData(v, w, j, 0);
  };

  const REPLY = net.defineMessage("digest-reply", (u, msg, v) => sendMissing(u, v, msg));
  const DIGEST = net.defineMessage("digest", (v, msg, u) => {
    sendMissing(v, u, msg);
    net.sendTo(REPLY, v, u, digest(DIGEST_REPLY_MESSAGE, v));
  });

  const ticks = new Timers(d.scope, "push-pull", d.n, (u) => {
    ticks.set(u, periodS);
    if (net.online[u] === 0) return;
    if (d.peers.sample(u, 1, -1, one) === 1) net.sendTo(DIGEST, u, one[0], digest(DIGEST_MESSAGE, u));
  });

  return {
    periodic: true,
    relay() {}, // nothing on receipt: the next contacts spread it
    start() {
      for (let v = 0; v < d.n; v++) ticks.setAt(v, startS + (phaseRng === null ? periodS : phaseRng.nextFloat() * periodS));
    },
  };
}
