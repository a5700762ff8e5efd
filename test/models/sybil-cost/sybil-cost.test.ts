/**
 * The Sybil cost model against hand calculation with the cited figures of
 * lib/models/sybil-cost/cost-figures.ts, and its errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ParameterError } from "../../../lib/experiment/params";
import { sybilCost } from "../../../lib/models/sybil-cost/experiment";
import { posAttackCost, resourceForShare } from "../../../lib/models/sybil-cost/attack-cost";
import { rngFor } from "../../../lib/random/seed";

const run = (given: Record<string, unknown>) => sybilCost.run(sybilCost.resolve(given), rngFor(["sybil-cost-test"]));
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `${what}: ${a} vs ${b}`);

test("PoW: half of a 1.1 ZH/s network for a day at $38.2 per PH/s per day (Luxor, Nov 2025) is 1.1e9 TH/s x $0.0382 = $42.02 million", () => {
  const row = run({ mechanism: "pow" });
  close(row.unitsNeeded as number, 1.1e9, "TH/s to add: 0.5 / 0.5 * 1.1e9");
  close(row.unitCostUsd as number, 0.0382, "one TH/s for one day");
  close(row.attackCostUsd as number, 42_020_000, "cost");
  // A third for a week: 0.5 * 1.1e9 TH/s * 0.0382 * 7 = $147.07 million.
  close(run({ mechanism: "pow", share: 1 / 3, durationDays: 7 }).attackCostUsd as number, 147_070_000, "a third for a week");
});

test("PoS: a third of the stake after joining 36 M staked ETH is 18 M ETH = 562,500 validators of 32 ETH at $2,921 (2025-12-25) = $52.578 billion", () => {
  const row = run({ mechanism: "pos", share: 1 / 3 });
  assert.equal(row.unitsNeeded, 562_500);
  close(row.unitCostUsd as number, 93_472, "32 * 2921");
  close(row.attackCostUsd as number, 52_578_000_000, "cost");
  // Two thirds: 72 M ETH = 2,250,000 validators.
  assert.equal(run({ mechanism: "pos", share: 2 / 3 }).unitsNeeded, 2_250_000);
  // Stake that is not a whole number of validators rounds up: 100 ETH -> 4 validators.
  assert.equal(posAttackCost(0.5, 100, 32, 1).unitsNeeded, 4);
});

test("PoA: more than half of 21 authorities is 11 seats; more than a third is 8", () => {
  assert.equal(run({ mechanism: "poa" }).unitsNeeded, 11);
  close(run({ mechanism: "poa" }).attackCostUsd as number, 11e6, "11 seats at the assumed $1 M");
  assert.equal(run({ mechanism: "poa", share: 1 / 3 }).unitsNeeded, 8);
});

test("connection slots: 125 IPv4 addresses for a day at AWS's $0.005 per hour = $15; 125 VPSs at $4 per month for a day = $16.43", () => {
  const ip = run({ mechanism: "ip" });
  assert.equal(ip.unitsNeeded, 125);
  close(ip.attackCostUsd as number, 15, "125 * 0.005 * 24");
  const vps = run({ mechanism: "vps", durationDays: 30 });
  // 125 * 4 $/month * 720 h / 730.5 h per month = $492.81.
  close(vps.attackCostUsd as number, (125 * 4 * 720) / 730.5, "a month of VPSs");
  assert.equal(run({ mechanism: "ip", connectionsPerIp: 4 }).unitsNeeded, 32, "ceil(125 / 4)");
});

test("bad parameters name the parameter, the value and the allowed range", () => {
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ share: 1 }, "share", /invalid share: 1 /],
    [{ share: 0 }, "share", /invalid share: 0 /],
    [{ ethPriceUsd: -5 }, "ethPriceUsd", /invalid ethPriceUsd: -5/],
    [{ durationDays: 0 }, "durationDays", /invalid durationDays: 0/],
    [{ authorities: 0 }, "authorities", /invalid authorities: 0/],
    [{ slots: 2.5 }, "slots", /invalid slots: 2.5/],
    [{ mechanism: "pow2" }, "mechanism", /invalid mechanism: "pow2" \(allowed: one of pow, pos, poa, ip, vps\)/],
  ];
  for (const [given, name, message] of cases) {
    assert.throws(() => sybilCost.resolve(given), (e: unknown) => e instanceof ParameterError && e.parameter === name && message.test(e.message), JSON.stringify(given));
  }
  assert.throws(() => resourceForShare(1.2, 10), (e: unknown) => e instanceof ParameterError && e.parameter === "share");
});
