package database

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
)

// MaxAttempts bounds how often Tx runs a transaction that keeps losing to others.
const MaxAttempts = 4

// ErrRetry asks Tx to run the transaction again from the start: a use case returns it (wrapped)
// when it lost a race that a fresh attempt resolves, such as two requests claiming the same
// Idempotency-Key at once.
var ErrRetry = errors.New("database: transaction should be retried")

// Tx runs fn in one transaction: committed when fn returns nil, rolled back otherwise.
//
// On MySQL the transaction reads at READ COMMITTED: every statement sees what committed
// before it, whatever the transaction read earlier, and reads take no gap locks. Use cases
// serialise what must be serialised with explicit locks (a store's stock lock), so a read
// after taking one sees every change made under it before; without gap locks, two stores'
// first movements of a product never block each other. SQLite runs one writer at a time.
//
// A transaction that loses to another one is run again whole, up to MaxAttempts times with a
// short jittered pause: a deadlock (MySQL error 1213), which on a Galera cluster is also how a
// failed certification surfaces (on any statement, or as a COMMIT that saved nothing), a busy
// SQLite database, or ErrRetry. fn must therefore be safe to run again: it derives everything
// from tx and its arguments, and sets variables outside itself only by assignment, never by
// adding to them.
func Tx(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	var err error
	for attempt := 1; ; attempt++ {
		err = db.WithContext(ctx).Transaction(fn, txOptions(db)...)
		if err == nil || attempt == MaxAttempts || !Retryable(err) || ctx.Err() != nil {
			return err
		}
		pause := time.Duration(attempt) * (5*time.Millisecond + rand.N(20*time.Millisecond))
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

// Retryable reports whether err means the transaction lost a race and may succeed if run
// again: a deadlock or Galera certification failure (1213), a busy SQLite database, or ErrRetry.
func Retryable(err error) bool {
	if errors.Is(err, ErrRetry) {
		return true
	}
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213
	}
	// Errors that lost their type on the way (wrapped as text) are known by their words.
	msg := err.Error()
	return sqliteBusy(err) || strings.Contains(msg, "database is locked") || strings.Contains(msg, "Deadlock found")
}

var readCommitted = &sql.TxOptions{Isolation: sql.LevelReadCommitted}

func txOptions(db *gorm.DB) []*sql.TxOptions {
	if Dialect(db) == MySQL {
		return []*sql.TxOptions{readCommitted}
	}
	return nil
}
