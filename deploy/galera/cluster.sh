#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on 127.0.0.1 for tests (README: "Scale-out on Galera").
#
#   cluster.sh init DIR      create DIR/node{1,2,3} data dirs and DIR/node{1,2,3}.cnf
#   cluster.sh start [DIR]   bootstrap node 1, join nodes 2 and 3, wait until all are Synced
#   cluster.sh stop [DIR]    stop every node (SIGTERM, then SIGKILL after 60 s) by DIR/nodeN.pid
#   cluster.sh kill N [DIR]  kill -9 node N (a crash)
#   cluster.sh restart N [DIR]  recover a crashed node's position (--wsrep-recover) and start
#                            it at that position so it catches up by IST; wait until Synced
#   cluster.sh status [DIR]  cluster size and each node's state and ports
#
# DIR defaults to $GALERA_DIR. Node N listens for SQL on 127.0.0.1:430(5+N) (4306, 4307, 4308),
# for group communication on 4567, 4577, 4587, IST on the next port and SST on the one after. The SQL
# user root@127.0.0.1 has no password: this cluster is for tests on loopback only.
# The nodes run as the mysql user when started by root (rsync SST's daemon would otherwise
# write as nobody), else as the caller; only the processes recorded in DIR/nodeN.pid are
# ever signalled.
set -euo pipefail

MARIADBD=${MARIADBD:-/usr/sbin/mariadbd}
PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
NODES=(1 2 3)
WAIT_SECS=${GALERA_WAIT_SECS:-180}
if [ "$(id -u)" -eq 0 ]; then RUN_AS=mysql; else RUN_AS=$(id -un); fi

sql_port() { echo $((4305 + $1)); }
gcomm_port() { echo $((4557 + 10 * $1)); } # 4567, 4577, 4587
ist_port() { echo $(($(gcomm_port "$1") + 1)); }
sst_port() { echo $(($(gcomm_port "$1") + 2)); }

die() { echo "cluster.sh: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

dir_arg() {
	local d=${1:-${GALERA_DIR:-}}
	[ -n "$d" ] || die "no cluster directory: pass DIR or set GALERA_DIR"
	[ -d "$d" ] || die "$d does not exist: run 'cluster.sh init $d' first"
	(cd "$d" && pwd)
}

node_pid() { # prints the PID of node N if it is running
	local f="$DIR/node$1.pid"
	[ -s "$f" ] || return 1
	local pid
	pid=$(cat "$f")
	kill -0 "$pid" 2>/dev/null || return 1
	# The PID must still be our mariadbd, not a recycled number.
	grep -q "node$1.cnf" "/proc/$pid/cmdline" 2>/dev/null || return 1
	echo "$pid"
}

q() { # q N SQL: run SQL on node N over its socket, tab-separated, no headers
	mariadb --no-defaults --socket="$DIR/node$1/mysqld.sock" -uroot -N -B -e "$2" 2>/dev/null
}

wsrep_status() { q "$1" "SHOW STATUS LIKE '$2'" | cut -f2; }

write_cnf() {
	local n=$1 addrs=()
	for m in "${NODES[@]}"; do addrs+=("127.0.0.1:$(gcomm_port "$m")"); done
	local cluster
	cluster=$(IFS=,; echo "${addrs[*]}")
	cat >"$DIR/node$n.cnf" <<EOF
# Galera test node $n, written by deploy/galera/cluster.sh
[mysqld]
user=$RUN_AS
datadir=$DIR/node$n/data
socket=$DIR/node$n/mysqld.sock
pid-file=$DIR/node$n/mariadbd.pid
log-error=$DIR/node$n/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max_connections=300
local_infile=ON

default_storage_engine=InnoDB
binlog_format=ROW
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=96M
innodb_log_file_size=48M
# Durability comes from the other nodes; a crashed node catches up by IST.
innodb_flush_log_at_trx_commit=2

wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=storeops-test
wsrep_cluster_address=gcomm://$cluster
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(gcomm_port "$n")
wsrep_provider_options="base_host=127.0.0.1;base_port=$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=256M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$n")
wsrep_slave_threads=2
EOF
}

cmd_init() {
	local d=${1:-}
	[ -n "$d" ] || die "usage: cluster.sh init DIR"
	mkdir -p "$d"
	DIR=$(cd "$d" && pwd)
	for n in "${NODES[@]}"; do
		! node_pid "$n" >/dev/null || die "node $n is running: stop it first"
		rm -rf "$DIR/node$n"
		mkdir -p "$DIR/node$n/data"
		write_cnf "$n"
		[ "$RUN_AS" = "$(id -un)" ] || chown -R "$RUN_AS": "$DIR"
		mariadb-install-db --defaults-file="$DIR/node$n.cnf" --auth-root-authentication-method=normal \
			--skip-test-db >"$DIR/node$n/install.log" 2>&1 || { cat "$DIR/node$n/install.log" >&2; die "install-db failed for node $n"; }
	done
	[ "$RUN_AS" = "$(id -un)" ] || chown -R "$RUN_AS": "$DIR"
	echo "initialised $DIR (node1..3: SQL ports $(sql_port 1) $(sql_port 2) $(sql_port 3))"
}

launch() { # launch N [extra mariadbd flags...]: start node N in the background
	local n=$1
	shift
	if [ -f "$DIR/node$n/error.log" ]; then mv "$DIR/node$n/error.log" "$DIR/node$n/error.log.prev"; fi
	setsid "$MARIADBD" --defaults-file="$DIR/node$n.cnf" "$@" </dev/null >>"$DIR/node$n/stdout.log" 2>&1 &
	echo $! >"$DIR/node$n.pid"
}

