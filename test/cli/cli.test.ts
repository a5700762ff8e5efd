/** The `consensus-lab` command as a user meets it: list, run, help and errors. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cli } from "../sweep/helpers";
import { experiments } from "../../lib/models/registry";
import { runPoint } from "../../lib/sweep/run-point";
import { selfishMining } from "../../lib/models/selfish-mining/experiment";

test("list shows every registered experiment with each parameter's default and range", () => {
  const r = cli(["list"]);
  assert.equal(r.status, 0, r.stderr);
  for (const e of experiments) {
    assert.match(r.stdout, new RegExp(`^${e.name}: `, "m"));
    for (const name of Object.keys(e.params)) assert.match(r.stdout, new RegExp(`--${name}\\s+default `));
  }
  assert.match(r.stdout, /--alpha\s+default 0.333\d*; a number, 0 <= alpha < 0.5/);
});

test("run prints the same row as the library, as CSV or JSON, for any replicate", () => {
  const json = cli(["run", "selfish-mining", "--alpha", "0.3", "--blocks", "20000", "--seed", "9", "--replicate", "2", "--format", "json"]);
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), runPoint(selfishMining, { alpha: 0.3, blocks: 20000 }, 9, 2));
  const csv = cli(["run", "selfish-mining", "--alpha", "0.3", "--blocks", "20000", "--replicates", "3"]);
  assert.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trim().split("\n");
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^alpha,gamma,blocks,replicate,seed,stream,revenue,revenueTheory/);
});

test("bad input exits 2 naming the parameter, the value and the allowed range; no rows are printed", () => {
  const cases: Array<[string[], RegExp]> = [
    [["run", "selfish-mining", "--alpha", "0.5"], /invalid alpha: 0.5 \(allowed: a number, 0 <= alpha < 0.5\)/],
    [["run", "selfish-mining", "--gamma", "x"], /invalid gamma: "x"/],
    [["run", "selfish-mining", "--alfa", "0.3"], /unknown parameter of selfish-mining: alfa = "0.3" \(known: alpha, gamma, blocks\)/],
    [["run", "selfish-mining", "--alpha", "0.1,0.2"], /invalid alpha: "0.1,0.2" .*single value/],
    [["run", "selfish-mining", "--seed", "-3"], /invalid --seed: "-3"/],
    [["run", "nakamoto-network", "--nodes", "8", "--degree", "8"], /invalid degree: 8 .*degree < nodes = 8/],
    [["run", "double-spend", "--q", "1.5"], /invalid q: 1.5 .*0 <= q <= 1/],
    [["run", "no-such-model"], /unknown experiment: "no-such-model" \(known: selfish-mining/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(" ")}: status ${r.status}`);
    assert.match(r.stderr, message, args.join(" "));
    assert.equal(r.stdout, "", args.join(" "));
  }
});

test("help lists the commands; an unknown command exits 2", () => {
  const help = cli(["help"]);
  assert.equal(help.status, 0);
  for (const c of ["list", "run", "sweep", "merge", "notebooks", "jupyter", "figures"]) assert.match(help.stdout, new RegExp(`^  ${c} `, "m"));
  assert.equal(cli(["frobnicate"]).status, 2);
});
