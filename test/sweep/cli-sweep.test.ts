import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/sweep/code-hash";
import { FIXTURES, bytes, cli, tempDir } from "./helpers";

const env = { CONSENSUS_LAB_EXPERIMENTS: FIXTURES };

test("a failing point: the others are stored, exit 1, and the replay command reproduces the failure", () => {
  const data = tempDir();
  const r = cli(["sweep", "test-flaky", "--x", "0:6:1", "--failAt", "2", "--replicates", "2", "--seed", "3", "--workers", "2", "--data-dir", data, "--progress", "none"], env);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /2 of 12 units failed; the others are stored/);
  assert.match(r.stderr, /x=2 failAt=2 replicate=0 seed=3: Error: fixture failure at x=2/);
  const replay = /replay: (.*)/.exec(r.stderr)?.[1] ?? "";
  assert.equal(replay, `CONSENSUS_LAB_EXPERIMENTS=${FIXTURES} consensus-lab run test-flaky --x 2 --failAt 2 --seed 3 --replicate 0`);
  // What the replay command runs, for a registered experiment (run does not read the modules variable itself).
  const ok = cli(["run", "selfish-mining", "--alpha", "0.3", "--blocks", "100", "--seed", "3", "--replicate", "1", "--format", "json"]);
  assert.equal(ok.status, 0, ok.stderr);
  // Rerunning retries the failed units (and they fail again), reusing the stored ones.
  const again = cli(["sweep", "test-flaky", "--x", "0:6:1", "--failAt", "2", "--replicates", "2", "--seed", "3", "--workers", "1", "--data-dir", data, "--progress", "none"], env);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /resuming test-flaky [0-9a-f]+: 10 of 12 units already stored/);
});

test("bad input exits 2 before any work, naming the problem", () => {
  const data = tempDir();
  const cases: Array<[string[], RegExp]> = [
    [["--alpha", "0.1,0.7"], /invalid alpha: 0.7 \(allowed: a number, 0 <= alpha < 0.5\)/],
    [["--alfa", "0.1"], /unknown parameter of selfish-mining: alfa/],
    [["--alpha", "0.4:0.1:0.1"], /invalid alpha: "0.4:0.1:0.1"/],
    [["--alpha", "0.1", "--workers", "0"], /invalid --workers: "0"/],
    [["--alpha", "0.1", "--shard", "3/3"], /invalid shard: "3\/3"/],
    [["--alpha", "0.1", "--replicates", "0"], /invalid --replicates: "0"/],
    [["--alpha", "0.1,0.1"], /repeats point 0/],
  ];
  for (const [args, message] of cases) {
    const r = cli(["sweep", "selfish-mining", ...args, "--data-dir", data]);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.equal(existsSync(join(data, "sweeps")), false);
  const unknown = cli(["sweep", "no-such-model", "--data-dir", data]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown experiment: "no-such-model"/);
});

test("rerun is cached and says so; --out writes CSV; --out - prints rows", () => {
  const data = tempDir();
  const args = ["sweep", "selfish-mining", "--alpha", "0.1,0.3", "--blocks", "1000", "--replicates", "2", "--data-dir", data, "--progress", "none"];
  const first = cli([...args, "--out", join(data, "rows.csv")]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /selfish-mining [0-9a-f]{16}: 2 points x 2 replicates = 4 rows -> /);
  assert.equal(bytes(join(data, "rows.csv")).toString().split("\n")[0].split(",").slice(0, 6).join(","), "alpha,gamma,blocks,replicate,seed,stream");
  const second = cli([...args, "--out", "-", "--format", "json"]);
  assert.equal(second.status, 0);
  assert.match(second.stderr, /^cached: selfish-mining [0-9a-f]{16}: 4 rows loaded from .* in \d+ ms/m);
  assert.equal(second.stdout.trim().split("\n").length, 4);
  assert.equal(JSON.parse(second.stdout.split("\n")[0]).alpha, 0.1);
  const fresh = cli([...args, "--no-cache"]);
  assert.doesNotMatch(fresh.stderr, /cached/);
});

test("changing the model's code, or a module it requires, invalidates cached results; touching it does not", () => {
  const dir = tempDir();
  const lib = join(PROJECT_ROOT, "dist", "lib");
  const helper = join(dir, "helper.js");
  const model = join(dir, "model.js");
  const writeHelper = (offset: number) => writeFileSync(helper, `exports.offset = ${offset};\n`);
  const writeModel = (factor: number) =>
    writeFileSync(
      model,
      [
        `const { defineExperiment } = require(${JSON.stringify(join(lib, "experiment", "experiment.js"))});`,
        `const { int } = require(${JSON.stringify(join(lib, "experiment", "params.js"))});`,
        `const { offset } = require("./helper.js");`,
        `exports.temp = defineExperiment({ name: "test-temp", title: "t", reference: "test", source: __filename,`,
        `  params: { x: int({ default: 0, unit: "", min: 0, max: 9, doc: "x" }) },`,
        `  run: ({ x }, rng) => ({ y: ${factor} * x + offset + rng.random() }) });`,
      ].join("\n"),
    );
  writeHelper(0);
  writeModel(1);
  const e = { CONSENSUS_LAB_EXPERIMENTS: model };
  const args = ["sweep", "test-temp", "--x", "1,2", "--dir", "", "--progress", "none"];
  const at = (name: string) => args.map((a) => (a === "" ? join(dir, name) : a));
  const id = (stderr: string) => /test-temp ([0-9a-f]{16})/.exec(stderr)?.[1];

  const a = cli(at("a"), e);
  assert.equal(a.status, 0, a.stderr);
  const cached = cli(at("a"), e);
  assert.match(cached.stderr, /^cached:/m);
  writeModel(1); // same content, new mtime
  assert.match(cli(at("a"), e).stderr, /^cached:/m);

  writeModel(2);
  const b = cli(at("b"), e);
  assert.equal(b.status, 0, b.stderr);
  assert.doesNotMatch(b.stderr, /cached/);
  assert.notEqual(id(b.stderr), id(a.stderr));
  const refused = cli(at("a"), e); // the old folder holds the old code's sweep
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /holds another sweep/);

  writeHelper(10);
  const c = cli(at("c"), e);
  assert.doesNotMatch(c.stderr, /cached/);
  assert.notEqual(id(c.stderr), id(b.stderr));
  assert.ok(!bytes(join(dir, "b", "rows.arrow")).equals(bytes(join(dir, "c", "rows.arrow"))));
});

