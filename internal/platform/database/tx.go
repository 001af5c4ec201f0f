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
// SQLite database, or ErrRetry. So is one whose connection broke before COMMIT (the server or
// its Galera node died, and the transaction with the connection). fn must therefore be safe to
// run again: it derives everything from tx and its arguments, and sets variables outside
// itself only by assignment, never by adding to them.
//
// What the client may do next is in the error, a 503 each time: busy (still losing after
// MaxAttempts; nothing saved), database_unavailable (no server reachable; nothing saved) and
// commit_unknown (the connection broke during COMMIT: the change may be saved, so Tx does not
// run it again; a client that repeats it with its Idempotency-Key is safe). The cause is kept
// for errors.Is.
//
// Only the outermost Tx retries. Called with a db that is already a transaction, Tx runs fn
// once (under a savepoint) and returns its error: after a deadlock or a failed certification
// the server has rolled back the whole transaction, savepoints included, so running fn again
// there would write outside any transaction; the outer Tx runs everything again instead.
//
// ObserveRetries lets the caller count the attempts lost.
func Tx(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB) error) error {
	if inTransaction(db) {
		return db.WithContext(ctx).Transaction(fn)
	}
	observe := retryObserverOf(db)
	galera := onGalera(db)
	var err error
	for attempt := 1; ; attempt++ {
		committing := false // fn succeeded: what fails now is the COMMIT
		err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if !galera {
				err := fn(tx)
				committing = err == nil
				return err
			}
			if err := guardBegin(ctx, tx); err != nil {
				return err
			}
			return guardEnd(ctx, tx, fn(tx), &committing)
		}, txOptions(db)...)
		if writeSetTooLarge(err) { // at COMMIT, on a Galera node: a 413 rather than a 500
			return writeSetError(err)
		}
		if err == nil {
			return nil
		}
		lost := ConnectionLost(err)
		if lost && committing {
			// The COMMIT was sent, or was about to be: whether it took is unknown.
			return commitUnknown(err)
		}
		if !lost && !Retryable(err) {
			return err
		}
		// A lost race, or a connection lost before COMMIT: the server rolled the transaction
		// back with the connection, and the next attempt runs on a fresh one (on a DSN listing
		// several servers, the next ready one).
		again := attempt < MaxAttempts && ctx.Err() == nil
		if !again && ctx.Err() == nil {
			// Given up: a 503 the client may repeat, not a 500.
			if lost {
				err = unavailable(err)
			} else {
				err = busy(err)
			}
		}
		if observe != nil {
			observe(RetryEvent{Attempt: attempt, Err: err, Retried: again})
		}
		if !again {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(retryPause(attempt)):
		}
	}
}

// retryPause is the wait before attempt+1: growing with the attempts, jittered so that the
// transactions that collided do not collide again in step (5–25 ms, then 10–50 ms, …).
func retryPause(attempt int) time.Duration {
	return time.Duration(attempt) * (5*time.Millisecond + rand.N(20*time.Millisecond))
}

// inTransaction reports whether db is a transaction (Tx called inside another Tx).
func inTransaction(db *gorm.DB) bool {
	c, ok := db.Statement.ConnPool.(gorm.TxCommitter)
	return ok && c != nil
}

// Retryable reports whether err means the transaction lost a race and may succeed if run
// again: a deadlock or Galera certification failure (1213, "Deadlock found when trying to get
// lock; try restarting transaction", or "WSREP detected deadlock/conflict and aborted the
// transaction. Try restarting the transaction"), TiDB's write conflict (9007), a busy SQLite
// database, or ErrRetry.
func Retryable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrRetry) {
		return true
	}
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		// 9007: TiDB's write conflict of an optimistic transaction, at COMMIT.
		return me.Number == 1213 || me.Number == 9007
	}
	// Errors that lost their type on the way (wrapped as text) are known by their words.
	msg := err.Error()
	return sqliteBusy(err) || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "Error 1213") || strings.Contains(msg, "Deadlock found") ||
		strings.Contains(msg, "WSREP detected deadlock/conflict")
}

// RetryEvent is one attempt of a Tx lost to a race: which attempt it was, the error, and
// whether Tx runs the transaction again (false: it gave up after MaxAttempts, or the context
// ended, and returns Err).
type RetryEvent struct {
	Attempt int
	Err     error
	Retried bool
}

const retryObserverName = "storeops:tx-retries"

type retryObserver struct{ fn func(RetryEvent) }

func (retryObserver) Name() string                 { return retryObserverName }
func (retryObserver) Initialize(db *gorm.DB) error { return nil }

// ObserveRetries makes every Tx on db, and on the sessions and transactions made from it, call
// fn after each attempt lost to a race or a broken connection (fn must be safe for concurrent
// use). Observers add up: each is called, in the order they were added. Add them before the
// pool is shared between goroutines.
func ObserveRetries(db *gorm.DB, fn func(RetryEvent)) error {
	if prev := retryObserverOf(db); prev != nil {
		db.Config.Plugins[retryObserverName] = retryObserver{fn: func(e RetryEvent) { prev(e); fn(e) }}
		return nil
	}
	return db.Use(retryObserver{fn: fn})
}

func retryObserverOf(db *gorm.DB) func(RetryEvent) {
	if p, ok := db.Config.Plugins[retryObserverName].(retryObserver); ok {
		return p.fn
	}
	return nil
}

var readCommitted = &sql.TxOptions{Isolation: sql.LevelReadCommitted}

func txOptions(db *gorm.DB) []*sql.TxOptions {
	if Dialect(db) == MySQL {
		return []*sql.TxOptions{readCommitted}
	}
	return nil
}
