/**
 * The CLI side of the summary: --level sets the intervals' level (recorded in
 * the manifest), --crn runs every point on the same replicate streams (a
 * different sweep id, so it never mixes with an independent-stream sweep).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSweep } from "../../lib/sweep/load";
import { cli, tempDir } from "./helpers";

const ARGS = ["sweep", "selfish-mining", "--alpha", "0.2,0.3", "--gamma", "0,1", "--blocks", "2000", "--replicates", "3", "--workers", "1", "--progress", "none"];

test("--crn --level 0.9: every point's replicate r on one stream, the level in the manifest, another sweep id", () => {
  const data = tempDir();
  const crn = cli([...ARGS, "--crn", "--level", "0.9", "--data-dir", data]);
  assert.equal(crn.status, 0, crn.stderr);
  const plain = cli([...ARGS, "--data-dir", data]);
  assert.equal(plain.status, 0, plain.stderr);
  const dirs = readdirSync(join(data, "sweeps", "selfish-mining"));
  assert.equal(dirs.length, 2, "common random numbers name another sweep");
  const manifests = dirs.map((d) => ({ d, m: JSON.parse(readFileSync(join(data, "sweeps", "selfish-mining", d, "manifest.json"), "utf8")) }));
  const withCrn = manifests.find(({ m }) => m.commonRandomNumbers === true)!;
  const without = manifests.find(({ m }) => m.commonRandomNumbers !== true)!;
  assert.equal(withCrn.m.summary.level, 0.9);
  assert.equal(without.m.summary.level, 0.95);
  const rows = loadSweep(join(data, "sweeps", "selfish-mining", withCrn.d)).objects() as Array<Record<string, unknown>>;
  for (let r = 0; r < 3; r++) assert.equal(new Set(rows.filter((x) => x.replicate === r).map((x) => x.stream)).size, 1, `replicate ${r}: one stream at all 4 points`);
  const independent = loadSweep(join(data, "sweeps", "selfish-mining", without.d)).objects() as Array<Record<string, unknown>>;
  assert.equal(new Set(independent.map((x) => x.stream)).size, 12, "without --crn every unit has its own stream");
});

test("--level outside (0, 1) and --max-replicates without --precision are refused before any work", () => {
  const bad = cli([...ARGS, "--level", "95", "--data-dir", tempDir()]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid --level: "95" \(allowed: a number, 0 < level < 1/);
  const cap = cli([...ARGS, "--max-replicates", "50", "--data-dir", tempDir()]);
  assert.equal(cap.status, 2);
  assert.match(cap.stderr, /--max-replicates goes with --precision/);
});
