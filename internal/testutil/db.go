// Package testutil gives tests real, migrated databases (SQLite always, MariaDB/MySQL when
// STOREOPS_TEST_MYSQL_DSN is set), a running application and signed-in clients.
package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
)

// Dialects lists the databases every suite runs against: SQLite, plus MySQL when
// STOREOPS_TEST_MYSQL_DSN is set. With STOREOPS_TEST_REQUIRE_MYSQL=1 (CI) a missing DSN fails.
func Dialects(tb testing.TB) []string {
	tb.Helper()
	out := []string{database.SQLite}
	if os.Getenv("STOREOPS_TEST_MYSQL_DSN") != "" {
		out = append(out, database.MySQL)
	} else if os.Getenv("STOREOPS_TEST_REQUIRE_MYSQL") == "1" {
		tb.Fatal("STOREOPS_TEST_REQUIRE_MYSQL=1 but STOREOPS_TEST_MYSQL_DSN is empty")
	}
	return out
}

// ForEachDialect runs fn as a subtest per database.
func ForEachDialect(t *testing.T, fn func(t *testing.T, dialect string)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(d, func(t *testing.T) { fn(t, d) })
	}
}

// NewTestDB returns a freshly migrated database of the dialect, removed when the test ends:
// a temporary file for SQLite, a new database (dropped afterwards) for MySQL.
func NewTestDB(tb testing.TB, dialect string) *gorm.DB {
	tb.Helper()
	var opts database.Options
	switch dialect {
	case database.SQLite:
		opts = database.Options{Driver: database.SQLite, DSN: filepath.Join(tb.TempDir(), "test.db")}
	case database.MySQL:
		opts = database.Options{Driver: database.MySQL, DSN: MySQLDatabase(tb)}
	default:
		tb.Fatalf("unknown dialect %q", dialect)
	}
	opts.MaxOpenConns = 8
	db, err := database.Open(opts)
	if err != nil {
		tb.Fatalf("open %s: %v", dialect, err)
	}
	tb.Cleanup(func() { _ = database.Close(db) })
	if _, err := database.Migrate(context.Background(), db); err != nil {
		tb.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}

// MySQLDatabase creates an empty storeops_test_<random> on the server of
// STOREOPS_TEST_MYSQL_DSN (skipping the test when it is not set) and returns a DSN for it; the
// database is dropped at cleanup.
func MySQLDatabase(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("STOREOPS_TEST_MYSQL_DSN")
	if base == "" {
		tb.Skip("STOREOPS_TEST_MYSQL_DSN is not set")
	}
	cfg, err := mysqldriver.ParseDSN(base)
	if err != nil {
		tb.Fatalf("STOREOPS_TEST_MYSQL_DSN: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "storeops_test_" + hex.EncodeToString(b[:])
	admin := *cfg
	admin.DBName = ""
	conn, err := sql.Open("mysql", admin.FormatDSN())
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		tb.Fatalf("create test database (is MariaDB running?): %v", err)
	}
	tb.Cleanup(func() {
		c, err := sql.Open("mysql", admin.FormatDSN())
		if err != nil {
			tb.Errorf("drop %s: %v", name, err)
			return
		}
		defer c.Close()
		if _, err := c.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
			tb.Errorf("drop %s: %v", name, err)
		}
	})
	cfg.DBName = name
	return cfg.FormatDSN()
}

// MustExec runs raw SQL for test set-up.
func MustExec(tb testing.TB, db *gorm.DB, q string, args ...any) {
	tb.Helper()
	if err := db.Exec(q, args...).Error; err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}

// Name makes a unique name for test data.
func Name(prefix string, n int) string { return fmt.Sprintf("%s%d", prefix, n) }
