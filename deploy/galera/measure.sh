#!/usr/bin/env bash
# Measures a running test cluster (cluster.sh start DIR first): the commit stall a client on
# node 1 sees when node 3 is killed, node 3's restart and catch-up by IST, and the cost of
# replication on single-row commits. Prints one line per figure (README: "Scale-out on Galera").
#
#   measure.sh DIR
set -euo pipefail
DIR=${1:?usage: measure.sh DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
CLUSTER="$HERE/cluster.sh"
SECS=${MEASURE_SECS:-12}

sql() { mariadb --no-defaults --socket="$DIR/node$1/mysqld.sock" -uroot -N -B -e "$2"; }

proc() { # proc NAME TABLE: a procedure that commits one row into TABLE at a time for secs seconds
	cat <<EOF
DROP PROCEDURE IF EXISTS galera_measure.$1;
DELIMITER //
CREATE PROCEDURE galera_measure.$1(secs DOUBLE)
BEGIN
  DECLARE stop_at DATETIME(6) DEFAULT NOW(6) + INTERVAL secs * 1000000 MICROSECOND;
  WHILE NOW(6) < stop_at DO
    INSERT INTO galera_measure.$2 (at) VALUES (NOW(6));
  END WHILE;
END//
DELIMITER ;
EOF
}
{
	echo "CREATE DATABASE IF NOT EXISTS galera_measure;"
	for t in ticks local_ticks; do
		echo "DROP TABLE IF EXISTS galera_measure.$t;"
		echo "CREATE TABLE galera_measure.$t (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6) NOT NULL);"
	done
	proc tick ticks
	proc tick_local local_ticks
} | mariadb --no-defaults --socket="$DIR/node1/mysqld.sock" -uroot

# The same commits replicated and not: local_ticks is written only with wsrep_on=OFF (so it
# differs between nodes, which is harmless: nothing replicated ever touches it).
on=$(sql 1 "DELETE FROM galera_measure.ticks; CALL galera_measure.tick(3); SELECT COUNT(*) / 3 FROM galera_measure.ticks")
off=$(sql 1 "SET SESSION wsrep_on=OFF; CALL galera_measure.tick_local(3); SELECT COUNT(*) / 3 FROM galera_measure.local_ticks")
echo "single-row commits on node 1: $on/s replicated to 3 nodes, $off/s with replication off in the session (same server): $(awk -v a="$off" -v b="$on" 'BEGIN { printf "%.1f", a / b }')x slower"

# Optionally the same on a standalone server (MEASURE_STANDALONE="-h127.0.0.1 -P3306 -uroot"),
# in a database made and dropped for it. Its settings are its own (durability per commit).
if [ -n "${MEASURE_STANDALONE:-}" ]; then
	# shellcheck disable=SC2086
	{
		echo "CREATE DATABASE galera_measure_standalone; USE galera_measure_standalone;"
		echo "CREATE TABLE ticks (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(6) NOT NULL);"
		proc tick ticks | sed 's/galera_measure\./galera_measure_standalone./g'
		echo "CALL tick(3); SELECT CONCAT('single-row commits on the standalone server: ', COUNT(*) / 3, '/s (innodb_flush_log_at_trx_commit = ', @@innodb_flush_log_at_trx_commit, ')') FROM ticks;"
		echo "DROP DATABASE galera_measure_standalone;"
	} | mariadb --no-defaults $MEASURE_STANDALONE -N -B
fi

# A writer on node 1 for SECS seconds; node 3 is killed after 3 s. The longest gap between two
# consecutive commits is the stall.
sql 1 "DELETE FROM galera_measure.ticks"
sql 1 "CALL galera_measure.tick($SECS)" &
writer=$!
sleep 3
"$CLUSTER" kill 3 "$DIR"
wait "$writer"
sql 1 "SELECT CONCAT('killing node 3 stalled commits on node 1 for ', ROUND(MAX(gap), 2), ' s (', COUNT(*), ' commits in ${SECS} s)')
FROM (SELECT TIMESTAMPDIFF(MICROSECOND, LAG(at) OVER (ORDER BY id), at) / 1e6 AS gap FROM galera_measure.ticks) g"
sql 1 "SHOW STATUS LIKE 'wsrep_cluster_size'" | sed 's/^/after the kill, node 1: /'

# Writes that node 3 misses while down, then its restart by IST.
sql 1 "CALL galera_measure.tick(3)"
"$CLUSTER" restart 3 "$DIR"
echo "rows on node 1: $(sql 1 "SELECT COUNT(*) FROM galera_measure.ticks"), on node 3: $(sql 3 "SELECT COUNT(*) FROM galera_measure.ticks")"
sql 1 "DROP DATABASE galera_measure"
