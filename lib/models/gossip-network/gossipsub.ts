/**
 * gossipsub (libp2p specs: pubsub/gossipsub/gossipsub-v1.0.md, sections
 * "Parameters", "Message Cache", "Control Messages", "Message Processing",
 * "Heartbeat"; gossipsub-v1.1.md "Adaptive Gossip Dissemination", "Flood
 * Publishing", "Outbound Mesh Quotas"), one topic that every node subscribes to.
 *
 * Mesh. Each node keeps a mesh of peers (its neighbours on a graph overlay,
 * any node on a complete one). At every heartbeat (heartbeat_interval, each
 * node on its own clock with a uniform phase, from time 0 so meshes form
 * before the first publication) a node with fewer than D_low mesh peers
 * grafts D - |mesh| random online non-mesh peers (adds them and sends
 * GRAFT). A node receiving GRAFT adds the sender, unless its mesh already
 * holds D_high peers: then it answers PRUNE (v1.1's rule for a GRAFT while
 * oversubscribed, without the outbound exception: connections have no
 * direction here), and PRUNE removes the link. So no mesh exceeds D_high and
 * v1.0's "prune down to D above D_high" never fires. A peer that goes
 * offline or crashes is dropped from the meshes of its mesh peers (the
 * connection closes); it grafts anew at its heartbeats when back. Not
 * modelled: peer scoring, PRUNE backoff and peer exchange, D_out quotas,
 * opportunistic grafting, seen_ttl expiry, fanout maps (every node subscribes).
 *
 * Messages. The publisher sends to its mesh (v1.1 flood publishing: to all
 * its peers); a node accepting a message puts it in its mcache and forwards
 * it to its mesh peers except the sender and the source.
 *
 * Gossip. At each heartbeat, if v's last mcache_gossip windows hold message
 * ids, v sends IHAVE(ids) to max(D_lazy, floor(gossip_factor * eligible))
 * random online non-mesh peers (eligible = its peers outside the mesh). A
 * node receiving IHAVE answers IWANT(the ids it has not seen, by its seen
 * filter); a node receiving IWANT sends each requested message that is still
 * in its mcache (mcache_len windows). Then the mcache shifts.
 */
import { Timers } from "../../engine/timers";
import type { Xoshiro128 } from "../../random/xoshiro128";
import type { GossipsubConfig } from "./config";
import type { Dissemination, Protocol } from "./dissemination";
import { IdSets } from "./id-sets";
import { MessageCache } from "./message-cache";
import { controlBytes } from "./wire-sizes";

export const GRAFT_MESSAGE = 4;
export const PRUNE_MESSAGE = 5;
export const IHAVE_MESSAGE = 6;
export const IWANT_MESSAGE = 7;

export interface GossipsubProtocol extends Protocol {
  /** Mesh size of every node, live. */
  readonly meshSize: Int32Array;
  /** Mesh peers of v (a copy). */
  meshOf(v: number): number[];
}

