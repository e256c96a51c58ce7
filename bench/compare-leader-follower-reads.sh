#!/usr/bin/env bash
# Linearizable reads on the leader and on a follower of one idle 3-node raftkv cluster, with wrk (GET of keys that
# exist): p50 at one connection, throughput at 16, and a serializable read on the leader as the floor. Prints one line
# per measurement.
#
#   bench/compare-leader-follower-reads.sh          # needs wrk; run it alone on the machine (e.g. under flock -x)
#
# Ports: HTTP 127.0.0.1:2008N, Raft 127.0.0.1:2018N. Every process is started here and ended here, by its PID.
set -euo pipefail
REPO_DIR=$(cd "$(dirname "$0")/.." && pwd)
SCRIPT="$REPO_DIR/bench/kv.lua"
DURATION=${DURATION:-10s}
command -v wrk > /dev/null || { echo "compare-leader-follower-reads: needs wrk" >&2; exit 2; }
CLUSTER_DIR=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
  rm -rf "$CLUSTER_DIR"
}
trap cleanup EXIT
for number in 1 2 3; do
  "$REPO_DIR/raftkv" server --id "n$number" --peers "n1=127.0.0.1:20181,n2=127.0.0.1:20182,n3=127.0.0.1:20183" \
    --data-dir "$CLUSTER_DIR/n$number" --http "127.0.0.1:2008$number" >> "$CLUSTER_DIR/n$number.log" 2>&1 &
  PIDS+=($!)
done
role_of() { curl -s -m 1 "http://127.0.0.1:2008$1/v1/cluster/self" | sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p'; }
leader="" follower=""
for seconds in $(seq 1 120); do
  for number in 1 2 3; do [[ "$(role_of "$number")" == LEADER ]] && leader=$number; done
  [[ -n "$leader" ]] && break
  sleep 1
done
[[ -n "$leader" ]] || { echo "no leader in 120 s; logs in $CLUSTER_DIR" >&2; exit 3; }
for number in 1 2 3; do [[ "$number" != "$leader" ]] && { follower=$number; break; }; done
# The keys the reads ask for (kv.lua reads bench-0 to bench-999), 256-byte values, each write checked.
VALUE=$(printf 'v%.0s' $(seq 1 256))
seq 0 999 | xargs -P 16 -I{} curl -s -f -o /dev/null -m 10 -X PUT --data-binary "$VALUE" \
  "http://127.0.0.1:2008$leader/v1/kv/bench-{}"
sleep 2
run() {
  local name=$1 number=$2 connections=$3 operation=${4:-read} threads
  threads=$(( connections < 4 ? connections : 4 ))
  local result
  result=$(TARGET=raftkv OPERATION=$operation wrk -t "$threads" -c "$connections" -d "$DURATION" -s "$SCRIPT" \
    "http://127.0.0.1:2008$number" | grep '^RESULT')
  [[ "$(role_of "$leader")" == LEADER ]] || { echo "leadership moved during the run" >&2; exit 4; }
  [[ "$result" == *"errors=0"* ]] || { echo "errors: $result" >&2; exit 4; }
  echo "$name n$number c=$connections $operation $result"
}
# The floor: a serializable read on the leader costs the HTTP request and the local read, without confirmation.
run leader "$leader" 1 serializable-read
run leader "$leader" 1
run follower "$follower" 1
run leader "$leader" 16
run follower "$follower" 16
