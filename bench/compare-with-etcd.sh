#!/usr/bin/env bash
# Measures raftkv against etcd on this machine in one run: a 3-node cluster of each on loopback, the same load tool
# (wrk), the same connections, value size and duration, one after the other. Prints a Markdown table with ratios.
#
#   bench/compare-with-etcd.sh                 # needs: apt-get install etcd-server wrk
#   DURATION=20s CONNECTIONS="1 16 128" bench/compare-with-etcd.sh
#
# Both stores fsync their log before acknowledging a write. wrk sends HTTP/1.1 to one node of each cluster, the
# leader, so neither pays for forwarding. etcd is driven through its HTTP/JSON gateway (/v3/kv/put, /v3/kv/range).
# Both get the same warm-up before anything is measured (WARMUP, 30 s of writes, then every operation once): a JVM
# compiles its hot paths during the first minute and is up to twice as slow before that; etcd gains less from it.
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-"1 16 128"}
VALUE_BYTES=${VALUE_BYTES:-256}
WRK_THREADS=2
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
SCRIPT="$REPO_DIR/bench/kv.lua"

for tool in wrk etcd; do
  command -v "$tool" > /dev/null || { echo "compare-with-etcd: needs $tool (apt-get install wrk etcd-server)" >&2; exit 2; }
done

# shellcheck source=bench/clusters.sh
source "$REPO_DIR/bench/clusters.sh"
WORK_DIR=$(mktemp -d /tmp/raftkv-compare.XXXXXX)
trap 'stop_all; rm -rf "$WORK_DIR"' EXIT

# Runs one wrk pass and prints "rps p50 p99" or fails on any error.
measure() {
  local target=$1 url=$2 operation=$3 connections=$4 duration=$5 threads=$WRK_THREADS line
  (( connections < threads )) && threads=$connections
  line=$(TARGET=$target OPERATION=$operation VALUE_BYTES=$VALUE_BYTES \
    wrk -t "$threads" -c "$connections" -d "$duration" -s "$SCRIPT" "$url" | grep '^RESULT')
  if [[ "$line" != *" errors=0" ]]; then
    echo "compare-with-etcd: $target $operation c=$connections had errors: $line" >&2
    exit 4
  fi
  echo "$line" | sed -E 's/.* rps=([0-9.]+) p50ms=([0-9.]+) p99ms=([0-9.]+).*/\1 \2 \3/'
}

echo "starting etcd and raftkv (3 nodes each, loopback; work dir $WORK_DIR)..." >&2
start_cluster etcd "$WORK_DIR"
start_cluster raftkv "$WORK_DIR"
ETCD_URL=$(etcd_leader_url)
RAFTKV_URL=$(raftkv_leader_url)
echo "leaders: raftkv $RAFTKV_URL, etcd $ETCD_URL" >&2

echo "warming up both for $WARMUP of writes, then every operation once (this also preloads the keys)..." >&2
for target in raftkv etcd; do
  url=$RAFTKV_URL
  [[ "$target" == etcd ]] && url=$ETCD_URL
  measure "$target" "$url" write 128 "$WARMUP" > /dev/null
  for operation in write read serializable-read; do
    for connections in $CONNECTIONS; do
      measure "$target" "$url" "$operation" "$connections" 3s > /dev/null
    done
  done
done

echo
echo "| operation | connections | raftkv ops/s | etcd ops/s | raftkv / etcd | raftkv p50 / p99 ms | etcd p50 / p99 ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for operation in write read serializable-read; do
  for connections in $CONNECTIONS; do
    echo "running $operation with $connections connections for $DURATION each..." >&2
    read -r raftkv_rps raftkv_p50 raftkv_p99 <<< "$(measure raftkv "$RAFTKV_URL" "$operation" "$connections" "$DURATION")"
    read -r etcd_rps etcd_p50 etcd_p99 <<< "$(measure etcd "$ETCD_URL" "$operation" "$connections" "$DURATION")"
    ratio=$(awk -v a="$raftkv_rps" -v b="$etcd_rps" 'BEGIN { printf "%.2f", a / b }')
    printf '| %s | %s | %.0f | %.0f | %s | %.1f / %.1f | %.1f / %.1f |\n' "$operation" "$connections" \
      "$raftkv_rps" "$etcd_rps" "$ratio" "$raftkv_p50" "$raftkv_p99" "$etcd_p50" "$etcd_p99"
  done
done