export function gossipsubProtocol(
  d: Dissemination,
  g: GossipsubConfig,
  phaseRng: Xoshiro128,
  onHeartbeat?: (v: number, meshSize: number, timeS: number) => void,
): GossipsubProtocol {
  const { net, n } = d;
  const arena = net.arena;
  const online = net.online;
  const cap = g.Dhigh;
  const mesh = new Int32Array(n * cap);
  const meshSize = new Int32Array(n);
  const mcache = new MessageCache(n, d.messages, g.mcacheLen, g.mcacheGossip);
  const sets = new IdSets(arena, d.messages);
  const seen = d.seen;
  const targets = new Int32Array(n);

  const inMesh = (v: number, w: number): boolean => {
    for (let i = v * cap, end = i + meshSize[v]; i < end; i++) if (mesh[i] === w) return true;
    return false;
  };
  const addMesh = (v: number, w: number): void => {
    mesh[v * cap + meshSize[v]++] = w;
  };
  const removeMesh = (v: number, w: number): void => {
    const base = v * cap;
    for (let i = base, end = base + meshSize[v]; i < end; i++) {
      if (mesh[i] === w) {
        mesh[i] = mesh[end - 1];
        meshSize[v]--;
        return;
      }
    }
  };
  let current = -1; // the node whose candidates the filter judges
  const meshOrOffline = (w: number) => online[w] === 0 || inMesh(current, w);

  const control = (type: number, v: number, ids: number) => arena.alloc(type, 0, 0, ids, v, controlBytes(ids));

  const GRAFT = net.defineMessage("graft", (w, _msg, v) => {
    if (inMesh(w, v)) return;
    if (meshSize[w] >= g.Dhigh) net.sendTo(PRUNE, w, v, control(PRUNE_MESSAGE, w, 0));
    else addMesh(w, v);
  });
  const PRUNE = net.defineMessage("prune", (v, _msg, w) => removeMesh(v, w));
  const IWANT = net.defineMessage("iwant", (w, msg, v) => {
    for (let j = 0; j < d.published; j++) if (sets.has(msg, j) && mcache.has(w, j)) d.sendData(w, v, j, 0);
  });
  const wanted = new Int32Array(d.messages);
  const IHAVE = net.defineMessage("ihave", (v, msg, w) => {
    let want = 0;
    for (let j = 0; j < d.published; j++) if (sets.has(msg, j) && !seen.hasSeen(v, j)) wanted[want++] = j;
    if (want === 0) return;
    const reply = control(IWANT_MESSAGE, v, want);
    sets.clear(reply);
    for (let i = 0; i < want; i++) sets.add(reply, wanted[i]);
    net.sendTo(IWANT, v, w, reply);
  });

  net.onNodeDown((w) => {
    for (let i = w * cap, end = i + meshSize[w]; i < end; i++) removeMesh(mesh[i], w);
    meshSize[w] = 0;
  });

  const heartbeat = new Timers(d.scope, "heartbeat", n, (v) => {
    heartbeat.set(v, g.heartbeatS);
    if (online[v] === 0) return;
    current = v;
    // Mesh maintenance: below D_low, graft up to D.
    if (meshSize[v] < g.Dlow) {
      const k = d.peers.sample(v, g.D - meshSize[v], -1, targets, meshOrOffline);
      for (let i = 0; i < k; i++) addMesh(v, targets[i]);
      if (k > 0) net.multicast(GRAFT, v, targets, control(GRAFT_MESSAGE, v, 0), k);
    }
    // Gossip emission: IHAVE with the ids of the last mcache_gossip windows.
    let ids = 0;
    for (let j = 0; j < d.published; j++) if (mcache.gossips(v, j)) ids++;
    if (ids > 0) {
      const eligible = net.degree(v) - meshSize[v];
      const want = Math.max(g.Dlazy, Math.floor(g.gossipFactor * eligible));
      const k = want > 0 ? d.peers.sample(v, want, -1, targets, meshOrOffline) : 0;
      if (k > 0) {
        const msg = control(IHAVE_MESSAGE, v, ids);
        sets.clear(msg);
        for (let j = 0; j < d.published; j++) if (mcache.gossips(v, j)) sets.add(msg, j);
        net.multicast(IHAVE, v, targets, msg, k);
      }
    }
    mcache.shift(v);
    onHeartbeat?.(v, meshSize[v], d.sim.now);
  });

  const forwardTargets = new Int32Array(cap);
  return {
    periodic: true,
    meshSize,
    meshOf: (v) => Array.from(mesh.subarray(v * cap, v * cap + meshSize[v])),
    start() {
      for (let v = 0; v < n; v++) heartbeat.setAt(v, phaseRng.nextFloat() * g.heartbeatS);
    },
    relay(v, j, from, hops) {
      mcache.put(v, j);
      if (from < 0 && g.floodPublish) {
        net.broadcast(d.DATA, v, d.dataMessage(j, hops + 1));
        return;
      }
      const source = d.sources[j];
      let k = 0;
      for (let i = v * cap, end = i + meshSize[v]; i < end; i++) {
        const w = mesh[i];
        if (w !== from && w !== source) forwardTargets[k++] = w;
      }
      if (k > 0) net.multicast(d.DATA, v, forwardTargets, d.dataMessage(j, hops + 1), k);
    },
  };
}
