package database

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

func TestSQLiteDSN(t *testing.T) {
	defaults := []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"}
	dir := t.TempDir()
	cases := []struct {
		name, dsn, path, txlock string
		pragmas                 []string
	}{
		{"plain path", dir + "/a/storeops.db", "file:" + dir + "/a/storeops.db", "immediate", defaults},
		{"relative path", "storeops.db", "file:storeops.db", "immediate", defaults},
		{"characters a URI reserves", dir + "/b c/x#1?", "", "", nil}, // '?' starts the query
		{"previous driver's query", dir + "/d.db?_pragma=busy_timeout(5000)&_pragma=cache_size(-8000)",
			"file:" + dir + "/d.db", "immediate",
			[]string{"busy_timeout(5000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-8000)"}},
		{"file: URI with its own settings", "file:" + dir + "/e.db?_txlock=deferred&_pragma=journal_mode(DELETE)",
			"file:" + dir + "/e.db", "deferred",
			[]string{"busy_timeout(10000)", "journal_mode(DELETE)", "foreign_keys(1)", "synchronous(NORMAL)"}},
		{"file: URI with an authority", "file://" + dir + "/f/g.db", "file://" + dir + "/f/g.db", "immediate", defaults},
		{"memory", ":memory:", "file::memory:", "immediate", defaults},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := sqliteDSN(c.dsn)
			if err != nil {
				t.Fatal(err)
			}
			path, query, _ := strings.Cut(got, "?")
			q, err := url.ParseQuery(query)
			if err != nil {
				t.Fatal(err)
			}
			if c.path == "" { // only the escaping is checked
				if path != "file:"+dir+"/b%20c/x%231" {
					t.Errorf("path %q", path)
				}
				return
			}
			if path != c.path || q.Get("_txlock") != c.txlock || !slices.Equal(q["_pragma"], c.pragmas) {
				t.Errorf("got %s", got)
			}
			if q.Get("_timefmt") != sqliteTimeFormat {
				t.Errorf("time format %q", q.Get("_timefmt"))
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "f")); err != nil {
		t.Errorf("the directory of a file: URI was not created: %v", err)
	}
}

// TestSQLiteOpenAppliesSettings opens a file the way StoreOps does and reads the settings back
// from SQLite itself, so that a DSN the driver misreads (and silently ignores) fails here.
func TestSQLiteOpenAppliesSettings(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(Options{Driver: SQLite, DSN: filepath.Join(dir, "data", "s.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer Close(db)
	checks := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"}
	for pragma, want := range checks {
		var got string
		if err := db.Raw("PRAGMA " + pragma).Scan(&got).Error; err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "data" {
		t.Errorf("files beside the data directory: %v", entries)
	}

	// Timestamps are stored as the previous driver wrote them and read back as time.Time.
	ctx := context.Background()
	if err := db.Exec("CREATE TABLE ts (id INTEGER PRIMARY KEY, at DATETIME NOT NULL, d DATE NOT NULL, ok BOOLEAN NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 8, 0, 0, 123456000, time.UTC)
	if err := db.Exec("INSERT INTO ts (id, at, d, ok) VALUES (1, ?, ?, ?), (2, ?, ?, ?)",
		at, "2026-11-02", true, at.Truncate(time.Second), "2026-11-03", false).Error; err != nil {
		t.Fatal(err)
	}
	var texts []string
	db.Raw("SELECT CAST(at AS TEXT) FROM ts ORDER BY at").Scan(&texts)
	if !slices.Equal(texts, []string{"2026-11-02 08:00:00+00:00", "2026-11-02 08:00:00.123456+00:00"}) {
		t.Errorf("stored timestamps %q", texts)
	}
	var row struct {
		At time.Time
		OK bool
	}
	if err := db.WithContext(ctx).Raw("SELECT at, ok FROM ts WHERE id = 1").Scan(&row).Error; err != nil || !row.At.Equal(at) || !row.OK {
		t.Errorf("read back %+v (%v)", row, err)
	}
}

// TestRetryableKnowsSQLiteBusy makes SQLite answer "database is locked" for real: one
// connection holds the write lock while another, with no busy timeout, tries to write.
func TestRetryableKnowsSQLiteBusy(t *testing.T) {
	dsn := "file:" + filepath.Join(t.TempDir(), "busy.db") + "?_pragma=busy_timeout(0)"
	db, err := Open(Options{Driver: SQLite, DSN: dsn, MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer Close(db)
	if err := db.Exec("CREATE TABLE b (n INT)").Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("INSERT INTO b VALUES (1)").Error; err != nil {
				return err
			}
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return tx.Exec("INSERT INTO b VALUES (2)").Error })
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err == nil || !Retryable(err) {
		t.Fatalf("second writer: %v, want a retryable busy error", err)
	}
	if Retryable(errors.New("no such table: x")) {
		t.Error("a plain error is not retryable")
	}
}

// TestBulkStaysWithinSQLitePlaceholders writes rows wide enough that 1000 of them would pass
// SQLite's 32766 placeholders per statement.
func TestBulkStaysWithinSQLitePlaceholders(t *testing.T) {
	db, err := Open(Options{Driver: SQLite, DSN: filepath.Join(t.TempDir(), "wide.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer Close(db)
	cols := make([]string, 40)
	defs := make([]string, 40)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
		defs[i] = cols[i] + " INT NOT NULL"
	}
	if err := db.Exec("CREATE TABLE wide (" + strings.Join(defs, ", ") + ")").Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = Tx(ctx, db, func(tx *gorm.DB) error {
		return Bulk{Table: "wide", Columns: cols}.Insert(ctx, tx, 2000, func(i int, a []any) []any {
			for j := range cols {
				a = append(a, i+j)
			}
			return a
		})
	})
	var n int64
	db.Table("wide").Count(&n)
	if err != nil || n != 2000 {
		t.Fatalf("%d rows written: %v", n, err)
	}
}
