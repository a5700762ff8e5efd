#!/usr/bin/env bash
# Queue a sharded consensus-lab sweep on Slurm: an array job (one task per shard)
# and a merge job that starts when every task has succeeded.
#
#   deploy/slurm/submit.sh <shards> <sweep dir> <experiment> [sweep options...]
#   deploy/slurm/submit.sh 8 /shared/sweeps/alpha selfish-mining --alpha 0:0.5:0.01 --replicates 100
#
# Extra sbatch options (partition, account, time) go in SBATCH_ARRAY_OPTS / SBATCH_MERGE_OPTS,
# e.g. SBATCH_ARRAY_OPTS="--partition=cpu --time=12:00:00". Run from the built checkout
# (npm ci && npm run build), on a filesystem every node sees. Prints the two job ids.
set -euo pipefail
if [[ $# -lt 3 ]]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
shards="$1"
sweep_dir="$(realpath -m "$2")"
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
home="$(cd "$here/../.." && pwd)"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: <shards> must be a positive integer, got '$shards'" >&2; exit 2; }
for word in "$@"; do [[ "$word" != *" "* ]] || { echo "submit.sh: sweep options cannot contain spaces: '$word'" >&2; exit 2; }; done
# Fail here, not in 1000 array tasks, if the arguments are wrong: validate the grid locally.
node "$home/bin/consensus-lab.js" sweep "$@" --shard "0/$shards" --dir "$sweep_dir" --dry-run
mkdir -p "$sweep_dir"
export SWEEP_DIR="$sweep_dir" SWEEP_ARGS="$*" SHARDS="$shards" CONSENSUS_LAB_HOME="$home"
# shellcheck disable=SC2086 # option lists are word lists on purpose
array_job="$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$sweep_dir" --export=ALL ${SBATCH_ARRAY_OPTS:-} "$here/sweep-array.sbatch")"
array_job="${array_job%%;*}"
# shellcheck disable=SC2086
merge_job="$(sbatch --parsable --dependency="afterok:${array_job}" --kill-on-invalid-dep=yes --chdir="$sweep_dir" --export=ALL ${SBATCH_MERGE_OPTS:-} "$here/merge.sbatch")"
merge_job="${merge_job%%;*}"
echo "array job ${array_job} (${shards} shards), merge job ${merge_job}; results in ${sweep_dir}"
