# Sourced by the bench scripts: 3-node raftkv and etcd clusters on loopback, one process per node, and who leads.
# raftkv node N: HTTP 127.0.0.1:1808N, Raft 127.0.0.1:1908N. etcd node N: clients 127.0.0.1:2379N, peers
# 127.0.0.1:2380N. Needs REPO_DIR set. Every process is started here and ended here, by its PID.

declare -A NODE_PIDS=()
CLUSTER_DIR=""

# start_node raftkv|etcd N: starts node N in CLUSTER_DIR, or restarts it on the data it left there.
start_node() {
  local target=$1 number=$2
  if [[ "$target" == raftkv ]]; then
    "$REPO_DIR/raftkv" server --id "n$number" --peers "n1=127.0.0.1:19081,n2=127.0.0.1:19082,n3=127.0.0.1:19083" \
      --data-dir "$CLUSTER_DIR/raftkv-$number" --http "127.0.0.1:1808$number" >> "$CLUSTER_DIR/raftkv-$number.log" 2>&1 &
  else
    etcd --name "e$number" --data-dir "$CLUSTER_DIR/etcd-$number" \
      --listen-client-urls "http://127.0.0.1:2379$number" --advertise-client-urls "http://127.0.0.1:2379$number" \
      --listen-peer-urls "http://127.0.0.1:2380$number" --initial-advertise-peer-urls "http://127.0.0.1:2380$number" \
      --initial-cluster "e1=http://127.0.0.1:23801,e2=http://127.0.0.1:23802,e3=http://127.0.0.1:23803" \
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

etcd_leader_url() {
  local number status
  for number in 1 2 3; do
    status=$(curl -s -m 1 -X POST "http://127.0.0.1:2379$number/v3/maintenance/status" -d '{}' || true)
    if [[ "$status" =~ \"leader\":\"([0-9]+)\" ]] && [[ "$status" == *"\"member_id\":\"${BASH_REMATCH[1]}\""* ]]; then
      echo "http://127.0.0.1:2379$number"
      return
    fi
  done
  return 1
}

raftkv_leader_url() {
  local number role
  for number in 1 2 3; do
    role=$(curl -s -m 1 "http://127.0.0.1:1808$number/v1/cluster/self" | sed -n 's/.*"role":"\([A-Z]*\)".*/\1/p')
    if [[ "$role" == "LEADER" ]]; then echo "http://127.0.0.1:1808$number"; return; fi
  done
  return 1
}

# start_cluster raftkv|etcd DIR: starts three nodes with their data and logs in DIR; returns once one leads.
start_cluster() {
  local target=$1 number seconds
  CLUSTER_DIR=$2
  for number in 1 2 3; do start_node "$target" "$number"; done
  for seconds in $(seq 1 120); do
    "${target}_leader_url" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "bench: the $target cluster elected no leader in 120 s; logs in $CLUSTER_DIR" >&2
  exit 3
}
