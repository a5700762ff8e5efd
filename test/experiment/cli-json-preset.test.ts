/** The CLI side of JSON parameters and presets: what was typed is quoted, rows keep canonical JSON text. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../lib/sweep/code-hash";

const CLI = join(PROJECT_ROOT, "bin", "consensus-lab.js");
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000 });
const SMALL = ["--nodes", "30", "--degree", "4", "--blocks", "5"];
const SPLIT = '[{"startS":0,"durationS":600,"groups":{"by":"fraction","shares":[0.5]}}]';

test("run: --preset applies its parameters under the given ones; an unknown preset exits 2 listing the known ones", () => {
  const r = cli(["run", "nakamoto-network", "--preset", "bitcoin", ...SMALL, "--format", "json"]);
  assert.equal(r.status, 0, r.stderr);
  const row = JSON.parse(r.stdout.trim().split("\n")[0]);
  assert.equal(row.latency, "regions");
  assert.equal(row.nodes, 30);
  const bad = cli(["run", "nakamoto-network", "--preset", "mainnet"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid preset: "mainnet" \(allowed: one of bitcoin, simblock, w3\)/);
});

test("JSON options: text or @file, rows hold the canonical text; bad JSON exits 2 quoting it; sweep repeats the option for an axis", () => {
  const dir = mkdtempSync(join(tmpdir(), "cl-cli-json-"));
  try {
    writeFileSync(join(dir, "split.json"), ` ${SPLIT.replace(/,/g, ", ")} \n`);
    const text = cli(["run", "nakamoto-network", ...SMALL, "--partitions", SPLIT, "--format", "json"]);
    const file = cli(["run", "nakamoto-network", ...SMALL, "--partitions", `@${join(dir, "split.json")}`, "--format", "json"]);
    assert.equal(text.status, 0, text.stderr);
    assert.equal(text.stdout, file.stdout, "the same schedule from text and from a file gives the same row");
    assert.equal(JSON.parse(text.stdout).partitions, '[{"durationS":600,"groups":{"by":"fraction","shares":[0.5]},"startS":0}]');
    const bad = cli(["run", "nakamoto-network", "--partitions", '[{"startS":0,}]']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /invalid partitions: "\[\{\\"startS\\":0,\}\]" is not JSON/);
    const sweep = cli(["sweep", "nakamoto-network", ...SMALL, "--partitions", "[]", "--partitions", SPLIT, "--workers", "1", "--dir", join(dir, "s"), "--quiet", "--out", "-", "--format", "json"]);
    assert.equal(sweep.status, 0, sweep.stderr);
    const rows = sweep.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.partitions), ["[]", JSON.parse(text.stdout).partitions]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
