package database

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// On a Galera node a transaction can be aborted by a conflicting one applied from another
// node (a brute-force abort). The client is told with error 1213 on its next statement, but
// not always: the abort can surface as another error (a duplicate key, since the other node's
// rows are now there) or not at all, and with autocommit on, every statement after it then
// runs and commits on its own, outside any transaction: a retry would save those rows a
// second time (seen: a write-off saved twice while a node rejoined under load).
//
// So Tx guards each transaction on a Galera node: it turns autocommit off for the
// transaction, which makes statements after an abort open a new transaction instead of
// committing, and it inserts a marker row into a temporary table (per connection, never
// replicated). Before COMMIT the marker is deleted: one row deleted means the transaction is
// the one that began; none means it was aborted, and whatever ran after the abort is rolled
// back and the transaction run again whole. COMMIT and ROLLBACK are then sent here, and
// autocommit turned back on before the connection returns to the pool.

const aliveTable = "storeops_tx_alive"

// guardBegin is the first thing a guarded transaction does.
func guardBegin(ctx context.Context, tx *gorm.DB) error {
	conn := rawConn(tx)
	for _, q := range []string{
		"CREATE TEMPORARY TABLE IF NOT EXISTS " + aliveTable + " (id TINYINT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
		"SET SESSION autocommit = 0",
		"REPLACE INTO " + aliveTable + " (id) VALUES (1)",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			guardReset(ctx, conn)
			return err
		}
	}
	return nil
}

// guardEnd checks that the transaction was not aborted, then commits it when fn succeeded
// (setting *committing just before) or rolls it back, and turns autocommit on again. A
// transaction found aborted is ErrRetry: fnErr was then only a consequence of the abort.
func guardEnd(ctx context.Context, tx *gorm.DB, fnErr error, committing *bool) error {
	conn := rawConn(tx)
	defer guardReset(ctx, conn)
	if Retryable(fnErr) || ConnectionLost(fnErr) {
		return fnErr
	}
	res, err := conn.ExecContext(ctx, "DELETE FROM "+aliveTable)
	switch {
	case err != nil && (Retryable(err) || ConnectionLost(err)):
		return err
	case err != nil:
		if fnErr != nil {
			return fnErr
		}
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		if fnErr != nil {
			return fmt.Errorf("the cluster aborted the transaction (%v): %w", fnErr, ErrRetry)
		}
		return fmt.Errorf("the cluster aborted the transaction before COMMIT: %w", ErrRetry)
	}
	if fnErr != nil {
		return fnErr
	}
	*committing = true
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// guardReset rolls back what is still open (nothing after a COMMIT) and turns autocommit on
// again; with it on, the COMMIT or ROLLBACK that database/sql sends next finds nothing to do.
func guardReset(ctx context.Context, conn gorm.ConnPool) {
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	_, _ = conn.ExecContext(ctx, "SET SESSION autocommit = 1")
}

// rawConn is the transaction's connection under GORM's prepared-statement cache: the guard's
// statements are sent as they are.
func rawConn(tx *gorm.DB) gorm.ConnPool {
	conn := tx.Statement.ConnPool
	if p, ok := conn.(*gorm.PreparedStmtTX); ok {
		return p.Tx
	}
	return conn
}
