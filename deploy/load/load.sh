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
#
# Settings (environment): DB=sqlite|mysql, REPLICAS (1), RATE (req/s, 40), DURATION (60s),
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
		mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DBNAME" 2>/dev/null || true
	fi
}
trap cleanup EXIT

export STOREOPS_LOG_LEVEL=warn STOREOPS_ATTACHMENTS_DIR="$OUT/attachments" STOREOPS_TRUSTED_PROXIES=127.0.0.1/32
if [ "$DB" = mysql ]; then
	DBNAME=storeops_load_$$
	mysql -h127.0.0.1 -uroot -e "CREATE DATABASE $DBNAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
	export STOREOPS_DB_DRIVER=mysql STOREOPS_DB_DSN="${MYSQL_DSN%/}/$DBNAME?parseTime=true"
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

load() { ./bin/storeops-load -targets "$target" -mix "$MIX" -users "$USERS" "$@"; }

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
	secs=$(python3 -c "import re;w=re.fullmatch(r'(\d+)([smh])','$DURATION');print(int(w[1])*{'s':1,'m':60,'h':3600}[w[2]]//3)")
	sleep "$secs"
	kill -9 "${REPLICA_PIDS[0]}"
	echo "==> killed replica 1 (PID ${REPLICA_PIDS[0]}) after $secs s"
	wait "$loader" || true
	cat "$OUT/kill.txt"
	if [ "$DB" = mysql ]; then
		in_db=$(mysql -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM $DBNAME.write_offs WHERE note = 'storeops-load kill-$$'")
		uploads=$(mysql -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM $DBNAME.feed_imports WHERE idempotency_key LIKE 'kill-$$-%'")
		python3 - "$OUT/kill.json" "$in_db" "$uploads" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); in_db, uploads = int(sys.argv[2]), int(sys.argv[3])
k = {x["name"]: x for x in s["kinds"]}
wo = k.get("sup.write-off", {}); acked = wo.get("acked_writes", 0); failed = wo.get("errors", 0)
pos = k.get("pos.sales", {}).get("acked_writes", 0)
signed_out = s["overall"]["status_codes"].get("401", 0)
print(f"kill: write-offs acknowledged {acked}, in the database {in_db}, failed (5xx/transport) {failed}")
print(f"kill: POS uploads acknowledged {pos}, in the database {uploads}")
print(f"kill: 401 answers (signed out): {signed_out}; errors overall {s['overall']['errors']} of {s['overall']['requests']}")
ok = acked <= in_db <= acked + failed and pos <= uploads and signed_out == 0
print("kill: PASS (nothing acknowledged was lost, nothing posted twice, nobody signed out)" if ok else "kill: FAILED")
sys.exit(0 if ok else 1)
PY
	fi
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
	windows=$(python3 -c "
import re
w=re.fullmatch(r'(\d+)([smh])','$WINDOW'); s=int(w[1])*{'s':1,'m':60,'h':3600}[w[2]]
print(max(1, round($SOAK_MINUTES*60/s)))")
	for i in $(seq 1 "$windows"); do
		load -rate "$SOAK_RATE" -duration "$WINDOW" -out "$OUT/soak-$i.json" | grep -E '^(run|OVERALL)'
		for pid in "${REPLICA_PIDS[@]}"; do echo "    rss of $pid: $(ps -o rss= -p "$pid" | tr -d ' ') kB"; done
	done
	python3 deploy/load/soakcheck.py "$OUT" "$windows"
	;;
*)
	echo "MODE must be load, peak, figures, soak or kill" >&2
	exit 2
	;;
esac
