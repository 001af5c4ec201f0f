package database_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/testutil"
)

func TestConnectionLostKnowsABrokenConnection(t *testing.T) {
	for _, err := range []error{
		mysqldriver.ErrInvalidConn,
		fmt.Errorf("insert: %w", driver.ErrBadConn),
		io.ErrUnexpectedEOF,
		&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED},
		&mysqldriver.MySQLError{Number: 1047, Message: "WSREP has not yet prepared node for application use"},
		&mysqldriver.MySQLError{Number: 1053, Message: "Server shutdown in progress"},
	} {
		if !database.ConnectionLost(err) {
			t.Errorf("ConnectionLost(%v) = false", err)
		}
	}
	for _, err := range []error{
		nil,
		&mysqldriver.MySQLError{Number: 1213, Message: "Deadlock found"},
		&mysqldriver.MySQLError{Number: 1062, Message: "Duplicate entry"},
		errors.New("a bug"),
		gorm.ErrRecordNotFound,
	} {
		if database.ConnectionLost(err) {
			t.Errorf("ConnectionLost(%v) = true", err)
		}
	}
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	return fmt.Sprintf("127.0.0.1:%d", freePort(t))
}

// sequentialDSN lists a closed address first and then the test server of dsn.
func sequentialDSN(t *testing.T, dsn string, first ...string) string {
	t.Helper()
	cfg, err := mysqldriver.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	addrs := ""
	for _, a := range first {
		addrs += a + ","
	}
	cfg.Net, cfg.Addr = database.SequentialNet, addrs+cfg.Addr
	return cfg.FormatDSN()
}

func TestASequentialDSNConnectsToTheFirstServerThatAnswers(t *testing.T) {
	dsn := testutil.MySQLDatabase(t)
	db, err := database.Open(database.Options{Driver: database.MySQL, DSN: sequentialDSN(t, dsn, closedAddr(t), closedAddr(t))})
	if err != nil {
		t.Fatalf("open with two dead servers listed first: %v", err)
	}
	defer database.Close(db)
	if _, err := database.Migrate(context.Background(), db); err != nil {
		t.Fatalf("migrate through the failover connector: %v", err)
	}
	var n int
	if err := db.Raw("SELECT COUNT(*) FROM goose_db_version").Scan(&n).Error; err != nil || n == 0 {
		t.Fatalf("migrations recorded %d, %v", n, err)
	}

	// Only dead servers: a 503 the client may repeat, naming each server.
	cfg, _ := mysqldriver.ParseDSN(dsn)
	dead := *cfg
	dead.Net, dead.Addr = database.SequentialNet, closedAddr(t)+","+closedAddr(t)
	if _, err := database.Open(database.Options{Driver: database.MySQL, DSN: dead.FormatDSN()}); err == nil {
		t.Fatal("open with only dead servers succeeded")
	} else if !database.ConnectionLost(err) {
		t.Fatalf("open with only dead servers: %v, want a lost connection", err)
	}

	empty := *cfg
	empty.Net, empty.Addr = database.SequentialNet, " , "
	if _, err := database.Open(database.Options{Driver: database.MySQL, DSN: empty.FormatDSN()}); err == nil {
		t.Fatal("a sequential DSN without servers was accepted")
	}
}

// killOwnConnection makes the server kill tx's connection from another connection of db, as a
// server or node crash does from the client's point of view.
func killOwnConnection(t *testing.T, db, tx *gorm.DB) {
	t.Helper()
	var id int64
	if err := tx.Raw("SELECT CONNECTION_ID()").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(fmt.Sprintf("KILL CONNECTION %d", id)).Error; err != nil {
		t.Fatal(err)
	}
}

