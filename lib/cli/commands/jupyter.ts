import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { optionValue, parseArgs } from "../args";
import { type Command } from "../command";
import { KERNEL_DISPLAY_NAME, findJupyter, jupyterEnv, projectRoot } from "../../notebook/jupyter-env";

/** The git-ignored folder under notebooks/ for scratch notebooks. */
export const SCRATCH = "scratch";

export const jupyterCommand: Command = {
  name: "jupyter",
  summary: `open JupyterLab (or the classic Notebook) on notebooks/ with the "${KERNEL_DISPLAY_NAME}" kernel`,
  usage: [
    "consensus-lab jupyter [--classic] [--dry-run | --print-env] [<jupyter options>...]",
    "  Starts `jupyter-lab` if installed, else the classic `jupyter-notebook` (PATH, then Debian's /usr/bin),",
    "  on notebooks/, showing notebooks/scratch/ (git-ignored: \"New\" notebooks land there, tests never run them),",
    "  with JUPYTER_PATH pointing at the repo's kernelspec (jupyter/kernels/tslab),",
    "  node_modules/.bin on PATH and Jupyter's config/data/runtime folders under .jupyter/.",
    "  --classic     prefer the classic Notebook over JupyterLab",
    "  --dry-run     print the environment and the command instead of starting a server",
    "  --print-env   print `export` lines for a shell (e.g. before starting VS Code): eval \"$(consensus-lab jupyter --print-env)\"",
    "  Other options go to Jupyter (e.g. --no-browser --port 8899; `npm start -- --no-browser`).",
  ].join("\n"),
  async run(argv) {
    // Our three flags; everything else (or everything after `--`) goes to Jupyter.
    const flags = ["classic", "dry-run", "print-env"];
    const split = argv.indexOf("--");
    const before = split < 0 ? argv : argv.slice(0, split);
    const own = before.filter((a) => flags.includes(a.slice(2)) && a.startsWith("--"));
    const extra = [...before.filter((a) => !own.includes(a)), ...(split < 0 ? [] : argv.slice(split + 1))];
    const args = parseArgs(own, flags);
    const root = projectRoot();
    const vars = jupyterEnv(root);
    const ours = jupyterEnv(root, {});
    if (optionValue(args, "print-env") !== undefined) {
      process.stdout.write(exportLines(vars, ours));
      return 0;
    }
    const env = { ...process.env, ...vars };
    const notebooks = join(root, "notebooks");
    const app = findJupyter(env, optionValue(args, "classic") !== undefined ? "notebook" : "lab");
    // Jupyter refuses to run as root (containers, CI) without --allow-root.
    const asRoot = process.getuid?.() === 0 && !extra.includes("--allow-root") ? ["--allow-root"] : [];
    // Open on the git-ignored scratch folder, so "New" saves there and not among the tracked notebooks.
    const scratch = join(notebooks, SCRATCH);
    const landing = extra.some((a) => /default_url/.test(a)) ? [] : [app?.kind === "lab" ? `--LabApp.default_url=/lab/tree/${SCRATCH}` : `--NotebookApp.default_url=/tree/${SCRATCH}`];
    const command = app ? [app.command, ...app.args, `--notebook-dir=${notebooks}`, ...landing, ...asRoot, ...extra] : undefined;

    if (optionValue(args, "dry-run") !== undefined) {
      process.stdout.write(exportLines(vars, ours));
      process.stdout.write(`# notebooks: ${notebooks}\n`);
      process.stdout.write(command ? `${command.map(shellQuote).join(" ")}\n` : `# no Jupyter found\n${noJupyterHelp()}`);
      return 0;
    }
    if (!command) {
      process.stderr.write(noJupyterHelp());
      return 1;
    }
    for (const dir of ["JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"] as const) mkdirSync(vars[dir], { recursive: true });
    mkdirSync(scratch, { recursive: true });
    process.stderr.write(
      `consensus-lab: starting ${app!.kind === "lab" ? "JupyterLab" : "the classic Notebook"} on ${notebooks}\n` +
        `  it opens ${SCRATCH}/ (git-ignored): new notebooks saved there are yours and never run by the tests; the project's notebooks are one folder up\n`,
    );
    const child = spawn(command[0], command.slice(1), { env, stdio: "inherit" });
    // Ctrl-C reaches Jupyter directly (same process group); Jupyter decides when to stop.
    const ignore = () => {};
    const forward = () => child.kill("SIGTERM");
    process.on("SIGINT", ignore);
    process.on("SIGTERM", forward);
    try {
      return await new Promise<number>((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      });
    } finally {
      process.removeListener("SIGINT", ignore);
      process.removeListener("SIGTERM", forward);
    }
  },
};

function noJupyterHelp(): string {
  return [
    "consensus-lab jupyter: no Jupyter found (looked for jupyter-lab, jupyter-notebook, /usr/bin/jupyter notebook).",
    "  Install one of:",
    "    pip install jupyterlab                                  (JupyterLab, any Python)",
    "    apt-get install jupyter-notebook                        (Debian/Ubuntu: the classic Notebook)",
    "  Then run `npm start` again. Without Jupyter these work headless:",
    "    npx consensus-lab notebooks     run every notebooks/*.ipynb and save the outputs",
    "    npm run figures                 write the figures",
    "",
  ].join("\n");
}

/** `export` lines; PATH-like variables extend the shell's current value instead of freezing ours. */
function exportLines(vars: Record<string, string>, ours: Record<string, string>): string {
  const extend: Record<string, string> = { PATH: ":", JUPYTER_PATH: ":", JUPYTER_CONFIG_PATH: ":" };
  return Object.entries(vars)
    .map(([k, v]) =>
      k in extend ? `export ${k}="${ours[k].replace(/[$`"\\]/g, "\\$&")}\${${k}:+${extend[k]}\$${k}}"\n` : `export ${k}=${shellQuote(v)}\n`,
    )
    .join("");
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
