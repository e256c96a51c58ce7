#!/usr/bin/env bash
# Measures raftkv's memcached port against a real memcached on this machine in one run: the same load tool
# (`raftkv bench --memcached`, one blocking request per connection), the same connections, value size, keys, warm-up
# and duration, one after the other for each point. Prints Markdown tables with raftkv / memcached ratios.
#
#   bench/compare-with-memcached.sh            # needs: apt-get install memcached
#   DURATION=20s CONNECTIONS="1 16 128" MODES="leader spread" bench/compare-with-memcached.sh
#
# memcached keeps everything in memory and nothing on a crash; raftkv acknowledges a set only after a quorum of its
# three nodes has fsynced it, and serves every get linearizably. memcached is the ceiling, not a peer. Two modes:
#   leader  every connection goes to raftkv's leader: sets and gets at each of CONNECTIONS.
#   spread  connections are spread over all three nodes, as memcached clients spread keys over every server they are
#           given: connection i goes to node i mod 3, followers first, so at one connection every get lands on a
#           follower and at 16 or 128 two thirds of them do. Gets at each of CONNECTIONS, sets at the largest.
# A real memcached is one server: all connections go to it in both modes.
#
# Both servers first get CLUSTER_WARMUP of sets from 128 connections: a JVM runs its hot paths interpreted until it
# has compiled them. Every point then has its own WARMUP. After each measurement the script checks that it measured
# what it says and stops with "CHECK FAILED" otherwise: no operation failed (a get that misses counts as failed), the
# bench reached the requested connections in flight, and raftkv's leader (node, id and term) was the same before and
# after, so a "leader" figure was taken at the leader throughout.
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CLUSTER_WARMUP=${CLUSTER_WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-"1 16 128"}
MODES=${MODES:-"leader spread"}
VALUE_BYTES=${VALUE_BYTES:-256}
KEYS=${KEYS:-10000}
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"

for tool in memcached curl; do
  command -v "$tool" > /dev/null || { echo "compare-with-memcached: needs $tool (apt-get install memcached curl)" >&2
    exit 2; }
done