func TestTxRunsATransactionWhoseConnectionDiedAgainAndNeverGuessesACommit(t *testing.T) {
	dsn := testutil.MySQLDatabase(t)
	db, err := database.Open(database.Options{Driver: database.MySQL, DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	ctx := context.Background()
	testutil.MustExec(t, db, "CREATE TABLE conn_probe (id INT NOT NULL PRIMARY KEY, attempt INT NOT NULL)")
	var log retryLog
	if err := database.ObserveRetries(db, log.observe); err != nil {
		t.Fatal(err)
	}

	// The connection dies in the middle of the transaction: nothing of that attempt is
	// saved, and the next attempt (on a fresh connection) is.
	attempts := 0
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		attempts++
		if err := tx.Exec("INSERT INTO conn_probe (id, attempt) VALUES (1, ?)", attempts).Error; err != nil {
			return err
		}
		if attempts == 1 {
			killOwnConnection(t, db, tx)
			return tx.Exec("INSERT INTO conn_probe (id, attempt) VALUES (2, 1)").Error
		}
		return nil
	})
	if err != nil || attempts != 2 {
		t.Fatalf("err %v after %d attempts, want success on the 2nd", err, attempts)
	}
	var rows []struct{ ID, Attempt int }
	if err := db.Raw("SELECT id, attempt FROM conn_probe ORDER BY id").Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].ID != 1 || rows[0].Attempt != 2 {
		t.Fatalf("rows %+v: want only the second attempt's row", rows)
	}
	if retried, gaveUp := log.retried(); retried != 1 || gaveUp != 0 {
		t.Fatalf("observed %d retries and %d give-ups, want 1 and 0", retried, gaveUp)
	}

	// The connection dies after the last statement, so COMMIT is what fails: the outcome is
	// unknown to the client in general (here it is known to be nothing), so Tx must not run
	// it again but answer a 503 commit_unknown.
	attempts = 0
	err = database.Tx(ctx, db, func(tx *gorm.DB) error {
		attempts++
		if err := tx.Exec("INSERT INTO conn_probe (id, attempt) VALUES (3, ?)", attempts).Error; err != nil {
			return err
		}
		killOwnConnection(t, db, tx)
		return nil
	})
	var ae *apperr.Error
	if attempts != 1 || !errors.As(err, &ae) || ae.Code != "commit_unknown" {
		t.Fatalf("err %v after %d attempts, want commit_unknown after 1", err, attempts)
	}
	if status, body := httpx.StatusOf(err); status != 503 || body.Error.Code != "commit_unknown" {
		t.Fatalf("answered %d %s, want 503 commit_unknown", status, body.Error.Code)
	}
	if !database.ConnectionLost(err) {
		t.Fatalf("the 503 lost its cause: %v", err)
	}
	var n int
	if err := db.Raw("SELECT COUNT(*) FROM conn_probe WHERE id = 3").Scan(&n).Error; err != nil || n != 0 {
		t.Fatalf("the killed transaction's row: %d, %v", n, err)
	}
}

func TestAStatementWhoseConnectionDiedIsA503(t *testing.T) {
	dsn := testutil.MySQLDatabase(t)
	admin, err := database.Open(database.Options{Driver: database.MySQL, DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(admin)
	db, err := database.Open(database.Options{Driver: database.MySQL, DSN: dsn, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	var id int64
	if err := db.Raw("SELECT CONNECTION_ID()").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	// A statement running when its connection is killed: the client cannot know what it did.
	errc := make(chan error, 1)
	go func() { errc <- db.Exec("SELECT SLEEP(5)").Error }()
	deadline := time.Now().Add(3 * time.Second)
	for running := 0; running == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the statement never ran")
		}
		if err := admin.Raw("SELECT COUNT(*) FROM information_schema.processlist WHERE id = ? AND info LIKE 'SELECT SLEEP%'", id).Scan(&running).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := admin.Exec(fmt.Sprintf("KILL CONNECTION %d", id)).Error; err != nil {
		t.Fatal(err)
	}
	err = <-errc
	if status, body := httpx.StatusOf(err); status != 503 || body.Error.Code != "database_unavailable" {
		t.Fatalf("a statement whose connection was killed answered %d %s (%v), want 503 database_unavailable", status, body.Error.Code, err)
	}
	// The pool recovers by itself: the next statement gets a fresh connection.
	var one int
	if err := db.Raw("SELECT 1").Scan(&one).Error; err != nil || one != 1 {
		t.Fatalf("after the kill: %d, %v", one, err)
	}
}
