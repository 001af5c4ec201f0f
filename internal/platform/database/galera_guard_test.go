package database_test

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

// TestTheGaleraGuardKeepsWritesAfterAnAbortOutOfTheDatabase plays a silent brute-force
// abort on MariaDB: in the middle of the transaction the server rolls it back (here a
// ROLLBACK sent on the same connection) and the client is not told. Without the guard the
// statements after it commit on their own and the retry saves them again.
func TestTheGaleraGuardKeepsWritesAfterAnAbortOutOfTheDatabase(t *testing.T) {
	dsn := testutil.MySQLDatabase(t)
	db, err := database.Open(database.Options{Driver: database.MySQL, DSN: dsn, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	if err := database.MarkGaleraNode(db); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	testutil.MustExec(t, db, "CREATE TABLE guard_probe (id INT NOT NULL PRIMARY KEY, attempt INT NOT NULL)")
	rows := func() (n int) {
		t.Helper()
		if err := db.Raw("SELECT COUNT(*) FROM guard_probe").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	autocommit := func() (on int) {
		t.Helper()
		if err := db.Raw("SELECT @@autocommit").Scan(&on).Error; err != nil {
			t.Fatal(err)
		}
		return on
	}

	attempts := 0
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		attempts++
		if err := tx.Exec("INSERT INTO guard_probe (id, attempt) VALUES (?, ?)", attempts, attempts).Error; err != nil {
			return err
		}
		if attempts == 1 {
			// The abort, unannounced; then the rest of the use case runs on.
			if err := tx.Exec("ROLLBACK").Error; err != nil {
				return err
			}
			return tx.Exec("INSERT INTO guard_probe (id, attempt) VALUES (100, 1)").Error
		}
		return nil
	})
	if err != nil || attempts != 2 {
		t.Fatalf("err %v after %d attempts, want success on the 2nd", err, attempts)
	}
	var ids []int
	if err := db.Raw("SELECT id FROM guard_probe ORDER BY id").Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != 2 {
		t.Fatalf("rows %v, want only the second attempt's: what ran after the abort must not be saved", ids)
	}
	if autocommit() != 1 {
		t.Fatal("the connection went back to the pool with autocommit off")
	}

	// A failing use case leaves nothing and autocommit on; a plain one commits.
	plain := errors.New("refused")
	if err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO guard_probe (id, attempt) VALUES (3, 1)").Error; err != nil {
			return err
		}
		return plain
	}); !errors.Is(err, plain) || rows() != 1 || autocommit() != 1 {
		t.Fatalf("a failing transaction: %v, %d rows, autocommit %d", err, rows(), autocommit())
	}
	if err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		return tx.Exec("INSERT INTO guard_probe (id, attempt) VALUES (4, 1)").Error
	}); err != nil || rows() != 2 || autocommit() != 1 {
		t.Fatalf("a plain transaction: %v, %d rows, autocommit %d", err, rows(), autocommit())
	}
	// Savepoints inside still work.
	if err := database.Tx(ctx, db, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO guard_probe (id, attempt) VALUES (5, 1)").Error; err != nil {
			return err
		}
		_ = database.Tx(ctx, tx, func(inner *gorm.DB) error {
			_ = inner.Exec("INSERT INTO guard_probe (id, attempt) VALUES (6, 1)").Error
			return plain
		})
		return nil
	}); err != nil || rows() != 3 {
		t.Fatalf("a nested transaction that failed: %v, %d rows, want 3 (5 without 6)", err, rows())
	}
}
