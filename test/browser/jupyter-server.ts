// The project's Jupyter (Debian's classic Notebook 6.4) on 127.0.0.1 with a token, for the browser
// test: the environment of `consensus-lab jupyter` (the repo's kernelspec and config), with
// Jupyter's state in a temporary folder.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { jupyterEnv } from "../../lib/notebook/jupyter-env";

export interface JupyterServer {
  url: string;
  token: string;
  process: ChildProcess;
  /** What the server printed (its log). */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as import("node:net").AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startJupyter(options: { jupyter: string; root: string; notebookDir: string; stateDir: string }): Promise<JupyterServer> {
  const token = randomBytes(24).toString("hex");
  const port = await freePort();
  const env = {
    ...process.env,
    ...jupyterEnv(options.root),
    JUPYTER_CONFIG_DIR: join(options.stateDir, "config"),
    JUPYTER_DATA_DIR: join(options.stateDir, "data"),
    JUPYTER_RUNTIME_DIR: join(options.stateDir, "runtime"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  for (const dir of ["config", "data", "runtime"]) mkdirSync(join(options.stateDir, dir), { recursive: true });
  const args = [
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${options.notebookDir}`,
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ];
  const child = spawn(options.jupyter, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter notebook exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/status?token=${token}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`jupyter notebook did not answer within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    token,
    process: child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM"); // the classic Notebook shuts its kernels down on SIGTERM
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** Pids of the tslab kernels the server started (its node children running tslab). */
export function kernelPids(serverPid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.replace(/^.*\) /, "").split(" ")[1]);
      if (ppid !== serverPid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("tslab")) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export function threadCount(pid: number): number {
  return readdirSync(`/proc/${pid}/task`).length;
}

/** CPU seconds (user + system) of a process, from /proc/<pid>/stat (1/100 s ticks). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
