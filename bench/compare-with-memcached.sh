#!/usr/bin/env bash
# Measures raftkv's memcached port against a real memcached on this machine in one run: the same load tool
# (`raftkv bench --memcached`, one blocking request per connection), the same connections, value size, keys, warm-up
# and duration, one after the other. Prints a Markdown table with raftkv / memcached ratios.
#
#   bench/compare-with-memcached.sh            # needs: apt-get install memcached
#   DURATION=20s CONNECTIONS="1 16 128" bench/compare-with-memcached.sh
#
# memcached keeps everything in memory and nothing on a crash; raftkv acknowledges a set only after a quorum of its
# three nodes has fsynced it, and serves every get linearizably. memcached is the ceiling, not a peer. The load goes
# to raftkv's leader, so no request pays for forwarding. Both servers first get CLUSTER_WARMUP of writes from 128
# connections: a JVM runs its hot paths interpreted until it has compiled them, and is several times slower (a single
# connection's set takes 7-10 ms instead of under 3) for its first minute or so. Every run then has its own WARMUP.
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CLUSTER_WARMUP=${CLUSTER_WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-"1 16 128"}
VALUE_BYTES=${VALUE_BYTES:-256}
KEYS=${KEYS:-10000}
MEMCACHED_PORT=${MEMCACHED_PORT:-21211}
BASE_PORT=18081
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"

command -v memcached > /dev/null || { echo "compare-with-memcached: needs memcached (apt-get install memcached)" >&2
  exit 2; }

WORK_DIR=$(mktemp -d /tmp/raftkv-compare-memcached.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

start_memcached() {
  # memcached's defaults (4 worker threads), with room for every key; -u root lets it start when run as root.
  memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 1024 -u "$(id -un)" > "$WORK_DIR/memcached.log" 2>&1 &
  PIDS+=($!)
}

start_raftkv() {
  "$REPO_DIR/raftkv" dev --data-dir "$WORK_DIR/raftkv" --base-port "$BASE_PORT" > "$WORK_DIR/raftkv-dev.log" 2>&1 &
  PIDS+=($!)
}

# The leader's memcached address: dev puts node i's HTTP on BASE_PORT + i - 1 and memcached 3000 above it.
raftkv_leader_memcached() {
  local index role
  for index in 0 1 2; do
    role=$(curl -s "http://127.0.0.1:$((BASE_PORT + index))/v1/cluster/self" \
      | sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p')
    if [[ "$role" == "LEADER" ]]; then echo "127.0.0.1:$((BASE_PORT + 3000 + index))"; return; fi
  done
  return 1
}

memcached_ready() {
  (exec 3<> "/dev/tcp/127.0.0.1/$MEMCACHED_PORT") 2> /dev/null && echo "127.0.0.1:$MEMCACHED_PORT"
}

await() {
  local description=$1 command=$2 seconds
  for seconds in $(seq 1 180); do
    if result=$($command 2> /dev/null); then echo "$result"; return; fi
    sleep 1
  done
  echo "compare-with-memcached: $description did not come up; logs in $WORK_DIR" >&2
  exit 3
}

# One bench run; prints "opsPerSecond p50Ms p99Ms" or fails on any error.
measure() {
  local address=$1 workload=$2 connections=$3 duration=$4 warmup=$5 line
  line=$("$REPO_DIR/raftkv" bench --memcached "$address" --workload "$workload" --clients "$connections" \
    --value-bytes "$VALUE_BYTES" --keys "$KEYS" --duration "$duration" --warmup "$warmup" --seed 1 | grep '^RESULT')
  if [[ "$line" != *" errors=0 "* ]]; then
    echo "compare-with-memcached: $address $workload c=$connections had errors: $line" >&2
    exit 4
  fi
  echo "$line" | sed -E 's/.* opsPerSecond=([0-9.]+) p50Ms=([0-9.]+) p99Ms=([0-9.]+).*/\1 \2 \3/'
}

echo "starting memcached and a 3-node raftkv cluster (loopback; work dir $WORK_DIR)..." >&2
start_memcached
start_raftkv
MEMCACHED=$(await "memcached" memcached_ready)
RAFTKV=$(await "raftkv" raftkv_leader_memcached)
echo "targets: raftkv leader $RAFTKV, memcached $MEMCACHED" >&2

echo "warming both up: $CLUSTER_WARMUP of sets from 128 connections each..." >&2
measure "$RAFTKV" write 128 "$CLUSTER_WARMUP" 0s > /dev/null
measure "$MEMCACHED" write 128 "$CLUSTER_WARMUP" 0s > /dev/null

echo
echo "| operation | connections | raftkv ops/s | memcached ops/s | ops/s raftkv / memcached | raftkv p50 / p99 ms | memcached p50 / p99 ms | p99 raftkv / memcached |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for workload in write read; do
  for connections in $CONNECTIONS; do
    echo "running $workload with $connections connections: $WARMUP warm-up, $DURATION measured, each..." >&2
    read -r raftkv_ops raftkv_p50 raftkv_p99 <<< "$(measure "$RAFTKV" "$workload" "$connections" "$DURATION" "$WARMUP")"
    read -r memcached_ops memcached_p50 memcached_p99 <<< \
      "$(measure "$MEMCACHED" "$workload" "$connections" "$DURATION" "$WARMUP")"
    ratio=$(awk -v a="$raftkv_ops" -v b="$memcached_ops" 'BEGIN { printf "%.2f", a / b }')
    p99_ratio=$(awk -v a="$raftkv_p99" -v b="$memcached_p99" 'BEGIN { printf "%.1f", a / b }')
    name=set
    [[ "$workload" == read ]] && name=get
    printf '| %s | %s | %.0f | %.0f | %s | %.2f / %.2f | %.2f / %.2f | %s |\n' "$name" "$connections" \
      "$raftkv_ops" "$memcached_ops" "$ratio" "$raftkv_p50" "$raftkv_p99" "$memcached_p50" "$memcached_p99" \
      "$p99_ratio"
  done
done
