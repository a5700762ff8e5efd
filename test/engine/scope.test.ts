import { test } from "node:test";
import assert from "node:assert/strict";
import { Simulation } from "../../lib/engine/simulation";

test("scoped kinds are named <scope>:<kind>, nested scopes <a>/<b>:<kind>; scheduling passes through", () => {
  const sim = new Simulation();
  const log: string[] = [];
  const pbft = sim.scope("pbft");
  const r1 = pbft.scope("r1");
  const A = pbft.defineKind("vote", (t, a) => log.push(`${pbft.now}:pbft ${t}/${a}`));
  const B = r1.defineKind("vote", (t, a, b) => log.push(`${r1.now}:r1 ${t}/${a}/${b}`));
  assert.equal(pbft.name, "pbft");
  assert.equal(r1.name, "pbft/r1");
  assert.equal(sim.kindName(A), "pbft:vote");
  assert.equal(sim.kindName(B), "pbft/r1:vote");
  assert.equal(r1.sim, sim);
  r1.schedule(2, B, 3, 4, 5);
  pbft.scheduleAt(1, A, 1, 2);
  pbft.schedule(2, A, 7, 8, 0, -1); // priority passes through: before B at t = 2
  sim.run();
  assert.deepEqual(log, ["1:pbft 1/2", "2:pbft 7/8", "2:r1 3/4/5"]);
});

test("a scope name used twice in one Simulation throws, naming it and asking for a distinct name", () => {
  const sim = new Simulation();
  const a = sim.scope("net");
  assert.throws(() => sim.scope("net"), /scope "net" is already used in this Simulation; give the second network or protocol instance a distinct name/);
  a.scope("x");
  assert.throws(() => a.scope("x"), /scope "net\/x" is already used/);
  sim.scope("x"); // a top-level "x" is a different name from "net/x"
  new Simulation().scope("net"); // names are per Simulation
  assert.throws(() => sim.scope(""), /invalid scope name: "" \(allowed: a non-empty string without ':' or '\/'\)/);
  assert.throws(() => sim.scope("a:b"), /invalid scope name/);
  assert.throws(() => a.scope("b/c"), /invalid scope name/);
});

test("eventCounts gives the processed events per kind name, zeros included, across runs", () => {
  const sim = new Simulation(4);
  const s = sim.scope("s");
  let left = 5;
  const TICK = sim.defineKind("tick", () => {
    if (--left > 0) sim.schedule(1, TICK);
  });
  const PING = s.defineKind("ping", () => {});
  s.defineKind("never", () => {});
  // Many kinds: the count array must grow past its initial capacity.
  const extra: number[] = [];
  for (let i = 0; i < 40; i++) extra.push(sim.defineKind(`k${i}`, () => {}));
  sim.schedule(0, TICK);
  for (let i = 0; i < 3; i++) s.schedule(0.5, PING);
  sim.schedule(0.1, extra[39]);
  sim.run({ maxEvents: 4 });
  sim.run();
  const counts = sim.eventCounts();
  assert.equal(counts["tick"], 5);
  assert.equal(counts["s:ping"], 3);
  assert.equal(counts["s:never"], 0);
  assert.equal(counts["k39"], 1);
  assert.equal(counts["k0"], 0);
  assert.equal(Object.keys(counts).length, 43);
  assert.equal(sim.events, 9);
});
