package database_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/testutil"
)

func TestTxRunsALostRaceAgainWhole(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		ctx := context.Background()
		testutil.MustExec(t, db, "CREATE TABLE tx_probe (id INT NOT NULL PRIMARY KEY, n INT NOT NULL)")
		attempts := 0
		err := database.Tx(ctx, db, func(tx *gorm.DB) error {
			attempts++
			if err := tx.Exec("INSERT INTO tx_probe (id, n) VALUES (?, ?)", attempts, attempts).Error; err != nil {
				return err
			}
			if attempts == 1 {
				return fmt.Errorf("lost a race: %w", database.ErrRetry)
			}
			return nil
		})
		if err != nil || attempts != 2 {
			t.Fatalf("err %v after %d attempts, want success on the 2nd", err, attempts)
		}
		var ids []int
		if err := db.Raw("SELECT id FROM tx_probe ORDER BY id").Scan(&ids).Error; err != nil {
			t.Fatal(err)
		}
		if len(ids) != 1 || ids[0] != 2 {
			t.Fatalf("rows %v: the first attempt must have rolled back", ids)
		}

		attempts = 0
		err = database.Tx(ctx, db, func(tx *gorm.DB) error { attempts++; return database.ErrRetry })
		if !errors.Is(err, database.ErrRetry) || attempts != database.MaxAttempts {
			t.Fatalf("err %v after %d attempts, want ErrRetry after %d", err, attempts, database.MaxAttempts)
		}
		if status, body := httpx.StatusOf(err); status != 503 || body.Error.Code != "busy" {
			t.Fatalf("a transaction that kept losing answers %d %s, want 503 busy", status, body.Error.Code)
		}

		attempts = 0
		plain := errors.New("a bug")
		err = database.Tx(ctx, db, func(tx *gorm.DB) error { attempts++; return plain })
		if !errors.Is(err, plain) || attempts != 1 {
			t.Fatalf("a plain error is returned at once: %v after %d attempts", err, attempts)
		}
	})
}

