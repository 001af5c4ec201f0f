#!/usr/bin/env bash
# Load, peak and soak runs against real StoreOps replicas on a fresh database (see README.md,
# "Load and faults"). Everything it starts it stops by PID on exit.
#
#   deploy/load/load.sh                       # 1 replica on SQLite, 60 s of the mixed load
#   DB=mysql REPLICAS=3 deploy/load/load.sh   # 3 replicas on one MariaDB database behind storeops-proxy
#   MODE=peak deploy/load/load.sh             # step the rate up until p99 > P99_MAX or errors appear
#   MODE=kill DB=mysql REPLICAS=2 deploy/load/load.sh
#                                             # kill -9 replica 1 a third into the load: the proxy routes
#                                             # around it, no 401, acknowledged writes all in the database
#   MODE=figures ...                          # the peak in short steps, then DURATION at RATE
#   MODE=soak DB=mysql REPLICAS=2 deploy/load/load.sh
#                                             # SOAK_MINUTES (10) at 70 % of the peak (measured first
#                                             # unless PEAK_RATE is given), RSS of the replicas sampled;
#                                             # fails on any 5xx, an unstable p99 or growing RSS
#   DB=galera GALERA_DIR=/tmp/g REPLICAS=3 deploy/load/load.sh
#                                             # replicas on a running deploy/galera cluster: replica i
#                                             # prefers node i and fails over to the others
#                                             # (STOREOPS_DB_DSN root@sequential(...)/db)
#   MODE=nodekill DB=galera GALERA_DIR=/tmp/g REPLICAS=3 deploy/load/load.sh
#                                             # kill -9 Galera node NODE (3) a third into the load and
#                                             # restart it at once (IST): acknowledged writes on every
#                                             # node, nobody signed out, the recovery time
#
# Settings (environment): DB=sqlite|mysql|galera, GALERA_DIR, NODE (3), REPLICAS (1), RATE (req/s, 40), DURATION (60s),
# MIX (supervisor,manager,hq,pos), USERS (3 per mix), P99_MAX (250ms), PEAK_RATE, SOAK_MINUTES (10),
# WINDOW (60s: the soak is measured per window), MYSQL_DSN (root@tcp(127.0.0.1:3306)/),
# PORT (18080: the proxy; replicas on PORT+1...), OUT (directory of the JSON reports, and logs).
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=${DB:-sqlite}
REPLICAS=${REPLICAS:-1}
RATE=${RATE:-40}
DURATION=${DURATION:-60s}
MIX=${MIX:-supervisor,manager,hq,pos}
USERS=${USERS:-3}
P99_MAX=${P99_MAX:-250ms}
MODE=${MODE:-load}
SOAK_MINUTES=${SOAK_MINUTES:-10}
WINDOW=${WINDOW:-60s}
MYSQL_DSN=${MYSQL_DSN:-root@tcp(127.0.0.1:3306)/}
PORT=${PORT:-18080}
OUT=${OUT:-$(mktemp -d /tmp/storeops-load.XXXXXX)}
mkdir -p "$OUT"

if [ "$DB" = sqlite ] && [ "$REPLICAS" -gt 1 ]; then
	echo "SQLite is one machine's database: run REPLICAS>1 with DB=mysql" >&2
	exit 2
fi
CLUSTER=deploy/galera/cluster.sh
NODE=${NODE:-3}
if [ "$DB" = galera ]; then
	[ -n "${GALERA_DIR:-}" ] || { echo "DB=galera needs GALERA_DIR, a cluster started with $CLUSTER" >&2; exit 2; }
	status=$("$CLUSTER" status "$GALERA_DIR")
	case "$status" in *"node 1: pid"*) ;; *) echo "no Galera cluster running in $GALERA_DIR: $status" >&2; exit 2 ;; esac
fi
# node_sql N SQL: run SQL on Galera node N (its SQL port 430(5+N)); plain mysql: the local server.
node_sql() {
	if [ "$DB" = galera ]; then mysql -h127.0.0.1 -P$((4305 + $1)) -uroot -N -B -e "$2"; else mysql -h127.0.0.1 -uroot -N -B -e "$2"; fi
}
# galera_dsn I: replica I's DSN, its own node first (1, 2, 3, 1, ...), then the other two.
galera_dsn() {
	local first=$(( ($1 - 1) % 3 + 1 )) addrs="" n
	for n in $first 1 2 3; do
		case ",$addrs," in *",127.0.0.1:$((4305 + n)),"*) ;; *) addrs="${addrs:+$addrs,}127.0.0.1:$((4305 + n))" ;; esac
	done
	echo "root@sequential($addrs)/$DBNAME?parseTime=true"
}

echo "==> building bin/storeops, bin/storeops-load, bin/storeops-proxy"
mkdir -p bin
CGO_ENABLED=0 go build -trimpath -o bin/storeops ./cmd/storeops
go build -o bin/storeops-load ./cmd/storeops-load
go build -o bin/storeops-proxy ./cmd/storeops-proxy

