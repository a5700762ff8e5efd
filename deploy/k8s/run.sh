#!/usr/bin/env bash
# Run the sharded sweep on Kubernetes and merge it: apply the Indexed Job, wait
# for every index to complete, then run the merge Job and wait for it.
#   deploy/k8s/run.sh [timeout, default 24h]
# Needs kubectl pointed at the cluster, the PVC (results-pvc.yaml) and an image
# built from deploy/k8s/Dockerfile named in both job files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
timeout="${1:-24h}"
kubectl apply -f "$here/indexed-job.yaml"
kubectl wait --for=condition=complete --timeout="$timeout" job/consensus-lab-sweep
kubectl delete job consensus-lab-merge --ignore-not-found
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete --timeout=1h job/consensus-lab-merge
kubectl logs job/consensus-lab-merge
