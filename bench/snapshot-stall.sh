#!/usr/bin/env bash
# How much writes stall while nodes take snapshots: a 3-node raftkv cluster with a small snapshot interval, wrk writing
# to the leader, then the wrk latency report and every snapshot line the nodes logged. Run it against two builds (a
# tree whose cli/target holds raftkv-cli.jar and lib/) to compare them:
#
#   bench/snapshot-stall.sh [BUILD_DIR]        # BUILD_DIR defaults to this repository
#
# Environment: SNAPSHOT_EVERY (2000 entries), KEYS (100000 distinct keys, 256-byte values), PRELOAD_SECONDS (30),
# SECONDS_MEASURED (30), CONNECTIONS (16). Node N: HTTP 127.0.0.1:1910N, Raft 127.0.0.1:1920N. Every process is started
# here and ended here, by its PID.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="$(cd "${1:-$BENCH_DIR/..}" && pwd)"
SNAPSHOT_EVERY=${SNAPSHOT_EVERY:-2000}
KEYS=${KEYS:-100000}
PRELOAD_SECONDS=${PRELOAD_SECONDS:-30}
SECONDS_MEASURED=${SECONDS_MEASURED:-30}
CONNECTIONS=${CONNECTIONS:-16}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CLUSTER_DIR="$(mktemp -d /tmp/raftkv-snapshot-stall.XXXXXX)"
PIDS=()

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap 'stop_all; rm -rf "$CLUSTER_DIR"' EXIT

for number in 1 2 3; do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$BUILD_DIR/cli/target/raftkv-cli.jar:$BUILD_DIR/cli/target/lib/*" io.raftkv.cli.Main server \
    --id "n$number" --peers "n1=127.0.0.1:19201,n2=127.0.0.1:19202,n3=127.0.0.1:19203" \
    --data-dir "$CLUSTER_DIR/node-$number" --http "127.0.0.1:1910$number" --snapshot-every "$SNAPSHOT_EVERY" \
    --disk-reserve 0 >> "$CLUSTER_DIR/node-$number.log" 2>&1 &
  PIDS+=($!)
done

leader=""
for attempt in $(seq 1 120); do
  for number in 1 2 3; do
    role=$(curl -s -m 1 "http://127.0.0.1:1910$number/v1/cluster/self" | sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p' || true)
    if [[ "$role" == "LEADER" ]]; then leader="http://127.0.0.1:1910$number"; fi
  done
  [[ -n "$leader" ]] && break
  sleep 1
done
[[ -n "$leader" ]] || { echo "no leader in 120 s; logs in $CLUSTER_DIR" >&2; exit 3; }

echo "build $BUILD_DIR, leader $leader, snapshot every $SNAPSHOT_EVERY entries, $KEYS keys"
TARGET=raftkv OPERATION=write KEYS="$KEYS" wrk -t2 -c"$CONNECTIONS" -d"${PRELOAD_SECONDS}s" \
  -s "$BENCH_DIR/kv.lua" "$leader" > /dev/null
measured_from=$(date +%H:%M:%S)
TARGET=raftkv OPERATION=write KEYS="$KEYS" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" --latency \
  -s "$BENCH_DIR/kv.lua" "$leader"
# Each node logs one line per snapshot, ending in "... in N ms ...": how many, and how long they took.
grep -h "snapshot at" "$CLUSTER_DIR"/node-*.log | awk -v from="$measured_from" '$1 >= from' \
  | grep -o "in [0-9]* ms" | awk '{ n++; sum += $2; if ($2 > max) max = $2 }
      END { printf "snapshots during the measured run, all nodes: %d, write ms mean %.0f max %d\n", n, n ? sum / n : 0, max }'