PIDS=()
DBNAME=""
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ -n "$DBNAME" ] && [ -z "${KEEP:-}" ]; then
		for n in 1 2 3; do node_sql "$n" "DROP DATABASE IF EXISTS $DBNAME" 2>/dev/null && break; done || true
	fi
}
trap cleanup EXIT

export STOREOPS_LOG_LEVEL=warn STOREOPS_ATTACHMENTS_DIR="$OUT/attachments" STOREOPS_TRUSTED_PROXIES=127.0.0.1/32
if [ "$DB" = mysql ] || [ "$DB" = galera ]; then
	DBNAME=storeops_load_$$
	node_sql 1 "CREATE DATABASE $DBNAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
	export STOREOPS_DB_DRIVER=mysql STOREOPS_DB_DSN="${MYSQL_DSN%/}/$DBNAME?parseTime=true"
	if [ "$DB" = galera ]; then STOREOPS_DB_DSN=$(galera_dsn 1); fi
else
	export STOREOPS_DB_DRIVER=sqlite STOREOPS_DB_DSN="$OUT/storeops.db"
fi

echo "==> seeding the demo chain with its feed history on $DB (a fresh database)"
start=$(date +%s)
./bin/storeops seed --demo >"$OUT/seed.log" 2>&1
echo "    seeded in $(($(date +%s) - start)) s"

backends=()
for i in $(seq 1 "$REPLICAS"); do
	port=$((PORT + i))
	if [ "$DB" = galera ]; then STOREOPS_DB_DSN=$(galera_dsn "$i"); fi
	STOREOPS_ADDR=127.0.0.1:$port ./bin/storeops serve >"$OUT/replica$i.log" 2>&1 &
	PIDS+=($!)
	backends+=("http://127.0.0.1:$port")
	for _ in $(seq 1 600); do
		curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
		sleep 0.1
	done
	curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "replica $i did not start:"; cat "$OUT/replica$i.log"; exit 1; }
done
REPLICA_PIDS=("${PIDS[@]}")
target=${backends[0]}
if [ "$REPLICAS" -gt 1 ]; then
	./bin/storeops-proxy -addr 127.0.0.1:$PORT -backends "$(IFS=,; echo "${backends[*]}")" >"$OUT/proxy.log" 2>&1 &
	PIDS+=($!)
	target=http://127.0.0.1:$PORT
	for _ in $(seq 1 100); do curl -sf "$target/readyz" >/dev/null && break; sleep 0.1; done
fi
echo "==> $REPLICAS replica(s) on $DB (PIDs ${REPLICA_PIDS[*]}), load to $target; reports in $OUT"

# seconds DUR: a duration such as 90s, 10m or 1h in whole seconds.
seconds() {
	case "$1" in
	*s) echo "${1%s}" ;; *m) echo $(( ${1%m} * 60 )) ;; *h) echo $(( ${1%h} * 3600 )) ;;
	*) echo "not a duration (90s, 10m, 1h): $1" >&2; exit 2 ;;
	esac
}

load() { ./bin/storeops-load -targets "$target" -mix "$MIX" -users "$USERS" "$@"; }

# check_writes REPORT TAG NODE...: the write-offs and POS uploads the load tool counted as
# acknowledged must all be in the database on every NODE given (none lost, none twice: at most
# acknowledged + failed), and nobody may have been signed out (no 401).
check_writes() {
	local report=$1 tag=$2 n counts=()
	shift 2
	for n in "$@"; do
		counts+=("$n:$(node_sql "$n" "SELECT COUNT(*) FROM $DBNAME.write_offs WHERE note = 'storeops-load $tag'"):$(node_sql "$n" "SELECT COUNT(*) FROM $DBNAME.feed_imports WHERE idempotency_key LIKE '$tag-%'")")
	done
	python3 - "$report" "${counts[@]}" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
k = {x["name"]: x for x in s["kinds"]}
wo = k.get("sup.write-off", {}); acked = wo.get("acked_writes", 0); failed = wo.get("errors", 0)
pos = k.get("pos.sales", {}); pos_acked = pos.get("acked_writes", 0); pos_failed = pos.get("errors", 0)
codes = s["overall"]["status_codes"]
signed_out = codes.get("401", 0)
ok = signed_out == 0
for c in sys.argv[2:]:
    node, in_db, uploads = (int(x) for x in c.split(":"))
    where = f"node {node}" if len(sys.argv) > 3 else "the database"
    print(f"writes: write-offs acknowledged {acked}, on {where} {in_db}, failed (5xx/transport) {failed}; "
          f"POS uploads acknowledged {pos_acked}, on {where} {uploads}, failed {pos_failed}")
    ok = ok and acked <= in_db <= acked + failed and pos_acked <= uploads <= pos_acked + pos_failed
errors = {c: n for c, n in codes.items() if c == "0" or c >= "500"}
print(f"writes: 401 answers (signed out): {signed_out}; errors overall {s['overall']['errors']} of {s['overall']['requests']} {errors or ''}")
print("writes: PASS (nothing acknowledged was lost, nothing saved twice, nobody signed out)" if ok else "writes: FAILED")
sys.exit(0 if ok else 1)
PY
}

