package database

import (
	"context"
	"errors"
	"fmt"
	"strings"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Bulk writes many rows with multi-row INSERT statements of about 1000 rows (MySQL:
// PERFORMANCE-NOTES.md; SQLite: sqlite_bench_test.go; the previous SQLite driver bound
// parameters with a linear search and wanted 100-row statements).
type Bulk struct {
	Table   string
	Columns []string
	// Upsert names the key columns; when set, a row whose key exists replaces the columns
	// listed in Update.
	Upsert []string
	Update []string
	// Increment adds the new values to the stored ones instead of replacing them (rollups).
	Increment bool
}

// batchRows is how many rows one statement carries: 1000 on both databases
// (sqlite_bench_test.go: on SQLite 1000-row statements upsert 1.1 to 1.6 times faster than
// 100-row ones), fewer for wide rows, within each database's limit of placeholders per
// statement (MySQL 65535, SQLite 32766).
func batchRows(dialect string, columns int) int {
	params := 60000
	if dialect == SQLite {
		params = 32766
	}
	return max(1, min(1000, params/columns))
}

// Insert writes n rows; row(i, args) appends the i-th row's values, one per column.
func (b Bulk) Insert(ctx context.Context, tx *gorm.DB, n int, row func(i int, args []any) []any) error {
	if n == 0 {
		return nil
	}
	if n >= loadDataMinRows && onGalera(tx) {
		reset, err := streamLargeWrite(ctx, tx, n)
		if err != nil {
			return err
		}
		defer reset()
	}
	if b.loadable(tx, n) {
		err := b.loadData(ctx, tx, n, row)
		if !loadDataRefused(err) {
			return translate(err)
		}
		// The server refuses LOAD DATA LOCAL (MySQL 8's default): nothing was written, and
		// the transaction goes on with statements.
	}
	return b.insert(ctx, tx, n, row, batchRows(Dialect(tx), len(b.Columns)))
}

// insert writes n rows with multi-row statements of per rows each.
func (b Bulk) insert(ctx context.Context, tx *gorm.DB, n int, row func(i int, args []any) []any, per int) error {
	dialect := Dialect(tx)
	args := make([]any, 0, per*len(b.Columns))
	var full string
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		q := full
		if end-start != per || q == "" {
			q = b.statement(dialect, end-start)
			if end-start == per {
				full = q
			}
		}
		// Straight to the connection: GORM's statement builder would walk thousands of
		// placeholders per statement for nothing. On SQLite past GORM's statement cache too:
		// preparing a statement there costs more than SQLite's own parse of it.
		pool := tx.Statement.ConnPool
		if ps, ok := pool.(*gorm.PreparedStmtTX); ok && dialect == SQLite {
			pool = ps.Tx
		}
		if _, err := pool.ExecContext(ctx, q, args...); err != nil {
			return translate(err)
		}
	}
	return nil
}

func (b Bulk) statement(dialect string, rows int) string {
	var sb strings.Builder
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(b.Columns)), ",") + ")"
	sb.Grow(64 + rows*(len(tuple)+1))
	sb.WriteString("INSERT INTO ")
	sb.WriteString(b.Table)
	sb.WriteString(" (")
	sb.WriteString(strings.Join(b.Columns, ", "))
	sb.WriteString(") VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(tuple)
	}
	if len(b.Upsert) > 0 {
		sets := make([]string, len(b.Update))
		if dialect == MySQL {
			for i, c := range b.Update {
				sets[i] = c + " = VALUES(" + c + ")"
				if b.Increment {
					sets[i] = c + " = " + c + " + VALUES(" + c + ")"
				}
			}
			sb.WriteString(" ON DUPLICATE KEY UPDATE ")
		} else {
			for i, c := range b.Update {
				sets[i] = c + " = excluded." + c
				if b.Increment {
					sets[i] = c + " = " + b.Table + "." + c + " + excluded." + c
				}
			}
			sb.WriteString(" ON CONFLICT (" + strings.Join(b.Upsert, ", ") + ") DO UPDATE SET ")
		}
		sb.WriteString(strings.Join(sets, ", "))
	}
	return sb.String()
}

// translate gives raw driver errors the sentinel meaning GORM's TranslateError would.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if writeSetTooLarge(err) {
		return writeSetError(err)
	}
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) && me.Number == 1062 {
		return fmt.Errorf("%w: %v", gorm.ErrDuplicatedKey, err)
	}
	if sqliteUnique(err) {
		return fmt.Errorf("%w: %v", gorm.ErrDuplicatedKey, err)
	}
	return err
}

// streamFragmentBytes is the size of the fragments a large bulk write replicates in on a
// Galera cluster (at most half the cluster's wsrep_max_ws_size).
const streamFragmentBytes = 1 << 20

// streamLargeWrite prepares tx, on a Galera node (see Open), for a bulk write of n rows. A transaction
// is one write-set, certified and applied whole on every node: a large import would exceed
// wsrep_max_ws_size (refused at COMMIT, having saved nothing) and stall the cluster while it
// replicates. So the rest of the transaction replicates in fragments of streamFragmentBytes
// (Galera's streaming replication, still one atomic transaction); the returned reset turns
// that off again for the connection's next user. wsrep_max_ws_rows counts the whole
// transaction even when streamed: n rows above it are refused at once with ErrTooLarge,
// before anything is written.
func streamLargeWrite(ctx context.Context, tx *gorm.DB, n int) (reset func(), err error) {
	conn := tx.Statement.ConnPool
	if p, ok := conn.(*gorm.PreparedStmtTX); ok {
		conn = p.Tx
	}
	nothing := func() {}
	var maxRows, maxBytes int64
	if err := conn.QueryRowContext(ctx, "SELECT @@wsrep_max_ws_rows, @@wsrep_max_ws_size").Scan(&maxRows, &maxBytes); err != nil {
		return nothing, err
	}
	if maxRows > 0 && int64(n) > maxRows {
		return nothing, apperr.New(apperr.ErrTooLarge, "too_many_rows", fmt.Sprintf(
			"%d rows are more than the database cluster writes in one transaction (wsrep_max_ws_rows = %d): split the file", n, maxRows))
	}
	fragment := int64(streamFragmentBytes)
	if maxBytes > 0 {
		fragment = max(1024, min(fragment, maxBytes/2))
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(
		"SET SESSION wsrep_trx_fragment_unit = 'bytes', wsrep_trx_fragment_size = %d", fragment)); err != nil {
		return nothing, err
	}
	return func() {
		// On the connection, whatever happened to the transaction; a broken connection is
		// discarded by the pool anyway.
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SET SESSION wsrep_trx_fragment_size = 0")
	}, nil
}

// writeSetTooLarge reports whether err is a Galera node refusing a transaction larger than
// wsrep_max_ws_rows (on the statement that crosses it) or wsrep_max_ws_size (at COMMIT).
func writeSetTooLarge(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "wsrep_max_ws_rows exceeded") || strings.Contains(msg, "Maximum writeset size exceeded")
}

func writeSetError(err error) error {
	return apperr.New(apperr.ErrTooLarge, "transaction_too_large",
		"the change is larger than the database cluster takes in one transaction ("+err.Error()+"): split it")
}
