#!/usr/bin/env bash
# Executes a notebook with real Jupyter (Debian's /usr/bin/jupyter nbconvert) and the repo's own
# kernelspec (jupyter/kernels/tslab), into a temporary folder; fails if Jupyter fails.
#   test/notebook/nbconvert-check.sh [notebook.ipynb] [text the executed notebook must contain]
# Needs: apt-get install --no-install-recommends jupyter-client jupyter-nbconvert python3-ipykernel
# and a built checkout (npm install). JUPYTER=/path/to/jupyter overrides the Jupyter used.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
notebook="$(realpath "${1:-$root/test/notebook/fixtures/basic.ipynb}")"
expected="${2-selfishRevenue(0.3, 0.5) = 0.326873857}"
jupyter="${JUPYTER:-/usr/bin/jupyter}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The environment `consensus-lab jupyter` uses, with Jupyter's state in the temp folder.
# jupyter/bin/tslab (first on PATH) is the repo's tslab with the preload that keeps bursts of output.
export JUPYTER_PATH="$root/jupyter" JUPYTER_CONFIG_PATH="$root/jupyter/config"
export PATH="$root/jupyter/bin:$root/node_modules/.bin:$PATH"
export JUPYTER_CONFIG_DIR="$work/config" JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime"
export PYDEVD_DISABLE_FILE_VALIDATION=1 # quiets a debugger warning of Debian's Python 3.11

spec="$("$jupyter" kernelspec list --json | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).kernelspecs.tslab?.resource_dir ?? ""))')"
if [ "$(realpath "$spec" 2>/dev/null)" != "$(realpath "$root/jupyter/kernels/tslab")" ]; then
  echo "nbconvert-check: Jupyter does not see the repo's tslab kernelspec (found: ${spec:-none})" >&2
  exit 1
fi

# nbconvert starts the kernel in the notebook's folder, as `consensus-lab notebooks` does.
"$jupyter" nbconvert --to notebook --execute \
  --ExecutePreprocessor.kernel_name=tslab \
  --ExecutePreprocessor.timeout=300 \
  --ExecutePreprocessor.record_timing=False \
  --output-dir "$work" --output executed.ipynb "$notebook"

if [ -n "$expected" ] && ! grep -qF -- "$expected" "$work/executed.ipynb"; then
  echo "nbconvert-check: the executed notebook lacks the expected text: $expected" >&2
  exit 1
fi
echo "nbconvert-check: ok ($notebook executed by $("$jupyter" nbconvert --version 2>/dev/null | head -1 | sed 's/^/nbconvert /'))"