wait_synced() { # wait_synced N [size]: until node N is Synced (and the cluster has size nodes)
	local n=$1 size=${2:-} deadline=$((SECONDS + WAIT_SECS)) state csize
	while :; do
		node_pid "$n" >/dev/null || { tail -n 30 "$DIR/node$n/error.log" >&2; die "node $n exited"; }
		state=$(wsrep_status "$n" wsrep_local_state_comment || true)
		csize=$(wsrep_status "$n" wsrep_cluster_size || true)
		if [ "$state" = Synced ] && { [ -z "$size" ] || [ "$csize" = "$size" ]; }; then
			return 0
		fi
		[ "$SECONDS" -lt "$deadline" ] || { tail -n 30 "$DIR/node$n/error.log" >&2; die "node $n not Synced after ${WAIT_SECS}s (state '$state', size '$csize')"; }
		sleep 0.2
	done
}

cmd_start() {
	DIR=$(dir_arg "${1:-}")
	local t0 running=0
	t0=$(now)
	for n in "${NODES[@]}"; do if node_pid "$n" >/dev/null; then running=$((running + 1)); fi; done
	[ "$running" -eq 0 ] || die "$running node(s) already running: stop them first"
	# A test cluster: node 1 bootstraps even if it was not the last to stop.
	if [ -f "$DIR/node1/data/grastate.dat" ]; then
		sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$DIR/node1/data/grastate.dat"
	fi
	launch 1 --wsrep-new-cluster
	wait_synced 1 1
	# The tests connect over TCP as root@127.0.0.1 without a password (replicated to the joiners).
	q 1 "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION" ||
		die "cannot create root@127.0.0.1 on node 1"
	echo "node 1 bootstrapped in $(elapsed "$t0") s"
	for n in 2 3; do
		launch "$n"
		wait_synced "$n"
		echo "node $n joined at $(elapsed "$t0") s"
	done
	for n in "${NODES[@]}"; do wait_synced "$n" 3; done
	echo "cluster formed: size 3, all Synced, in $(elapsed "$t0") s"
}

stop_node() {
	local n=$1 pid deadline
	pid=$(node_pid "$n") || return 0
	kill -TERM "$pid"
	deadline=$((SECONDS + 60))
	while kill -0 "$pid" 2>/dev/null; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "node $n (pid $pid) ignored SIGTERM for 60 s: SIGKILL" >&2
			kill -KILL "$pid" 2>/dev/null || true
		fi
		sleep 0.2
	done
	echo "node $n stopped (pid $pid)"
}

cmd_stop() {
	DIR=$(dir_arg "${1:-}")
	# Node 1 last, so that it is the one safe to bootstrap from next time.
	for n in 3 2 1; do stop_node "$n"; done
}

node_arg() {
	case "${1:-}" in 1 | 2 | 3) ;; *) die "node must be 1, 2 or 3, not '${1:-}'" ;; esac
}

cmd_kill() {
	node_arg "${1:-}"
	DIR=$(dir_arg "${2:-}")
	local pid
	pid=$(node_pid "$1") || die "node $1 is not running"
	kill -KILL "$pid"
	while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
	echo "node $1 killed (pid $pid) at $(date -u +%H:%M:%S.%N | cut -c1-12)"
}

cmd_restart() {
	node_arg "${1:-}"
	local n=$1
	DIR=$(dir_arg "${2:-}")
	! node_pid "$n" >/dev/null || die "node $n is running"
	local t0 pos log="$DIR/node$n/recover.log"
	t0=$(now)
	# --wsrep-recover reads the last committed position from InnoDB and exits.
	"$MARIADBD" --defaults-file="$DIR/node$n.cnf" --wsrep-recover --log-error="$log" >/dev/null 2>&1 ||
		{ tail -n 20 "$log" >&2; die "--wsrep-recover failed on node $n"; }
	pos=$(sed -n 's/.*WSREP: Recovered position: *\([0-9a-f-]*:-\{0,1\}[0-9]*\).*/\1/p' "$log" | tail -n 1)
	[ -n "$pos" ] || { tail -n 20 "$log" >&2; die "no recovered position in $log"; }
	echo "node $n recovered position $pos in $(elapsed "$t0") s"
	launch "$n" --wsrep-start-position="$pos"
	wait_synced "$n" 3
	local how=unknown
	if grep -q "IST received" "$DIR/node$n/error.log" || grep -q "Receiving IST" "$DIR/node$n/error.log"; then
		how=IST
	elif grep -qi "State transfer required" "$DIR/node$n/error.log" && grep -qi "SST" "$DIR/node$n/error.log"; then
		how=SST
	fi
	echo "node $n rejoined by $how and is Synced: restart took $(elapsed "$t0") s"
}

cmd_status() {
	DIR=$(dir_arg "${1:-}")
	for n in "${NODES[@]}"; do
		local pid state size
		if pid=$(node_pid "$n"); then
			state=$(wsrep_status "$n" wsrep_local_state_comment || echo "?")
			size=$(wsrep_status "$n" wsrep_cluster_size || echo "?")
			echo "node $n: pid $pid, $state, cluster size $size, sql 127.0.0.1:$(sql_port "$n"), gcomm $(gcomm_port "$n"), ist $(ist_port "$n"), sst $(sst_port "$n")"
		else
			echo "node $n: down (sql port $(sql_port "$n"))"
		fi
	done
}

case "${1:-}" in
init) cmd_init "${2:-}" ;;
start) cmd_start "${2:-}" ;;
stop) cmd_stop "${2:-}" ;;
kill) cmd_kill "${2:-}" "${3:-}" ;;
restart) cmd_restart "${2:-}" "${3:-}" ;;
status) cmd_status "${2:-}" ;;
*) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
