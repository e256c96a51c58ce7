#!/usr/bin/env bash
# Measures raftkv against etcd on this machine in one run: a 3-node cluster of each on loopback, driven by the same
# load tool (`./raftkv bench`) with the same concurrency, value size and duration, one after the other for each
# point. raftkv is driven through its HTTP API, etcd through its native gRPC API (KV Put and Range), both at their
# leader, so neither pays for forwarding. Prints a Markdown table with raftkv / etcd ratios.
#
#   bench/compare-with-etcd.sh                 # needs: apt-get install etcd-server
#   DURATION=10s IN_FLIGHT="1 16 128" bench/compare-with-etcd.sh
#
# Both stores fsync their log on a quorum before acknowledging a write. Both get the same warm-up first (WARMUP of
# writes at 128 in flight): a JVM runs its hot paths interpreted until it has compiled them. Every measured point has
# its own POINT_WARMUP on top. After each measurement the script checks that it measured what it says and stops with
# "CHECK FAILED" otherwise: no operation failed, the bench reached the requested number of operations in flight, and
# the store's leader (node, leader id and term, as the leading node reports them) was the same before and after.
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
POINT_WARMUP=${POINT_WARMUP:-3s}
IN_FLIGHT=${IN_FLIGHT:-"1 16 128"}
READ_IN_FLIGHT=${READ_IN_FLIGHT:-$IN_FLIGHT}
VALUE_BYTES=${VALUE_BYTES:-256}
KEYS=${KEYS:-10000}
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"

for tool in etcd curl; do
  command -v "$tool" > /dev/null || { echo "compare-with-etcd: needs $tool (apt-get install etcd-server curl)" >&2; exit 2; }
done

# shellcheck source=bench/clusters.sh
source "$REPO_DIR/bench/clusters.sh"
WORK_DIR=$(mktemp -d /tmp/raftkv-compare.XXXXXX)
trap 'stop_all; rm -rf "$WORK_DIR"' EXIT

# bench STORE WORKLOAD IN_FLIGHT DURATION WARMUP [OPTIONS...]: one `raftkv bench` run against STORE's leader; prints
# its RESULT line. Its output goes to WORK_DIR/bench.log, its errors to stderr.
bench() {
  local store=$1 workload=$2 in_flight=$3 duration=$4 warmup=$5 target
  shift 5
  if [[ "$store" == raftkv ]]; then target=(--endpoints "$(raftkv_leader_url)"); else target=(--etcd "$(etcd_leader_address)"); fi
  "$REPO_DIR/raftkv" bench "${target[@]}" --workload "$workload" --clients "$in_flight" --value-bytes "$VALUE_BYTES" \
    --keys "$KEYS" --duration "$duration" --warmup "$warmup" --seed 1 "$@" | tee -a "$WORK_DIR/bench.log" | grep '^RESULT'
}

# measure STORE WORKLOAD IN_FLIGHT: one checked measurement; sets OPS, P50 and P99. It runs in this shell, not a
# subshell, so that a failed check ends the script.
measure() {
  local store=$1 workload=$2 in_flight=$3 before after line
  before=$(leadership "$store")
  line=$(bench "$store" "$workload" "$in_flight" "$DURATION" "$POINT_WARMUP" --skip-preload)
  after=$(leadership "$store")
  check_measurement "$store $workload at $in_flight in flight" "$line" "$in_flight" "$before" "$after"
  OPS=$(bench_result_field "$line" opsPerSecond)
  P50=$(bench_result_field "$line" p50Ms)
  P99=$(bench_result_field "$line" p99Ms)
}

echo "starting etcd and raftkv (3 nodes each, loopback, ports from $PORT_BASE; work dir $WORK_DIR)..." >&2
start_cluster etcd "$WORK_DIR"
start_cluster raftkv "$WORK_DIR"
echo "leaders: raftkv $(leadership raftkv); etcd $(leadership etcd)" >&2

echo "warming both up: $WARMUP of writes at 128 in flight, then $KEYS keys written for the reads..." >&2
for store in raftkv etcd; do
  bench "$store" write 128 "$WARMUP" 0s > /dev/null
  bench "$store" read 128 1s 0s > /dev/null
done

echo
echo "| operation | in flight | raftkv ops/s | etcd ops/s | raftkv / etcd | raftkv p50 / p99 ms | etcd p50 / p99 ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row() {
  local workload=$1 in_flight=$2 name=$1
  echo "running $workload at $in_flight in flight: $POINT_WARMUP warm-up, $DURATION measured, each..." >&2
  measure raftkv "$workload" "$in_flight"
  local raftkv_ops=$OPS raftkv_p50=$P50 raftkv_p99=$P99
  measure etcd "$workload" "$in_flight"
  local etcd_ops=$OPS etcd_p50=$P50 etcd_p99=$P99
  [[ "$workload" == read ]] && name="read (linearizable)"
  printf '| %s | %s | %.0f | %.0f | %s | %.2f / %.2f | %.2f / %.2f |\n' "$name" "$in_flight" "$raftkv_ops" \
    "$etcd_ops" "$(awk -v a="$raftkv_ops" -v b="$etcd_ops" 'BEGIN { printf "%.2f", a / b }')" \
    "$raftkv_p50" "$raftkv_p99" "$etcd_p50" "$etcd_p99"
}
for in_flight in $IN_FLIGHT; do row write "$in_flight"; done
for in_flight in $READ_IN_FLIGHT; do row read "$in_flight"; done
echo
echo "every measurement checked: no errors, the requested operations in flight reached, the same leader and term" \
  "before and after (raftkv: $(leadership raftkv); etcd: $(leadership etcd))"
