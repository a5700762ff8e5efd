// What the kernel preload (lib/notebook/kernel-preload.ts) changes in a real tslab kernel, driven
// by the repo's own kernel client as Jupyter drives it: Kernel > Interrupt (SIGINT) and restart
// (shutdown_request) stop a running runSweep and its worker threads, what finished stays in the
// journal and the next run resumes; errors read message first with the cell's line; object
// shorthand for an earlier cell's variable works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { TslabKernel } from "../../lib/notebook/kernel";
import { readJournal } from "../../lib/sweep/journal";

const root = resolve(__dirname, "..", "..", "..");
// The kernel's folder must be inside the checkout so `import ... from "consensus-lab"` resolves.
mkdirSync(join(root, "test-artifacts"), { recursive: true });
const work = mkdtempSync(join(root, "test-artifacts", "kernel-preload-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

interface CellRun {
  status: string;
  stdout: string;
  stderr: string;
  ms: number;
}

async function run(kernel: TslabKernel, code: string, during?: () => void): Promise<CellRun> {
  const out = { stdout: "", stderr: "" };
  const t0 = Date.now();
  const pending = kernel.execute(code, {
    timeoutMs: 120_000,
    onMessage: (m) => {
      const c = m.content as { name?: string; text?: string };
      if (m.header.msg_type === "stream") out[c.name === "stderr" ? "stderr" : "stdout"] += c.text ?? "";
    },
  });
  during?.();
  const reply = await pending;
  return { status: reply.status, ...out, ms: Date.now() - t0 };
}

function imported(cell: CellRun): void {
  assert.equal(cell.status, "ok", `importing consensus-lab failed (is dist/ built?):\n${cell.stderr}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const threads = (pid: number) => readdirSync(`/proc/${pid}/task`).length;
/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Units of ~0.1-0.3 s each (1e7 blocks), 24 of them on 2 workers: several seconds uninterrupted. */
const sweepCell = (dataDir: string) =>
  `const result = await runSweep(selfishMining, { alpha: range(0.05, 0.45, 0.05), blocks: [1e7] }, { replicates: 3, seed: 11, workers: 2, dataDir: ${JSON.stringify(dataDir)}, progress: "none" });\n` +
  `console.log("rows", result.rows.numRows());`;

function journalRecords(dataDir: string): number {
  const base = join(dataDir, "sweeps", "selfish-mining");
  if (!existsSync(base)) return 0;
  const [id] = readdirSync(base);
  return id === undefined ? 0 : readJournal(join(base, id, "journal.jsonl"), () => {}).records;
}

/** Waits until `units` units are journaled, whatever the machine's load. */
async function untilJournaled(dataDir: string, units: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (journalRecords(dataDir) < units) {
    if (Date.now() > deadline) throw new Error(`fewer than ${units} units journaled after 60 s`);
    await sleep(50);
  }
}

test("Kernel > Interrupt stops runSweep within a second: workers gone, finished units journaled, the cell says how to resume, the rerun resumes", { timeout: 120_000 }, async (t) => {
  const kernel = await TslabKernel.start({ cwd: work });
  t.after(() => kernel.shutdown());
  const pid = kernel.pid!;
  imported(await run(kernel, `import { runSweep, selfishMining, range } from "consensus-lab";`));
  const idleThreads = threads(pid);
  const dataDir = join(work, "interrupt-data");

  let interruptedAt = 0;
  let threadsWhileRunning = 0;
  const interrupted = await run(kernel, sweepCell(dataDir), () => {
    void untilJournaled(dataDir, 2).then(() => {
      threadsWhileRunning = threads(pid);
      interruptedAt = Date.now();
      kernel.interrupt();
    });
  });
  const stopMs = Date.now() - interruptedAt;
  assert.equal(threadsWhileRunning, idleThreads + 2, "two worker threads while the sweep runs");
  assert.equal(interrupted.status, "error");
  assert.ok(stopMs < 1000, `the cell ended ${stopMs} ms after the interrupt (allowed: < 1000)`);
  const m = /^SweepInterruptedError: interrupted: (\d+) of 24 units are stored in (\S+); run the cell again to resume$/m.exec(interrupted.stderr);
  assert.ok(m, interrupted.stderr);
  assert.ok(interrupted.stderr.startsWith("SweepInterruptedError:"), "the message comes first");
  assert.doesNotMatch(interrupted.stderr, /Interrupted asynchronously/);
  const stored = Number(m[1]);
  assert.ok(stored > 0 && stored < 24, `some units finished before the interrupt: ${stored}`);
  assert.equal(journalRecords(dataDir), stored, "the journal holds exactly the units reported stored");

  // The workers are gone and nothing keeps computing.
  await sleep(200);
  assert.equal(threads(pid), idleThreads, "worker threads terminated");
  const cpu0 = cpuSeconds(pid);
  await sleep(1000);
  const busy = cpuSeconds(pid) - cpu0;
  assert.ok(busy < 0.3, `the kernel used ${busy.toFixed(2)} CPU s in the second after the interrupt (allowed: < 0.3; a worker left running uses ~1)`);

  const rerun = await run(kernel, sweepCell(dataDir));
  assert.equal(rerun.status, "ok", rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`^resuming selfish-mining \\w+: ${stored} of 24 units already stored`, "m"));
  assert.match(rerun.stdout, /^rows 24$/m);
  assert.equal(rerun.stderr, "", "info lines go to stdout in a notebook");
});

test("a kernel restart (shutdown_request) mid-sweep ends the kernel within a second; a new kernel resumes the sweep", { timeout: 120_000 }, async (t) => {
  const dataDir = join(work, "restart-data");
  const first = await TslabKernel.start({ cwd: work });
  t.after(() => first.shutdown());
  imported(await run(first, `import { runSweep, selfishMining, range } from "consensus-lab";`));
  const running = run(first, sweepCell(dataDir)).catch(() => undefined); // the kernel goes away under it
  await untilJournaled(dataDir, 2);
  const t0 = Date.now();
  await first.requestShutdown(true);
  while (first.alive && Date.now() - t0 < 5000) await sleep(20);
  const exitMs = Date.now() - t0;
  assert.ok(!first.alive && exitMs < 1000, `the kernel exited ${exitMs} ms after shutdown_request (allowed: < 1000; Jupyter kills it after 5 s otherwise)`);
  await running;
  const stored = journalRecords(dataDir);
  assert.ok(stored > 0 && stored < 24, `units journaled before the restart: ${stored}`);

  const second = await TslabKernel.start({ cwd: work });
  t.after(() => second.shutdown());
  imported(await run(second, `import { runSweep, selfishMining, range } from "consensus-lab";`));
  const rerun = await run(second, sweepCell(dataDir));
  assert.equal(rerun.status, "ok", rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`^resuming selfish-mining \\w+: ${stored} of 24 units already stored`, "m"));
  assert.match(rerun.stdout, /^rows 24$/m);
});

test("errors read message first with the cell's line, library frames hidden unless CONSENSUS_LAB_TRACEBACK=full; shorthand for an earlier cell's variable works", { timeout: 60_000 }, async (t) => {
  const kernel = await TslabKernel.start({ cwd: work });
  t.after(() => kernel.shutdown());
  imported(await run(kernel, `import { runSweep, selfishMining } from "consensus-lab";\nconst seed = 7;`));

  const shorthand = await run(kernel, `const local = 2;\nconsole.log(JSON.stringify({ seed, local }));`);
  assert.equal(shorthand.stderr, "");
  assert.equal(shorthand.stdout, `{"seed":7,"local":2}\n`);

  const bad = await run(kernel, `const n = 1;\nawait runSweep(selfishMining, { alpha: [0.7] }, { seed, dataDir: ${JSON.stringify(join(work, "bad"))} });`);
  assert.equal(bad.status, "error");
  const lines = bad.stderr.trimEnd().split("\n");
  assert.match(lines[0], /^ParameterError: invalid alpha: 0\.7 \(allowed: a number, 0 <= alpha < 0\.5\)/);
  assert.equal(lines[1], `  2 | await runSweep(selfishMining, { alpha: [0.7] }, { seed, dataDir: ${JSON.stringify(join(work, "bad"))} });`);
  assert.match(lines[2], /^ {4}\| +\^$/);
  assert.match(lines[lines.length - 1], /^\(\d+ frames inside consensus-lab, its packages and Node hidden: CONSENSUS_LAB_TRACEBACK=full shows them\)$/);
  assert.doesNotMatch(bad.stderr, /[\\/]dist[\\/]|node:internal|evalmachine/);

  const full = await run(kernel, `process.env.CONSENSUS_LAB_TRACEBACK = "full";\nawait runSweep(selfishMining, { alpha: [0.7] }, { dataDir: "unused" });`);
  assert.match(full.stderr, /^ParameterError: invalid alpha: 0\.7/);
  assert.match(full.stderr, /at planRun \(.*[\\/]dist[\\/]lib[\\/]sweep[\\/]plan\.js/);
});
