#!/usr/bin/env bash
# End-to-end test of the Slurm templates on a real one-node Slurm cluster on this machine:
#   1. install Debian's slurm-wlm and munge (if missing),
#   2. start munged, slurmctld and slurmd with a private configuration under a temp folder,
#   3. submit a sharded sweep with deploy/slurm/submit.sh (array job + dependent merge job),
#   4. wait for both, compare the merged rows.arrow and summary.arrow with a local run byte for byte,
#   5. stop the daemons it started (by pid) and remove the temp folder.
# Exit status: 0 passed, 1 failed, 77 skipped (Slurm cannot be installed or started here; reason printed).
# Needs root (apt-get, daemons). Run from anywhere: test/slurm/run-slurm-test.sh
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
SKIP=77
skip() { echo "SKIP: $*"; exit $SKIP; }
fail() { echo "FAIL: $*"; dump_logs; exit 1; }

work="$(mktemp -d /tmp/cl-slurm.XXXXXX)"
chmod 755 "$work"
pids=()
dump_logs() {
  for f in "$work"/*.log "$work"/sweep/*.out; do
    [[ -f "$f" ]] || continue
    echo "----- $f (last 30 lines)"; tail -n 30 "$f"
  done
}
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  [[ -n "${KEEP_SLURM_TEST_DIR:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

# 1. Install.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  [[ "$(id -u)" == 0 ]] || skip "slurm-wlm and munge are not installed and this is not root (apt-get needs root)"
  command -v apt-get >/dev/null || skip "slurm-wlm and munge are not installed and there is no apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends slurm-wlm munge >"$work/apt.log" 2>&1; then
    apt-get update -qq >>"$work/apt.log" 2>&1
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >>"$work/apt.log" 2>&1 ||
      skip "apt-get install slurm-wlm munge failed: $(tail -n 1 "$work/apt.log")"
  fi
fi
[[ "$(id -u)" == 0 ]] || skip "starting slurmctld/slurmd as a private cluster needs root"
echo "slurm: $(slurmd -V)"

# 2. Munge with a private key and socket.
mungekey --create --keyfile="$work/munge.key" 2>/dev/null ||
  dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 600 "$work/munge.key"
munged --force --foreground --socket="$work/munge.sock" --key-file="$work/munge.key" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge.seed" >>"$work/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [[ -S "$work/munge.sock" ]] && break; sleep 0.1; done
munge --socket="$work/munge.sock" -n </dev/null | unmunge --socket="$work/munge.sock" >/dev/null 2>&1 ||
  skip "munged did not start (see $work/munged.log): $(tail -n 1 "$work/munged.log" 2>/dev/null)"

# 3. Slurm: one node (this machine), everything under $work, no cgroups, no accounting.
host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p "$work/state" "$work/spool" "$work/sweep"
cat >"$work/slurm.conf" <<CONF
ClusterName=consensus-lab-test
SlurmctldHost=${host}(127.0.0.1)
SlurmctldPort=${SLURM_TEST_CTLD_PORT:-16817}
SlurmdPort=${SLURM_TEST_SLURMD_PORT:-16818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${work}/munge.sock
StateSaveLocation=${work}/state
SlurmdSpoolDir=${work}/spool
SlurmctldPidFile=${work}/slurmctld.pid
SlurmdPidFile=${work}/slurmd.pid
SlurmctldLogFile=${work}/slurmctld.log
SlurmdLogFile=${work}/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
MinJobAge=600
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN
PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >>"$work/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$work/slurmd.log" 2>&1 &
pids+=($!)
ready=""
for _ in $(seq 120); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)"
  if [[ "$state" == idle* ]]; then ready=1; break; fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  dump_logs
  skip "the one-node Slurm cluster did not come up within 60 s (node state: '${state:-none}')"
fi
echo "slurm: node ${host} is idle ($(sinfo -h -o '%P %D %C'))"

# 4. A sharded sweep through the shipped templates, and a local run to compare with.
cd "$root" || fail "no project root"
sweep_args=(selfish-mining --alpha 0.05:0.5:0.05 --gamma 0,0.5,1 --blocks 20000 --replicates 3 --seed 11)
shards=3
out="$(SBATCH_ARRAY_OPTS="--cpus-per-task=1" deploy/slurm/submit.sh "$shards" "$work/sweep" "${sweep_args[@]}" 2>&1)" ||
  fail "submit.sh failed: $out"
echo "slurm: $out"
array_job="$(sed -n 's/^array job \([0-9]*\).*/\1/p' <<<"$out")"
merge_job="$(sed -n 's/.*merge job \([0-9]*\);.*/\1/p' <<<"$out")"
[[ -n "$array_job" && -n "$merge_job" ]] || fail "could not read the job ids from: $out"
deadline=$((SECONDS + ${SLURM_TEST_TIMEOUT_S:-300}))
while squeue -h -j "$array_job,$merge_job" 2>/dev/null | grep -q .; do
  ((SECONDS < deadline)) || { squeue; fail "jobs still queued or running after the timeout"; }
  sleep 1
done
for job in "$array_job" "$merge_job"; do
  states="$(scontrol -o show job "$job" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr '\n' ' ')"
  echo "slurm: job $job: $states"
  grep -q 'JobState=' <<<"$states" || fail "job $job is unknown to slurmctld"
  grep -v -q 'JobState=COMPLETED' <<<"$(scontrol -o show job "$job" | grep -o 'JobState=[A-Z_]*')" && fail "job $job did not complete: $states"
done
[[ -f "$work/sweep/manifest.json" ]] || fail "the merge job wrote no manifest"
node bin/consensus-lab.js sweep "${sweep_args[@]}" --workers 2 --dir "$work/local" --progress none ||
  fail "the local reference run failed"
for f in rows.arrow summary.arrow; do
  cmp "$work/sweep/$f" "$work/local/$f" || fail "$f of the Slurm run differs from the local run"
done
echo "slurm: merged result of $shards array tasks equals the local run byte for byte ($(wc -c <"$work/sweep/rows.arrow") + $(wc -c <"$work/sweep/summary.arrow") bytes)"
echo "PASS"
