/**
 * The CLI as a new user meets it (issue 9, items 7 and 8): mistyped options and
 * parameters told apart with "did you mean", errors that quote what was typed,
 * `run` pointing to `sweep`, output paths checked before any work, CSV without
 * a trailing blank line, Parquet and JSON-lines output, and an unfinished sweep
 * of another id kept rather than discarded.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "../sweep/helpers";
import { nearest } from "../../lib/cli/suggest";
import { runSweep, SweepInterruptedError } from "../../lib/sweep/run-sweep";
import { busy } from "../sweep/fixtures/experiments";

const sweep = (...args: string[]) => ["sweep", "selfish-mining", ...(args.includes("--blocks") ? [] : ["--blocks", "200"]), "--progress", "none", ...args];

test("nearest: one edit for short names, a third of the letters for longer ones, nothing for unrelated names", () => {
  const options = ["progress", "replicates", "seed", "out", "dir", "data-dir", "workers"];
  assert.deepEqual(nearest("progres", options), { name: "progress", distance: 1 });
  assert.deepEqual(nearest("replicate", options), { name: "replicates", distance: 1 });
  assert.deepEqual(nearest("sede", ["seed"]), { name: "seed", distance: 2 }); // a transposition is two Levenshtein edits
  assert.deepEqual(nearest("Seed", ["seed"]), { name: "seed", distance: 0 }, "case is ignored");
  assert.deepEqual(nearest("alfa", ["alpha", "gamma", "blocks"]), { name: "alpha", distance: 2 });
  assert.equal(nearest("q", ["z"]), undefined, "every letter differs");
  assert.equal(nearest("x", options), undefined);
  assert.equal(nearest("frobnicate", options), undefined);
  assert.equal(nearest("dri", ["dir", "data-dir"])?.name, undefined, "3 letters allow 1 edit; dri -> dir is 2");
});

test("a mistyped option is an unknown option with did-you-mean; a mistyped parameter an unknown parameter of the model", () => {
  const data = tempDir();
  const option = cli([...sweep("--alpha", "0.1", "--progres", "lines"), "--data-dir", data]);
  assert.equal(option.status, 2);
  assert.match(option.stderr, /unknown option --progres; did you mean --progress\?/);
  assert.doesNotMatch(option.stderr, /unknown parameter/);

  const param = cli([...sweep("--alfa", "0.1"), "--data-dir", data]);
  assert.equal(param.status, 2);
  assert.match(param.stderr, /unknown parameter of selfish-mining: alfa = "0.1" \(known: alpha, gamma, blocks\); did you mean --alpha\?/);

  const runOption = cli(["run", "selfish-mining", "--replicats", "2"]);
  assert.equal(runOption.status, 2);
  assert.match(runOption.stderr, /unknown option --replicats; did you mean --replicate or --replicates\?/, "a tie shows both");

  // A sweep-only option given to run is neither of run's options nor a parameter: said so, without guessing.
  const neither = cli(["run", "selfish-mining", "--out", "x.csv"]);
  assert.equal(neither.status, 2);
  assert.match(neither.stderr, /unknown option --out: neither an option of run .* nor a parameter of selfish-mining \(known: alpha, gamma, blocks\)/);
  assert.equal(existsSync(join(data, "sweeps")), false, "nothing ran");
});

test("a refused value of a list or range quotes what was typed and which value it was", () => {
  const data = tempDir();
  const range = cli([...sweep("--alpha", "0:0.6:0.1"), "--data-dir", data]);
  assert.equal(range.status, 2);
  // numpy-style arange(0, 0.6, 0.1) = 0, 0.1, ..., 0.5: its 6th value breaks alpha < 0.5.
  assert.match(range.stderr, /invalid alpha: 0\.5 \(allowed: a number, 0 <= alpha < 0\.5\): value 6 of 6 in --alpha 0:0\.6:0\.1 = 0, 0\.1, 0\.2, 0\.3, 0\.4, 0\.5/);
  const list = cli([...sweep("--gamma", "0,0.5,2"), "--data-dir", data]);
  assert.equal(list.status, 2);
  assert.match(list.stderr, /invalid gamma: 2 \(allowed: a number, 0 <= gamma <= 1\): value 3 of 3 in --gamma 0,0\.5,2/);
});

test("run takes one value: a list or range points to sweep without echoing the expansion; an empty value asks for a value", () => {
  const r = cli(["run", "selfish-mining", "--alpha", "0:0.2:0.1"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid alpha: "0:0\.2:0\.1" \(allowed: a single value: run takes one value per parameter; for several, sweep them: consensus-lab sweep selfish-mining --alpha 0:0\.2:0\.1\)/);
  assert.doesNotMatch(r.stderr, /0,0\.1/, "the range as typed, not its expansion");
  const empty = cli(["run", "selfish-mining", "--alpha", ""]);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /invalid alpha: "" \(allowed: a number, 0 <= alpha < 0\.5\)/);
  assert.doesNotMatch(empty.stderr, /list|range/, "no suggestion that run refuses");
});

test("output paths are checked before any work: unknown extension, missing folder, a file where a folder goes", () => {
  const data = tempDir();
  const folderNamedCsv = join(data, "folder.csv");
  mkdirSync(folderNamedCsv);
  const cases: Array<[string[], RegExp]> = [
    [["--out", join(data, "foo.txt")], /invalid --out: ".*foo\.txt" \(allowed: a file ending in \.csv, \.json, \.jsonl, \.arrow, \.parquet, or - for stdout\)/],
    [["--out", "/missing/dir/x.csv"], /invalid --out: "\/missing\/dir\/x\.csv": the folder \/missing\/dir does not exist/],
    [["--out", folderNamedCsv], /invalid --out: ".*folder\.csv" is a folder/],
    [["--dir", "/etc/hostname/sweep"], /invalid --dir: "\/etc\/hostname\/sweep": \/etc\/hostname is a file/],
    [["--out", join(data, "x.csv"), "--format", "json"], /--format json disagrees with --out .*x\.csv/],
  ];
  for (const [extra, message] of cases) {
    const started = Date.now();
    const r = cli([...sweep("--alpha", "0.1", "--blocks", "50000000", "--replicates", "4"), "--data-dir", data, ...extra]);
    assert.equal(r.status, 2, `${extra.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.ok(Date.now() - started < 20_000, "refused at once (the sweep itself would take minutes)");
  }
  assert.equal(existsSync(join(data, "sweeps")), false, "nothing ran, nothing stored");
});

test("CSV ends with one newline; --out .parquet copies rows.parquet; .jsonl writes JSON lines", () => {
  const data = tempDir();
  const run = cli(["run", "selfish-mining", "--alpha", "0.3", "--blocks", "100", "--replicates", "2"]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.endsWith("\n") && !run.stdout.endsWith("\n\n"), JSON.stringify(run.stdout.slice(-20)));
  assert.equal(run.stdout.split("\n").length, 4, "header, 2 rows, and the final newline");

  const dir = join(data, "sweep");
  const csv = cli([...sweep("--alpha", "0.1,0.2", "--replicates", "2"), "--dir", dir, "--out", join(data, "rows.csv")]);
  assert.equal(csv.status, 0, csv.stderr);
  const text = readFileSync(join(data, "rows.csv"), "utf8");
  assert.ok(text.endsWith("\n") && !text.endsWith("\n\n"));
  assert.equal(text.split("\n").length, 6);

  const pq = cli([...sweep("--alpha", "0.1,0.2", "--replicates", "2"), "--dir", dir, "--out", join(data, "copy.parquet")]);
  assert.equal(pq.status, 0, pq.stderr);
  assert.ok(readFileSync(join(data, "copy.parquet")).equals(readFileSync(join(dir, "rows.parquet"))));
  assert.equal(readFileSync(join(data, "copy.parquet")).subarray(0, 4).toString(), "PAR1", "Parquet magic");

  const jsonl = cli([...sweep("--alpha", "0.1,0.2", "--replicates", "2"), "--dir", dir, "--out", join(data, "rows.jsonl")]);
  assert.equal(jsonl.status, 0, jsonl.stderr);
  const lines = readFileSync(join(data, "rows.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
  assert.deepEqual(lines.map((l) => l.alpha), [0.1, 0.1, 0.2, 0.2]);
});

test("an interrupted sweep of another id in the same --dir is kept: refused naming both ids and how to resume or discard it", async () => {
  const dir = join(tempDir(), "shared");
  const grid = { x: Array.from({ length: 20 }, (_, i) => i), work: [400_000] };
  const controller = new AbortController();
  const command = "consensus-lab sweep test-busy --x 0:20:1 --work 400000 --seed 1";
  await assert.rejects(
    runSweep(busy, grid, {
      seed: 1,
      workers: 1,
      dir,
      command,
      signal: controller.signal,
      log: () => {},
      progress: { start() {}, update: (done) => (done >= 4 ? controller.abort() : undefined), finish() {} },
    }),
    SweepInterruptedError,
  );
  const journal = readFileSync(join(dir, "journal.jsonl"));
  const env = { CONSENSUS_LAB_EXPERIMENTS: join(__dirname, "..", "sweep", "fixtures", "experiments.js") };
  const other = cli(["sweep", "test-busy", "--x", "0:20:1", "--work", "400000", "--seed", "5", "--dir", dir, "--progress", "none"], env);
  assert.equal(other.status, 1, other.stderr);
  assert.match(other.stderr, /holds another, unfinished sweep \(id [0-9a-f]{16}, \d+ finished units? in journal\.jsonl; this one is [0-9a-f]{16}\); nothing was run and nothing deleted/);
  const [, first, second] = /id ([0-9a-f]{16}),.*this one is ([0-9a-f]{16})/.exec(other.stderr) ?? [];
  assert.notEqual(first, second);
  assert.match(other.stderr, new RegExp(`resume it with: ${command}; to discard it, delete .*journal\\.jsonl`));
  assert.ok(readFileSync(join(dir, "journal.jsonl")).equals(journal), "the unfinished journal is untouched");
  assert.deepEqual(readdirSync(dir).sort(), ["journal.jsonl"]);

  // --no-cache does not discard it either.
  const noCache = cli(["sweep", "test-busy", "--x", "0:20:1", "--work", "400000", "--seed", "5", "--dir", dir, "--progress", "none", "--no-cache"], env);
  assert.equal(noCache.status, 1);
  assert.ok(readFileSync(join(dir, "journal.jsonl")).equals(journal));
});

test("merge and figures: unknown options with did-you-mean, a mistyped flag does not swallow the next option, output folders checked first", () => {
  const cases: Array<[string[], RegExp]> = [
    [["merge", "/tmp", "--ot", "x"], /consensus-lab merge: unknown option --ot; did you mean --out\?/],
    [["merge", "/tmp", "--out", "/etc/hostname/merged"], /invalid --out: "\/etc\/hostname\/merged": \/etc\/hostname is a file/],
    [["figures", "--qick"], /unknown option --qick; did you mean --quick\?/],
    [["figures", "--out", "/etc/hostname/figs", "--quick"], /invalid --out: "\/etc\/hostname\/figs"/],
    [["sweep", "selfish-mining", "--alpha", "0.1", "--quite", "--progress", "none"], /unknown option --quite; did you mean --quiet\?/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
