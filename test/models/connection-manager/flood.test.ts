/**
 * The flooded node (lib/models/connection-manager/simulate.ts): slot
 * invariants (never more than 125 connections, 114 inbound, the 10 outbound
 * never evicted); without an attacker the honest inbound count matches the
 * M/M/infinity (Erlang) mean a = lambda * T (Kleinrock 1975, Queueing Systems
 * I, sec. 3.4; far below the 114 slots, Erlang-B blocking is negligible)
 * within 4 SE of a time average, Var = 2 a tau / T for the exponential
 * autocovariance a e^{-t/tau}; a peer reaching 100 points is banned and never
 * reconnects during the ban; an honest IP within its rate is never refused by
 * the token bucket; eviction and bans keep honest slots under a flood;
 * discouraged IPs (Core 0.20+) get in only with 2+ free slots; bad
 * parameters give ParameterError; same seed, same row.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { rngFor } from "../../../lib/random/seed";
import { ParameterError } from "../../../lib/experiment/params";
import { simulateFlood, type FloodScenario } from "../../../lib/models/connection-manager/simulate";
import { misbehave, messagesToBan, BAN_SCORE_THRESHOLD } from "../../../lib/models/connection-manager/misbehavior";
import { TokenBuckets } from "../../../lib/models/connection-manager/token-bucket";
import { connectionManager } from "../../../lib/models/connection-manager/experiment";
import { DEFAULT_MAX_PEER_CONNECTIONS } from "../../../lib/models/eclipse/bitcoin-constants";

const base = (over: Partial<FloodScenario> = {}): FloodScenario => ({ ...(connectionManager.resolve({}) as unknown as FloodScenario), ...over });

test("slot invariants: never more than 125 connections or 114 inbound, the 10 outbound are never evicted", () => {
  for (const eviction of ["none", "netgroup", "core"] as const) {
    let maxInbound = 0;
    const outboundSeen = new Set<number>();
    let outboundEvicted = 0;
    const r = simulateFlood(base({ eviction, durationS: 3600, attackerRatePerS: 3 }), rngFor(["slots", eviction]).fast, {
      onState: (_t, inbound, outbound) => { maxInbound = Math.max(maxInbound, inbound); outboundSeen.add(outbound); },
      onEvict: (_id, outbound) => { if (outbound) outboundEvicted++; },
    });
    assert.ok(r.maxConnections <= DEFAULT_MAX_PEER_CONNECTIONS, `${eviction}: ${r.maxConnections}`);
    assert.ok(maxInbound <= 114);
    assert.deepEqual([...outboundSeen], [10]);
    assert.equal(outboundEvicted, 0);
    assert.equal(maxInbound, 114, `${eviction}: the flood fills the inbound slots`);
  }
});

test("no attacker: time-averaged honest inbound = M/M/inf mean a = lambda T within 4 SE", () => {
  const lambda = 0.02, life = 1000, T = 200_000;
  const a = lambda * life;
  const r = simulateFlood(base({ attackerRatePerS: 0, honestRatePerS: lambda, honestLifetimeS: life, durationS: T }), rngFor(["erlang"]).fast);
  const se = Math.sqrt((2 * a * life) / T);
  assert.ok(Math.abs(r.honestInboundAvg - a) <= 4 * se, `mean ${r.honestInboundAvg}, theory ${a} +- ${se}`);
  assert.equal(r.honestRefused, 0);
});

test("misbehavior: 100 points bans (99 does not); ceil(100 / points) messages", () => {
  assert.equal(BAN_SCORE_THRESHOLD, 100);
  assert.deepEqual(misbehave(90, 9), { score: 99, ban: false });
  assert.deepEqual(misbehave(90, 10), { score: 100, ban: true });
  assert.equal(messagesToBan(20), 5);
  assert.equal(messagesToBan(30), 4);
  assert.equal(messagesToBan(100), 1);
});

test("a banned attacker IP never reconnects during its ban, and every misbehaving attacker IP gets banned", () => {
  const bannedUntil = new Map<number, number>();
  let acceptedWhileBanned = 0;
  const s = base({ eviction: "core", invalidPerS: 0.2, banS: 1800, durationS: 7200, attackerIps: 20, attackerNetgroups: 4 });
  const r = simulateFlood(s, rngFor(["ban"]).fast, {
    onBan: (ip, until) => bannedUntil.set(ip, until),
    onAccept: (ip, attacker, now) => { if (attacker && (bannedUntil.get(ip) ?? -1) > now) acceptedWhileBanned++; },
  });
  assert.equal(acceptedWhileBanned, 0);
  assert.ok(r.bans >= 20, `bans ${r.bans}`);
  assert.ok(r.attackerRefusedBanned > 0);
  // Bans expire after 30 min, so the same IPs are banned again: more bans than IPs.
  assert.ok(r.bans > s.attackerIps);
});

test("rate-limit floor: attempts from one IP spaced at least 1/rate apart are never refused (property over rates, bursts and spacings)", () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.integer({ min: 1, max: 5 }), fc.array(fc.double({ min: 1, max: 5, noNaN: true }), { minLength: 1, maxLength: 50 }), (rate, burst, gaps) => {
      const b = new TokenBuckets(rate, burst);
      let t = 0;
      if (!b.tryTake(7, t)) return false;
      for (const g of gaps) {
        t += g / rate;
        if (!b.tryTake(7, t)) return false;
      }
      return true;
    }),
    { seed: 21, numRuns: 300 },
  );
  // And it does bind: burst + 1 attempts at one instant, the last refused.
  const b = new TokenBuckets(1, 3);
  assert.deepEqual([0, 0, 0, 0].map(() => b.tryTake(1, 5)), [true, true, true, false]);
  // In the node, honest peers (one attempt per IP) are never refused by the limiter, while the flood is.
  const r = simulateFlood(base({ rateLimit: true, durationS: 3600 }), rngFor(["rate"]).fast);
  assert.equal(r.honestRefusedByRate, 0);
  assert.ok(r.attackerRefusedByRate > 0);
});

test("under a flood from 5 /16 groups, eviction keeps honest slots that refusing newcomers loses, and bans keep the most", () => {
  const run = (over: Partial<FloodScenario>) => simulateFlood(base({ durationS: 7200, ...over }), rngFor(["compare", JSON.stringify(over)]).fast);
  const none = run({ eviction: "none" });
  const core = run({ eviction: "core" });
  const banned = run({ eviction: "core", invalidPerS: 0.1 });
  assert.ok(core.honestInboundAvg > none.honestInboundAvg + 20, `core ${core.honestInboundAvg}, none ${none.honestInboundAvg}`);
  assert.ok(banned.honestInboundAvg > core.honestInboundAvg, `banned ${banned.honestInboundAvg}, core ${core.honestInboundAvg}`);
  assert.equal(core.honestRefused, 0, "with eviction an honest newcomer always finds a victim among 114");
});

test("same seed, same row; bad parameters throw ParameterError naming the parameter", () => {
  const p = connectionManager.resolve({ durationS: 600 });
  assert.deepEqual(connectionManager.run(p, rngFor(["same"])), connectionManager.run(p, rngFor(["same"])));
  for (const [given, name] of [
    [{ attackerNetgroups: 60, attackerIps: 50 }, "attackerNetgroups"],
    [{ eviction: "random" }, "eviction"],
    [{ invalidPoints: 0 }, "invalidPoints"],
    [{ honestRatePerS: 0, attackerRatePerS: 0 }, "attackerRatePerS"],
    [{ durationS: -1 }, "durationS"],
  ] as const) {
    assert.throws(() => connectionManager.resolve(given), (e: unknown) => e instanceof ParameterError && e.parameter === name, JSON.stringify(given));
  }
});

test("the inbound series has the asked length, stays within the 114 inbound slots, and asking for it does not change the row", () => {
  const given = { durationS: 1800, attackerRatePerS: 2 };
  const plain = connectionManager.run(connectionManager.resolve(given), rngFor(["series"])) as Record<string, number>;
  const out = connectionManager.run(connectionManager.resolve({ ...given, seriesPoints: 90 }), rngFor(["series"])) as { row: Record<string, number>; series: { inbound: { tS: Float64Array; honest: Float64Array; attacker: Float64Array } } };
  assert.deepEqual(out.row, plain);
  const { tS, honest, attacker } = out.series.inbound;
  assert.equal(tS.length, 90);
  assert.equal(tS[0], 0);
  assert.equal(tS[89], 1780);
  for (let i = 0; i < 90; i++) assert.ok(honest[i] + attacker[i] <= 114 && honest[i] >= 0 && attacker[i] >= 0);
  assert.equal(attacker[0], 0, "the flood has not started at t = 0");
});

test("discouraged attacker IPs (Bitcoin Core 0.20+) are accepted only while 2+ inbound slots are free", () => {
  const until = new Map<number, number>();
  let acceptedNearlyFull = 0;
  const r = simulateFlood(base({ punishment: "discourage", invalidPerS: 0.2, banS: 3600, durationS: 7200, attackerIps: 20, attackerNetgroups: 4 }), rngFor(["discourage"]).fast, {
    onBan: (ip, u) => until.set(ip, u),
    onAccept: (ip, attacker, now, inboundBefore) => {
      if (!attacker || (until.get(ip) ?? -1) <= now) return;
      if (inboundBefore + 1 >= 114) acceptedNearlyFull++;
    },
  });
  assert.equal(acceptedNearlyFull, 0);
  assert.ok(r.attackerRefusedDiscouraged > 0 && r.bans >= 20, JSON.stringify(r));
  assert.equal(r.attackerRefusedBanned, 0);
});