func TestRetryableKnowsALostRace(t *testing.T) {
	wsrep := &mysqldriver.MySQLError{Number: 1213, SQLState: [5]byte{'4', '0', '0', '0', '1'},
		Message: "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction"}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"deadlock", &mysqldriver.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock; try restarting transaction"}, true},
		{"certification failure", wsrep, true},
		{"wrapped by a use case", fmt.Errorf("inventory: move: %w", wsrep), true},
		{"as text only", errors.New("commit: Error 1213 (40001): Deadlock found when trying to get lock; try restarting transaction"), true},
		{"wsrep text only", errors.New("WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction"), true},
		{"TiDB write conflict", &mysqldriver.MySQLError{Number: 9007, Message: "Write conflict, txnStartTS=1, conflictStartTS=2 [try again later]"}, true},
		{"ErrRetry", fmt.Errorf("claimed meanwhile: %w", database.ErrRetry), true},
		{"sqlite busy text", errors.New("sqlite3: database is locked"), true},
		{"duplicate key", &mysqldriver.MySQLError{Number: 1062, Message: "Duplicate entry '1' for key 'PRIMARY'"}, false},
		{"lock wait timeout", &mysqldriver.MySQLError{Number: 1205, Message: "Lock wait timeout exceeded; try restarting transaction"}, false},
		{"node not ready", &mysqldriver.MySQLError{Number: 1047, Message: "WSREP has not yet prepared node for application use"}, false},
		{"a bug", errors.New("a bug"), false},
	}
	for _, c := range cases {
		if got := database.Retryable(c.err); got != c.want {
			t.Errorf("%s: Retryable(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
}

// retryLog is an ObserveRetries observer that keeps what it saw.
type retryLog struct {
	mu     sync.Mutex
	events []database.RetryEvent
}

func (l *retryLog) observe(e database.RetryEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

func (l *retryLog) retried() (retried, gaveUp int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.events {
		if e.Retried {
			retried++
		} else {
			gaveUp++
		}
	}
	return retried, gaveUp
}

func TestTxRetriesOnlyTheOutermostTransactionAndReportsIt(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		ctx := context.Background()
		var log retryLog
		if err := database.ObserveRetries(db, log.observe); err != nil {
			t.Fatal(err)
		}
		testutil.MustExec(t, db, "CREATE TABLE tx_nested (id INT NOT NULL PRIMARY KEY)")
		outer, inner := 0, 0
		err := database.Tx(ctx, db, func(tx *gorm.DB) error {
			outer++
			if err := tx.Exec("INSERT INTO tx_nested (id) VALUES (?)", 100+outer).Error; err != nil {
				return err
			}
			return database.Tx(ctx, tx, func(tx *gorm.DB) error {
				inner++
				if err := tx.Exec("INSERT INTO tx_nested (id) VALUES (?)", inner).Error; err != nil {
					return err
				}
				if inner < 3 {
					return fmt.Errorf("lost: %w", database.ErrRetry)
				}
				return nil
			})
		})
		if err != nil || outer != 3 || inner != 3 {
			t.Fatalf("err %v, outer ran %d times, inner %d: want the whole transaction run 3 times", err, outer, inner)
		}
		var ids []int
		if err := db.Raw("SELECT id FROM tx_nested ORDER BY id").Scan(&ids).Error; err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids, []int{3, 103}) {
			t.Fatalf("rows %v, want only the last attempt's [3 103]", ids)
		}
		if r, g := log.retried(); r != 2 || g != 0 {
			t.Fatalf("observer saw %d retries and %d give-ups, want 2 and 0", r, g)
		}

		err = database.Tx(ctx, db, func(tx *gorm.DB) error { return database.ErrRetry })
		if r, g := log.retried(); !errors.Is(err, database.ErrRetry) || r != 2+database.MaxAttempts-1 || g != 1 {
			t.Fatalf("err %v; observer saw %d retries and %d give-ups, want %d and 1", err, r, g, 2+database.MaxAttempts-1)
		}
		// A second observer adds up with the first: both see the next lost attempt.
		var second retryLog
		if err := database.ObserveRetries(db, second.observe); err != nil {
			t.Fatal(err)
		}
		attempts := 0
		if err := database.Tx(ctx, db, func(tx *gorm.DB) error {
			if attempts++; attempts == 1 {
				return database.ErrRetry
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if r, _ := log.retried(); r != 2+database.MaxAttempts {
			t.Fatalf("the first observer saw %d retries, want %d", r, 2+database.MaxAttempts)
		}
		if r, g := second.retried(); r != 1 || g != 0 {
			t.Fatalf("the second observer saw %d retries and %d give-ups, want 1 and 0", r, g)
		}
	})
}

// TestTxRetriesARealDeadlock makes two transactions lock two rows in opposite orders on
// MariaDB: the server kills one with error 1213 (as Galera does a transaction that fails
// certification), and Tx runs it again until both have committed.
func TestTxRetriesARealDeadlock(t *testing.T) {
	db := testutil.NewTestDB(t, database.MySQL)
	ctx := context.Background()
	var log retryLog
	if err := database.ObserveRetries(db, log.observe); err != nil {
		t.Fatal(err)
	}
	testutil.MustExec(t, db, "CREATE TABLE tx_deadlock (id INT NOT NULL PRIMARY KEY, n INT NOT NULL)")
	testutil.MustExec(t, db, "INSERT INTO tx_deadlock (id, n) VALUES (1, 0), (2, 0)")
	var firstLocks sync.WaitGroup
	firstLocks.Add(2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, order := range [][2]int{{1, 2}, {2, 1}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := true
			errs[i] = database.Tx(ctx, db, func(tx *gorm.DB) error {
				if err := tx.Exec("UPDATE tx_deadlock SET n = n + 1 WHERE id = ?", order[0]).Error; err != nil {
					return err
				}
				if first { // on the first attempt, wait until both hold their first row
					first = false
					firstLocks.Done()
					firstLocks.Wait()
				}
				return tx.Exec("UPDATE tx_deadlock SET n = n + 1 WHERE id = ?", order[1]).Error
			})
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors %v: the loser of the deadlock must have been run again", errs)
	}
	var ns []int
	if err := db.Raw("SELECT n FROM tx_deadlock ORDER BY id").Scan(&ns).Error; err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ns, []int{2, 2}) {
		t.Fatalf("counters %v, want [2 2]: each transaction counted once", ns)
	}
	if r, g := log.retried(); r < 1 || g != 0 {
		t.Fatalf("observer saw %d retries and %d give-ups, want at least 1 retry", r, g)
	}
}