case "$MODE" in
load)
	load -rate "$RATE" -duration "$DURATION" -out "$OUT/load.json"
	;;
peak)
	load -peak -rate "$RATE" -duration "$DURATION" -p99-max "$P99_MAX" -out "$OUT/peak.json"
	;;
figures)
	# The README's figures: the peak in STEP-long steps, then DURATION at the fixed RATE.
	load -peak -rate "${PEAK_FROM:-20}" -step 1.4 -duration "${STEP:-10s}" -p99-max "$P99_MAX" -out "$OUT/peak.json" | grep -E '^(step|peak)'
	load -rate "$RATE" -duration "$DURATION" -out "$OUT/load.json"
	;;
kill)
	# kill -9 the first replica a third of the way into the load: the proxy must route around
	# it, nobody may be signed out (no 401), and every acknowledged write-off must be in the
	# database (and none twice: at most acknowledged + failed ones).
	[ "$REPLICAS" -gt 1 ] || { echo "MODE=kill needs REPLICAS>1" >&2; exit 2; }
	load -rate "$RATE" -duration "$DURATION" -tag "kill-$$" -out "$OUT/kill.json" >"$OUT/kill.txt" &
	loader=$!
	secs=$(( $(seconds "$DURATION") / 3 ))
	sleep "$secs"
	kill -9 "${REPLICA_PIDS[0]}"
	echo "==> killed replica 1 (PID ${REPLICA_PIDS[0]}) after $secs s"
	wait "$loader" || true
	cat "$OUT/kill.txt"
	if [ "$DB" != sqlite ]; then check_writes "$OUT/kill.json" "kill-$$" 1; fi
	;;
nodekill)
	# kill -9 Galera node NODE a third of the way into the load and restart it at once: the
	# replicas that preferred it fail over to the other nodes, the cluster stalls until it is
	# evicted, the node rejoins by IST while the load goes on. Every acknowledged write must be
	# on every node, nobody signed out; what clients saw fail is printed per status.
	[ "$DB" = galera ] || { echo "MODE=nodekill needs DB=galera" >&2; exit 2; }
	load -rate "$RATE" -duration "$DURATION" -tag "nodekill-$$" -out "$OUT/nodekill.json" >"$OUT/nodekill.txt" &
	loader=$!
	secs=$(( $(seconds "$DURATION") / 3 ))
	sleep "$secs"
	t0=$(date +%s.%N)
	"$CLUSTER" kill "$NODE" "$GALERA_DIR"
	"$CLUSTER" restart "$NODE" "$GALERA_DIR" | sed 's/^/    /'
	echo "==> node $NODE killed after $secs s of load; back and Synced $(python3 -c "import time;print(round(time.time()-$t0,1))") s after the kill"
	wait "$loader" || true
	cat "$OUT/nodekill.txt"
	for i in $(seq 1 "$REPLICAS"); do
		echo "    replica $i: $(curl -s "http://127.0.0.1:$((PORT + i))/metrics" | grep '^storeops_db_tx_retries_total' | sed 's/storeops_db_tx_retries_total//' | tr '\n' ' ')"
	done
	check_writes "$OUT/nodekill.json" "nodekill-$$" 1 2 3
	;;
soak)
	if [ -z "${PEAK_RATE:-}" ]; then
		echo "==> finding the peak first (steps of 20 s)"
		load -peak -rate "$RATE" -duration 20s -p99-max "$P99_MAX" -out "$OUT/peak.json" | grep -E '^(step|peak)'
		PEAK_RATE=$(python3 -c "import json;print(json.load(open('$OUT/peak.json'))['peak_rate'])")
	fi
	SOAK_RATE=$(python3 -c "print(round(0.7*float('$PEAK_RATE'),1))")
	echo "==> soak: $SOAK_MINUTES min at $SOAK_RATE req/s (70 % of the peak $PEAK_RATE), measured per $WINDOW window"
	(
		echo "time,pid,rss_kb"
		while :; do
			for pid in "${REPLICA_PIDS[@]}"; do echo "$(date +%s),$pid,$(ps -o rss= -p "$pid" | tr -d ' ')"; done
			sleep 10
		done
	) >"$OUT/rss.csv" &
	PIDS+=($!)
	windows=$(python3 -c "print(max(1, round($SOAK_MINUTES * 60 / $(seconds "$WINDOW"))))")
	for i in $(seq 1 "$windows"); do
		load -rate "$SOAK_RATE" -duration "$WINDOW" -out "$OUT/soak-$i.json" | grep -E '^(run|OVERALL)'
		for pid in "${REPLICA_PIDS[@]}"; do echo "    rss of $pid: $(ps -o rss= -p "$pid" | tr -d ' ') kB"; done
	done
	python3 deploy/load/soakcheck.py "$OUT" "$windows"
	;;
*)
	echo "MODE must be load, peak, figures, soak, kill or nodekill" >&2
	exit 2
	;;
esac
