# Sourced by the bench scripts: 3-node raftkv and etcd clusters on loopback, one process per node, who leads, and
# the checks every comparison makes after each measurement. Needs REPO_DIR set. Every process is started here and
# ended here, by its PID.
#
# Ports, all PORT_BASE + offset (PORT_BASE 17000 by default), node N = 1..3:
#   raftkv HTTP +80+N, Raft +90+N, memcached +110+N;  etcd clients +180+N, peers +190+N.

PORT_BASE=${PORT_BASE:-17000}
declare -A NODE_PIDS=()
CLUSTER_DIR=""

raftkv_http_port() { echo $(( PORT_BASE + 80 + $1 )); }
raftkv_raft_port() { echo $(( PORT_BASE + 90 + $1 )); }
raftkv_memcached_port() { echo $(( PORT_BASE + 110 + $1 )); }
etcd_client_port() { echo $(( PORT_BASE + 180 + $1 )); }
etcd_peer_port() { echo $(( PORT_BASE + 190 + $1 )); }

# start_node raftkv|etcd N: starts node N in CLUSTER_DIR, or restarts it on the data it left there.
start_node() {
  local target=$1 number=$2
  if [[ "$target" == raftkv ]]; then
    "$REPO_DIR/raftkv" server --id "n$number" \
      --peers "n1=127.0.0.1:$(raftkv_raft_port 1),n2=127.0.0.1:$(raftkv_raft_port 2),n3=127.0.0.1:$(raftkv_raft_port 3)" \
      --data-dir "$CLUSTER_DIR/raftkv-$number" --http "127.0.0.1:$(raftkv_http_port "$number")" \
      --memcached "127.0.0.1:$(raftkv_memcached_port "$number")" >> "$CLUSTER_DIR/raftkv-$number.log" 2>&1 &
  else
    local client="http://127.0.0.1:$(etcd_client_port "$number")" peer="http://127.0.0.1:$(etcd_peer_port "$number")"
    etcd --name "e$number" --data-dir "$CLUSTER_DIR/etcd-$number" \
      --listen-client-urls "$client" --advertise-client-urls "$client" \
      --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
      --initial-cluster "e1=http://127.0.0.1:$(etcd_peer_port 1),e2=http://127.0.0.1:$(etcd_peer_port 2),e3=http://127.0.0.1:$(etcd_peer_port 3)" \
      --initial-cluster-state new --logger zap --log-level error >> "$CLUSTER_DIR/etcd-$number.log" 2>&1 &
  fi
  NODE_PIDS[$target-$number]=$!
}

# stop_node raftkv|etcd N: SIGTERM, then waits until the process has exited.
stop_node() {
  local pid=${NODE_PIDS[$1-$2]}
  kill -TERM "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  unset "NODE_PIDS[$1-$2]"
}

stop_all() {
  local key
  for key in "${!NODE_PIDS[@]}"; do kill -TERM "${NODE_PIDS[$key]}" 2> /dev/null || true; done
  for key in "${!NODE_PIDS[@]}"; do wait "${NODE_PIDS[$key]}" 2> /dev/null || true; done
  NODE_PIDS=()
}

# What node N itself says: "ROLE LEADER_ID TERM" (raftkv) or "MEMBER_ID LEADER_ID TERM" (etcd); empty if it does not
# answer within a second.
node_view() {
  local target=$1 number=$2 status
  if [[ "$target" == raftkv ]]; then
    status=$(curl -s -m 1 "http://127.0.0.1:$(raftkv_http_port "$number")/v1/cluster/self" || true)
    [[ "$status" =~ \"role\":\"([A-Z_]+)\" ]] || return 0
    local role=${BASH_REMATCH[1]}
    [[ "$status" =~ \"leader\":\"([^\"]*)\" ]] || return 0
    local leader=${BASH_REMATCH[1]}
    [[ "$status" =~ \"term\":([0-9]+) ]] || return 0
    echo "$role $leader ${BASH_REMATCH[1]}"
  else
    status=$(curl -s -m 1 -X POST "http://127.0.0.1:$(etcd_client_port "$number")/v3/maintenance/status" -d '{}' \
      || true)
    [[ "$status" =~ \"member_id\":\"([0-9]+)\" ]] || return 0
    local member=${BASH_REMATCH[1]}
    [[ "$status" =~ \"leader\":\"([0-9]+)\" ]] || return 0
    local leader=${BASH_REMATCH[1]}
    [[ "$status" =~ \"raftTerm\":\"([0-9]+)\" ]] || return 0
    echo "$member $leader ${BASH_REMATCH[1]}"
  fi
}

# leader_number raftkv|etcd: the number (1..3) of the node that says it leads; fails if none does.
leader_number() {
  local target=$1 number view self leader term
  for number in 1 2 3; do
    view=$(node_view "$target" "$number")
    [[ -n "$view" ]] || continue
    read -r self leader term <<< "$view"
    if [[ "$target" == raftkv && "$self" == LEADER ]] || [[ "$target" == etcd && "$self" == "$leader" ]]; then
      echo "$number"
      return 0
    fi
  done
  return 1
}

# leadership raftkv|etcd: "node N leader ID term T", what the leading node says; the checks compare it before and
# after a measurement, so a leader that moved, even there and back, is noticed by its term.
leadership() {
  local target=$1 number view self leader term
  number=$(leader_number "$target") || { echo "no leader"; return 0; }
  view=$(node_view "$target" "$number")
  read -r self leader term <<< "$view"
  echo "node $number leader $leader term $term"
}

etcd_leader_address() { echo "127.0.0.1:$(etcd_client_port "$(leader_number etcd)")"; }
raftkv_leader_url() { echo "http://127.0.0.1:$(raftkv_http_port "$(leader_number raftkv)")"; }

# start_cluster raftkv|etcd DIR: starts three nodes with their data and logs in DIR; returns once one leads.
start_cluster() {
  local target=$1 number seconds
  CLUSTER_DIR=$2
  for number in 1 2 3; do start_node "$target" "$number"; done
  for seconds in $(seq 1 120); do
    leader_number "$target" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "bench: the $target cluster elected no leader in 120 s; logs in $CLUSTER_DIR" >&2
  exit 3
}

# bench_result_field LINE NAME: the value of NAME=... in a RESULT line of `raftkv bench`.
bench_result_field() {
  [[ "$1" =~ (^| )$2=([^ ]+) ]] && echo "${BASH_REMATCH[2]}"
}

# check_measurement WHAT RESULT_LINE CLIENTS LEADERSHIP_BEFORE LEADERSHIP_AFTER: fails the script (exit 4) with a
# message unless the run had no errors, reached CLIENTS operations in flight, and ran under one leader in one term.
check_measurement() {
  local what=$1 line=$2 clients=$3 before=$4 after=$5 errors in_flight
  errors=$(bench_result_field "$line" errors)
  in_flight=$(bench_result_field "$line" inFlightMax)
  if [[ "$errors" != 0 ]]; then
    echo "bench: CHECK FAILED: $what had $errors errors (see the bench's stderr above): $line" >&2
    exit 4
  fi
  if [[ "$in_flight" != "$clients" ]]; then
    echo "bench: CHECK FAILED: $what asked for $clients in flight but reached $in_flight: $line" >&2
    exit 4
  fi
  if [[ "$before" == "no leader" || "$before" != "$after" ]]; then
    echo "bench: CHECK FAILED: $what: the leader moved during the measurement: before '$before', after '$after'" >&2
    exit 4
  fi
}
