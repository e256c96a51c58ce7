#!/usr/bin/env bash
# Measures how fast a follower catches up after a restart under write load, raftkv against etcd, in one run: a 3-node
# cluster of each on loopback, the same write load (`./raftkv bench`, IN_FLIGHT writes at a time to the leader: raftkv
# over HTTP, etcd over gRPC), the same follower downtime. Prints a Markdown table with raftkv / etcd ratios.
#
#   bench/compare-restart-with-etcd.sh          # needs: apt-get install etcd-server
#   DOWN_SECONDS=20 ROUNDS=3 bench/compare-restart-with-etcd.sh
#
# Each round starts the load, waits LOAD_BEFORE_SECONDS, stops one follower with SIGTERM, keeps it down DOWN_SECONDS,
# notes the leader's revision and starts the follower again with the same command; the load goes on for
# LOAD_AFTER_SECONDS after the restart. "Answering" is the first status answer of the restarted process; "caught up"
# is the first moment its own revision (its applied state) reaches the revision the leader had at the restart.
# Revisions count writes on both stores (+1 per put), so "writes missed" is comparable.
#
# After each round the script checks that it measured what it says and stops with "CHECK FAILED" otherwise: the load
# had no failed operation and reached IN_FLIGHT writes in flight; the leader (node, id and term) was the same before
# the follower stopped and after the load ended; the follower missed writes while it was down; and it caught up while
# the load was still running.
set -euo pipefail

DOWN_SECONDS=${DOWN_SECONDS:-8}
ROUNDS=${ROUNDS:-3}
IN_FLIGHT=${IN_FLIGHT:-4}
VALUE_BYTES=${VALUE_BYTES:-256}
LOAD_BEFORE_SECONDS=${LOAD_BEFORE_SECONDS:-5}
LOAD_AFTER_SECONDS=${LOAD_AFTER_SECONDS:-20}
REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/clusters.sh
source "$REPO_DIR/bench/clusters.sh"

for tool in etcd curl; do
  command -v "$tool" > /dev/null || { echo "compare-restart-with-etcd: needs $tool (apt-get install etcd-server curl)" >&2; exit 2; }
done

WORK_DIR=$(mktemp -d /tmp/raftkv-restart.XXXXXX)
trap 'stop_all; rm -rf "$WORK_DIR"' EXIT

now_millis() { date +%s%3N; }

# The revision a node has applied, read from that node alone; empty while it does not answer.
revision_of() {
  local target=$1 number=$2
  if [[ "$target" == raftkv ]]; then
    curl -s -m 1 "http://127.0.0.1:$(raftkv_http_port "$number")/v1/cluster/self" \
      | sed -n 's/.*"revision":\([0-9]*\).*/\1/p' || true
  else
    curl -s -m 1 -X POST "http://127.0.0.1:$(etcd_client_port "$number")/v3/maintenance/status" -d '{}' \
      | sed -n 's/.*"revision":"\([0-9]*\)".*/\1/p' || true
  fi
}

fail_check() {
  echo "compare-restart-with-etcd: CHECK FAILED: $*; logs in $WORK_DIR" >&2
  exit 4
}

# One round on one store; sets ROUND_MISSED, ROUND_ANSWERED_MILLIS and ROUND_CAUGHT_UP_MILLIS. It runs in this shell,
# not a subshell, so that the node it restarts is known to stop_all and a failed check ends the script.
restart_round() {
  local target=$1 round=$2 leader follower address before after stopped_revision target_revision started
  local answered="" caught="" revision load_log load line
  leader=$(leader_number "$target")
  follower=$(( leader % 3 + 1 ))
  before=$(leadership "$target")
  if [[ "$target" == raftkv ]]; then
    address=(--endpoints "http://127.0.0.1:$(raftkv_http_port "$leader")")
  else
    address=(--etcd "127.0.0.1:$(etcd_client_port "$leader")")
  fi
  load_log="$WORK_DIR/load-$target-$round.log"
  "$REPO_DIR/raftkv" bench "${address[@]}" --workload write --clients "$IN_FLIGHT" --value-bytes "$VALUE_BYTES" \
    --warmup 0s --duration "$(( LOAD_BEFORE_SECONDS + DOWN_SECONDS + LOAD_AFTER_SECONDS ))s" > "$load_log" 2>&1 &
  load=$!
  sleep "$LOAD_BEFORE_SECONDS"
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
  local load_running=yes
  kill -0 "$load" 2> /dev/null || load_running=no
  wait "$load" || fail_check "$target round $round: the load ended with exit code $? ($load_log)"
  after=$(leadership "$target")
  line=$(grep '^RESULT' "$load_log" || true)
  [[ -n "$caught" ]] || fail_check "$target round $round: the follower did not catch up in 120 s"
  [[ "$load_running" == yes ]] || fail_check "$target round $round: the follower caught up after the load had" \
    "ended, so not under load; raise LOAD_AFTER_SECONDS"
  check_measurement "$target round $round (the load)" "$line" "$IN_FLIGHT" "$before" "$after"
  (( target_revision > stopped_revision )) || fail_check "$target round $round: the follower missed no writes" \
    "(revision $stopped_revision when stopped, the leader's $target_revision at the restart)"
  ROUND_MISSED=$(( target_revision - stopped_revision ))
  ROUND_ANSWERED_MILLIS=$answered
  ROUND_CAUGHT_UP_MILLIS=$caught
}

echo "| round | store | writes missed | start -> answering ms | start -> caught up ms | answering -> caught up ms |"
echo "|---:|---|---:|---:|---:|---:|"
declare -A total_caught
for target in raftkv etcd; do
  echo "starting a 3-node $target cluster (ports from $PORT_BASE, work dir $WORK_DIR)..." >&2
  start_cluster "$target" "$WORK_DIR"
  total_caught[$target]=0
  for round in $(seq 1 "$ROUNDS"); do
    echo "$target round $round: a follower down for ${DOWN_SECONDS}s under a load of $IN_FLIGHT writes in flight..." >&2
    restart_round "$target" "$round"
    total_caught[$target]=$(( total_caught[$target] + ROUND_CAUGHT_UP_MILLIS ))
    printf '| %s | %s | %s | %s | %s | %s |\n' "$round" "$target" "$ROUND_MISSED" "$ROUND_ANSWERED_MILLIS" \
      "$ROUND_CAUGHT_UP_MILLIS" $(( ROUND_CAUGHT_UP_MILLIS - ROUND_ANSWERED_MILLIS ))
  done
  stop_all
done
ratio=$(awk -v a="${total_caught[raftkv]}" -v b="${total_caught[etcd]}" 'BEGIN { printf "%.2f", a / b }')
echo
echo "start -> caught up, mean over $ROUNDS rounds: raftkv / etcd = $ratio"
echo "every round checked: no failed write, $IN_FLIGHT writes in flight reached, the same leader and term before and" \
  "after, writes missed while down, caught up while the load ran"