# shellcheck source=bench/clusters.sh
source "$REPO_DIR/bench/clusters.sh"
MEMCACHED_PORT=$(( PORT_BASE + 211 ))
MEMCACHED="127.0.0.1:$MEMCACHED_PORT"
WORK_DIR=$(mktemp -d /tmp/raftkv-compare-memcached.XXXXXX)
MEMCACHED_PID=""
cleanup() {
  stop_all
  if [[ -n "$MEMCACHED_PID" ]]; then kill -TERM "$MEMCACHED_PID" 2> /dev/null || true; wait "$MEMCACHED_PID" 2> /dev/null || true; fi
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

start_memcached() {
  # memcached's defaults (4 worker threads), with room for every key; -u lets it start when run as root.
  memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 1024 -u "$(id -un)" > "$WORK_DIR/memcached.log" 2>&1 &
  MEMCACHED_PID=$!
  local attempt
  for attempt in $(seq 1 100); do
    (exec 3<> "/dev/tcp/127.0.0.1/$MEMCACHED_PORT") 2> /dev/null && return 0
    sleep 0.1
  done
  echo "compare-with-memcached: memcached did not open port $MEMCACHED_PORT; see $WORK_DIR/memcached.log" >&2
  exit 3
}

# The memcached addresses of raftkv's nodes for MODE: the leader alone, or the followers then the leader.
raftkv_addresses() {
  local mode=$1 leader number addresses=()
  leader=$(leader_number raftkv)
  if [[ "$mode" == leader ]]; then echo "127.0.0.1:$(raftkv_memcached_port "$leader")"; return; fi
  for number in 1 2 3; do
    (( number == leader )) || addresses+=("127.0.0.1:$(raftkv_memcached_port "$number")")
  done
  addresses+=("127.0.0.1:$(raftkv_memcached_port "$leader")")
  (IFS=,; echo "${addresses[*]}")
}

# bench ADDRESSES WORKLOAD CONNECTIONS DURATION WARMUP [OPTIONS...]: prints the RESULT line of one bench run.
bench() {
  local addresses=$1 workload=$2 connections=$3 duration=$4 warmup=$5
  shift 5
  "$REPO_DIR/raftkv" bench --memcached "$addresses" --workload "$workload" --clients "$connections" \
    --value-bytes "$VALUE_BYTES" --keys "$KEYS" --duration "$duration" --warmup "$warmup" --seed 1 "$@" \
    | tee -a "$WORK_DIR/bench.log" | grep '^RESULT'
}

# measure raftkv|memcached MODE WORKLOAD CONNECTIONS: one checked measurement; sets OPS, P50 and P99. It runs in this
# shell, not a subshell, so that a failed check ends the script.
measure() {
  local store=$1 mode=$2 workload=$3 connections=$4 addresses=$MEMCACHED before="" after="" line
  if [[ "$store" == raftkv ]]; then addresses=$(raftkv_addresses "$mode"); before=$(leadership raftkv); fi
  line=$(bench "$addresses" "$workload" "$connections" "$DURATION" "$WARMUP" --skip-preload)
  [[ "$store" == raftkv ]] && after=$(leadership raftkv)
  check_measurement "$store ($mode) $workload at $connections connections ($addresses)" "$line" "$connections" \
    "${before:-one server}" "${after:-one server}"
  OPS=$(bench_result_field "$line" opsPerSecond)
  P50=$(bench_result_field "$line" p50Ms)
  P99=$(bench_result_field "$line" p99Ms)
}

echo "starting memcached and a 3-node raftkv cluster (loopback, ports from $PORT_BASE; work dir $WORK_DIR)..." >&2
start_memcached
start_cluster raftkv "$WORK_DIR"
echo "raftkv: $(leadership raftkv); memcached at $MEMCACHED" >&2

echo "warming both up: $CLUSTER_WARMUP of sets from 128 connections each, then $KEYS keys set for the gets..." >&2
for addresses in "$(raftkv_addresses spread)" "$MEMCACHED"; do
  bench "$addresses" write 128 "$CLUSTER_WARMUP" 0s > /dev/null
  bench "$addresses" read 128 1s 0s > /dev/null
done

row() {
  local mode=$1 workload=$2 connections=$3 name=set
  [[ "$workload" == read ]] && name=get
  echo "running $mode $name at $connections connections: $WARMUP warm-up, $DURATION measured, each..." >&2
  measure raftkv "$mode" "$workload" "$connections"
  local raftkv_ops=$OPS raftkv_p50=$P50 raftkv_p99=$P99
  measure memcached "$mode" "$workload" "$connections"
  printf '| %s | %s | %s | %.0f | %.0f | %s | %.2f / %.2f | %.2f / %.2f | %s |\n' "$mode" "$name" "$connections" \
    "$raftkv_ops" "$OPS" "$(awk -v a="$raftkv_ops" -v b="$OPS" 'BEGIN { printf "%.2f", a / b }')" \
    "$raftkv_p50" "$raftkv_p99" "$P50" "$P99" "$(awk -v a="$raftkv_p99" -v b="$P99" 'BEGIN { printf "%.1f", a / b }')"
}

echo
echo "| raftkv nodes | operation | connections | raftkv ops/s | memcached ops/s | ops/s raftkv / memcached | raftkv p50 / p99 ms | memcached p50 / p99 ms | p99 raftkv / memcached |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
largest=0
for connections in $CONNECTIONS; do (( connections > largest )) && largest=$connections; done
for mode in $MODES; do
  if [[ "$mode" == leader ]]; then
    for connections in $CONNECTIONS; do row leader write "$connections"; done
    for connections in $CONNECTIONS; do row leader read "$connections"; done
  else
    for connections in $CONNECTIONS; do row spread read "$connections"; done
    row spread write "$largest"
  fi
done
echo
echo "every measurement checked: no errors, the requested connections in flight reached, raftkv's leader the same" \
  "before and after ($(leadership raftkv))"
