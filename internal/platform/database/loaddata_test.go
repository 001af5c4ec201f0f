package database_test

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
)

// TestBulkFallsBackWhenTheServerRefusesLoadData runs a MariaDB server of its own with
// local_infile off (as MySQL 8 ships): a bulk insert big enough for LOAD DATA still writes
// every row, with statements, in the same transaction. The shared test server is never
// reconfigured, since other tests use it.
func TestBulkFallsBackWhenTheServerRefusesLoadData(t *testing.T) {
	if os.Getenv("STOREOPS_TEST_MYSQL_DSN") == "" {
		t.Skip("MySQL tests are off (STOREOPS_TEST_MYSQL_DSN)")
	}
	mariadbd, install := "/usr/sbin/mariadbd", "/usr/bin/mariadb-install-db"
	for _, p := range []string{mariadbd, install} {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("STOREOPS_TEST_REQUIRE_MYSQL") == "1" {
				t.Fatalf("%s is needed to run a server of the test's own: %v", p, err)
			}
			t.Skipf("%s is missing", p)
		}
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if out, err := exec.Command(install, "--no-defaults", "--datadir="+data, "--auth-root-authentication-method=normal",
		"--skip-test-db", "--user=root").CombinedOutput(); err != nil {
		t.Fatalf("install: %v\n%s", err, out)
	}
	port := freePort(t)
	srv := exec.Command(mariadbd, "--no-defaults", "--datadir="+data, "--socket="+filepath.Join(dir, "sock"),
		"--port="+strconv.Itoa(port), "--bind-address=127.0.0.1", "--user=root", "--local-infile=0",
		"--skip-log-bin", "--innodb-buffer-pool-size=32M", "--pid-file="+filepath.Join(dir, "pid"),
		"--log-error="+filepath.Join(dir, "error.log"))
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	t.Cleanup(func() {
		_ = srv.Process.Kill()
		<-exited
	})

	dsn := "root@tcp(127.0.0.1:" + strconv.Itoa(port) + ")/"
	var db *gorm.DB
	for db == nil {
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("mariadbd stopped: %v\n%s", err, log)
		case <-time.After(200 * time.Millisecond):
		}
		if d, err := database.Open(database.Options{Driver: database.MySQL, DSN: dsn + "mysql"}); err == nil {
			if database.Ping(context.Background(), d) == nil {
				db = d
			} else {
				_ = database.Close(d)
			}
		}
	}
	t.Cleanup(func() { _ = database.Close(db) })
	ctx := context.Background()
	for _, q := range []string{"CREATE DATABASE probe CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", "CREATE TABLE probe.bulk (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(40) NOT NULL)"} {
		if err := db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	// The server really refuses LOAD DATA LOCAL, so the insert below cannot have used it.
	err := db.Exec("LOAD DATA LOCAL INFILE 'Reader::none' INTO TABLE probe.bulk").Error
	var me *mysqldriver.MySQLError
	if !errors.As(err, &me) || me.Number != 4166 {
		t.Fatalf("LOAD DATA on a server with local_infile off: %v", err)
	}
	b := database.Bulk{Table: "probe.bulk", Columns: []string{"id", "note"}}
	const n = 5000
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		return b.Insert(ctx, tx, n, func(i int, a []any) []any { return append(a, int64(i), "行 "+strconv.Itoa(i)) })
	})
	if err != nil {
		t.Fatalf("bulk insert with LOAD DATA refused: %v", err)
	}
	var count int64
	db.Table("probe.bulk").Count(&count)
	if count != n {
		t.Fatalf("%d rows written, want %d", count, n)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