test("CLI shards and merge: the merged folder equals the single-machine run; a missing shard exits 2", () => {
  const data = tempDir();
  const args = ["sweep", "selfish-mining", "--alpha", "0.1,0.2,0.3", "--gamma", "0,1", "--blocks", "500", "--replicates", "3", "--progress", "none"];
  assert.equal(cli([...args, "--dir", join(data, "single"), "--workers", "1"]).status, 0);
  for (const i of [0, 1, 2]) {
    const r = cli([...args, "--dir", join(data, "sharded"), "--shard", `${i}/3`, "--workers", "2"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`shard ${i}/3: 6 rows -> .*shard-${i}-of-3.*consensus-lab merge`));
  }
  const partial = cli(["merge", join(data, "sharded", "shard-0-of-3"), join(data, "sharded", "shard-2-of-3"), "--out", join(data, "partial")]);
  assert.equal(partial.status, 2);
  assert.match(partial.stderr, /6 of 18 units are in no shard, first unit 1 \(absent: shard 1\/3\)/);
  const merged = cli(["merge", join(data, "sharded")]);
  assert.equal(merged.status, 0, merged.stderr);
  assert.match(merged.stderr, /merged 3 shards of selfish-mining [0-9a-f]{16}: 18 rows -> /);
  assert.deepEqual(readdirSync(join(data, "sharded")).sort(), ["manifest.json", "rows.arrow", "rows.parquet", "shard-0-of-3", "shard-1-of-3", "shard-2-of-3", "summary.arrow", "summary.parquet"]);
  for (const f of ["rows.arrow", "summary.arrow", "rows.parquet", "summary.parquet"]) assert.ok(bytes(join(data, "sharded", f)).equals(bytes(join(data, "single", f))), f);
  assert.match(cli(["help"]).stdout, /merge\s+combine the shards/);
});
