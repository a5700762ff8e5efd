/**
 * The deployment templates without a cluster: the Slurm batch scripts run as
 * Slurm would run them (array task variables set by hand), submit.sh runs
 * against a stub `sbatch`, and the Kubernetes Indexed Job's command runs with
 * JOB_COMPLETION_INDEX set (as a --dry-run). The real Slurm test is
 * test/slurm/run-slurm-test.sh.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/sweep/code-hash";
import { bytes, cli, tempDir } from "./helpers";

const SLURM = join(PROJECT_ROOT, "deploy", "slurm");
const K8S = join(PROJECT_ROOT, "deploy", "k8s");
const SWEEP = "selfish-mining --alpha 0.1,0.2,0.3 --blocks 500 --replicates 2";

function bash(script: string, args: string[], env: Record<string, string>, cwd = PROJECT_ROOT) {
  return spawnSync("bash", [script, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
}

test("the Slurm scripts parse", () => {
  for (const f of ["sweep-array.sbatch", "merge.sbatch", "submit.sh"]) {
    const r = spawnSync("bash", ["-n", join(SLURM, f)], { encoding: "utf8" });
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test("array tasks of sweep-array.sbatch and then merge.sbatch give the single-machine result", () => {
  const dir = tempDir();
  const sweepDir = join(dir, "sweep");
  for (const task of ["1", "0"]) {
    const r = bash(join(SLURM, "sweep-array.sbatch"), [], { SWEEP_DIR: sweepDir, SWEEP_ARGS: SWEEP, SLURM_ARRAY_TASK_ID: task, SLURM_ARRAY_TASK_COUNT: "2", SLURM_CPUS_PER_TASK: "1", SLURM_SUBMIT_DIR: PROJECT_ROOT });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(sweepDir, `shard-${task}-of-2`, "manifest.json")));
  }
  const merged = bash(join(SLURM, "merge.sbatch"), [], { SWEEP_DIR: sweepDir });
  assert.equal(merged.status, 0, merged.stderr);
  const local = cli(["sweep", ...SWEEP.split(" "), "--dir", join(dir, "local"), "--progress", "none"]);
  assert.equal(local.status, 0, local.stderr);
  for (const f of ["rows.arrow", "summary.arrow"]) assert.ok(bytes(join(sweepDir, f)).equals(bytes(join(dir, "local", f))), f);
  const missing = bash(join(SLURM, "sweep-array.sbatch"), [], { SWEEP_DIR: sweepDir, SWEEP_ARGS: SWEEP });
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /submit this script as an array job/);
});

test("submit.sh validates the sweep, then queues an array 0-(n-1) and a merge that depends on it", () => {
  const dir = tempDir();
  const bin = join(dir, "bin");
  const calls = join(dir, "calls.txt");
  spawnSync("mkdir", ["-p", bin]);
  writeFileSync(join(bin, "sbatch"), `#!/usr/bin/env bash\necho "$* | SHARDS=$SHARDS SWEEP_ARGS=$SWEEP_ARGS" >> ${JSON.stringify(calls)}\necho $(( $(wc -l < ${JSON.stringify(calls)}) + 100 ))\n`);
  chmodSync(join(bin, "sbatch"), 0o755);
  const env = { PATH: `${bin}:${process.env.PATH}` };
  const r = bash(join(SLURM, "submit.sh"), ["3", join(dir, "sweep"), ...SWEEP.split(" ")], env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^array job 101 \(3 shards\), merge job 102; results in /m);
  const [array, merge] = readFileSync(calls, "utf8").trim().split("\n");
  assert.match(array, /--parsable --array=0-2 .*sweep-array\.sbatch \| SHARDS=3 SWEEP_ARGS=selfish-mining --alpha 0\.1,0\.2,0\.3/);
  assert.match(merge, /--dependency=afterok:101 .*merge\.sbatch/);
  const bad = bash(join(SLURM, "submit.sh"), ["2", join(dir, "bad"), "selfish-mining", "--alpha", "0.9"], env);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid alpha: 0.9/);
  assert.equal(readFileSync(calls, "utf8").trim().split("\n").length, 2, "nothing queued for a bad grid");
});

test("the Kubernetes Indexed Job maps JOB_COMPLETION_INDEX to --shard and its command is a valid sweep", (t) => {
  const yaml = readFileSync(join(K8S, "indexed-job.yaml"), "utf8");
  const py = spawnSync("/usr/bin/python3", ["-c", "import sys, json, yaml; print(json.dumps(list(yaml.safe_load_all(sys.stdin))))"], { input: yaml, encoding: "utf8" });
  if (py.status !== 0) {
    t.skip("no python3 with PyYAML to parse the template");
    return;
  }
  const [job] = JSON.parse(py.stdout) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(job.kind, "Job");
  assert.equal(job.spec.completionMode, "Indexed");
  const container = job.spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
  assert.equal(Number(env.SHARDS), job.spec.completions);
  assert.equal(job.spec.parallelism, job.spec.completions);
  const command: string = container.args[0];
  assert.match(command, /--shard "\$\{JOB_COMPLETION_INDEX\}\/\$\{SHARDS\}"/);
  const dir = tempDir();
  const r = spawnSync("sh", ["-c", `${command} --dry-run`], { cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, ...env, JOB_COMPLETION_INDEX: "3", SWEEP_DIR: join(dir, "s") } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^valid: selfish-mining [0-9a-f]{16}: \d+ points x 100 replicates = \d+ units, shard 3\/4: \d+ units -> .*shard-3-of-4$/m);
  const docs = spawnSync("/usr/bin/python3", ["-c", "import sys, yaml; [list(yaml.safe_load_all(open(f))) for f in sys.argv[1:]]", join(K8S, "merge-job.yaml"), join(K8S, "results-pvc.yaml")], { encoding: "utf8" });
  assert.equal(docs.status, 0, docs.stderr);
});
