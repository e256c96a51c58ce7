#!/usr/bin/env bash
# Measures how fast a follower catches up after a restart under write load, raftkv against etcd, in one run: a 3-node
# cluster of each on loopback, the same write load (wrk, 4 connections, to the leader), the same follower downtime.
# Prints a Markdown table with raftkv / etcd ratios.
#
#   bench/compare-restart-with-etcd.sh          # needs: apt-get install etcd-server wrk
#   DOWN_SECONDS=20 ROUNDS=3 bench/compare-restart-with-etcd.sh
#
# Each round stops one follower with SIGTERM, keeps it down DOWN_SECONDS while the load runs, notes the leader's
# revision and starts the follower again with the same command. "Answering" is the first status answer of the
# restarted process; "caught up" is the first moment its own revision (its applied state) reaches the revision the
# leader had at the restart. Revisions count writes on both stores (+1 per put), so "writes missed" is comparable.
set -euo pipefail

DOWN_SECONDS=${DOWN_SECONDS:-8}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-4}
VALUE_BYTES=${VALUE_BYTES:-256}
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/clusters.sh
source "$REPO_DIR/bench/clusters.sh"

for tool in wrk etcd curl; do
  command -v "$tool" > /dev/null || { echo "compare-restart-with-etcd: needs $tool (apt-get install wrk etcd-server)" >&2; exit 2; }
done

WORK_DIR=$(mktemp -d /tmp/raftkv-restart.XXXXXX)
trap 'stop_all; rm -rf "$WORK_DIR"' EXIT

now_millis() { date +%s%3N; }

# The revision a node has applied, read from that node alone; empty while it does not answer.
revision_of() {
  local target=$1 number=$2
  if [[ "$target" == raftkv ]]; then
    curl -s -m 1 "http://127.0.0.1:1808$number/v1/cluster/self" | sed -n 's/.*"revision":\([0-9]*\).*/\1/p' || true
  else
    curl -s -m 1 -X POST "http://127.0.0.1:2379$number/v3/maintenance/status" -d '{}' \
      | sed -n 's/.*"revision":"\([0-9]*\)".*/\1/p' || true
  fi
}

leader_number() {
  local target=$1 url
  if [[ "$target" == raftkv ]]; then url=$(raftkv_leader_url); else url=$(etcd_leader_url); fi
  echo "${url: -1}"
}

# One round on one store; sets ROUND_MISSED, ROUND_ANSWERED_MILLIS and ROUND_CAUGHT_UP_MILLIS. It runs in this shell,
# not a subshell, so that the node it restarts is known to stop_all.
restart_round() {
  local target=$1 leader follower url stopped_revision target_revision started answered="" caught="" revision
  leader=$(leader_number "$target")
  follower=$(( leader % 3 + 1 ))
  if [[ "$target" == raftkv ]]; then url="http://127.0.0.1:1808$leader"; else url="http://127.0.0.1:2379$leader"; fi
  TARGET=$target OPERATION=write VALUE_BYTES=$VALUE_BYTES \
    wrk -t 2 -c "$CONNECTIONS" -d "$(( DOWN_SECONDS + 90 ))s" -s "$REPO_DIR/bench/kv.lua" "$url" > /dev/null &
  local load=$!
  sleep 5
  stopped_revision=$(revision_of "$target" "$follower")
  stop_node "$target" "$follower"
  sleep "$DOWN_SECONDS"
  target_revision=$(revision_of "$target" "$leader")
  started=$(now_millis)
  start_node "$target" "$follower"
  while (( $(now_millis) - started < 120000 )); do
    revision=$(revision_of "$target" "$follower")
    if [[ -n "$revision" ]]; then
      [[ -n "$answered" ]] || answered=$(( $(now_millis) - started ))
      if (( revision >= target_revision )); then caught=$(( $(now_millis) - started )); break; fi
    fi
    sleep 0.05
  done
  kill -TERM "$load" 2> /dev/null || true
  wait "$load" 2> /dev/null || true
  [[ -n "$caught" ]] || { echo "compare-restart-with-etcd: $target follower did not catch up in 120 s; logs in $WORK_DIR" >&2; exit 3; }
  ROUND_MISSED=$(( target_revision - stopped_revision ))
  ROUND_ANSWERED_MILLIS=$answered
  ROUND_CAUGHT_UP_MILLIS=$caught
}

echo "| round | store | writes missed | start -> answering ms | start -> caught up ms | answering -> caught up ms |"
echo "|---:|---|---:|---:|---:|---:|"
declare -A total_caught
for target in raftkv etcd; do
  echo "starting a 3-node $target cluster (work dir $WORK_DIR)..." >&2
  start_cluster "$target" "$WORK_DIR"
  total_caught[$target]=0
  for round in $(seq 1 "$ROUNDS"); do
    echo "$target round $round: a follower down for ${DOWN_SECONDS}s under a ${CONNECTIONS}-connection write load..." >&2
    restart_round "$target"
    total_caught[$target]=$(( total_caught[$target] + ROUND_CAUGHT_UP_MILLIS ))
    printf '| %s | %s | %s | %s | %s | %s |\n' "$round" "$target" "$ROUND_MISSED" "$ROUND_ANSWERED_MILLIS" \
      "$ROUND_CAUGHT_UP_MILLIS" $(( ROUND_CAUGHT_UP_MILLIS - ROUND_ANSWERED_MILLIS ))
  done
  stop_all
done
ratio=$(awk -v a="${total_caught[raftkv]}" -v b="${total_caught[etcd]}" 'BEGIN { printf "%.2f", a / b }')
echo
echo "start -> caught up, mean over $ROUNDS rounds: raftkv / etcd = $ratio"
