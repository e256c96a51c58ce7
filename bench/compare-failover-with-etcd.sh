#!/usr/bin/env bash
# Measures leader failover, raftkv against etcd, in one run: for each store a 3-node cluster on loopback (ports
# 16001-16013 for raftkv, 16101-16113 for etcd), a write every 5 ms (one in flight, through each node in turn), kill -9
# of the leader, and the time from the kill to the first write acknowledged after it. Every trial checks that the
# killed process led, that the survivors elected another leader in a later term and that the last acknowledged write
# reads back; the killed node is then started again and the next trial waits for a stable leader.
#
#   bench/compare-failover-with-etcd.sh                  # needs: apt-get install etcd-server
#   bench/compare-failover-with-etcd.sh --trials 20
#   bench/compare-failover-with-etcd.sh --election-timeout 1s --stores raftkv
#
# Prints one line per trial, then per store "RESULT store=... medianMs=... p90Ms=... minMs=... maxMs=..." and
# "RATIO raftkv/etcd median=...". Any flag of `raftkv bench-failover --help` passes through.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/.." && pwd)"
command -v etcd > /dev/null || { echo "compare-failover-with-etcd: needs etcd (apt-get install etcd-server)" >&2; exit 2; }
exec "$REPO_DIR/raftkv" bench-failover "$@"
