package database

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
)

// loadDataMinRows is where MySQL's LOAD DATA LOCAL INFILE starts to beat multi-row INSERTs
// (about 2.5× faster for large batches, PERFORMANCE-NOTES.md).
const loadDataMinRows = 2000

var loadDataSeq atomic.Int64

// loadable reports whether b can be written with LOAD DATA: plain inserts, or upserts that
// replace every non-key column (then REPLACE is the same as INSERT … ON DUPLICATE KEY UPDATE).
func (b Bulk) loadable(tx *gorm.DB, n int) bool {
	if n < loadDataMinRows || Dialect(tx) != MySQL || b.Increment {
		return false
	}
	if len(b.Upsert) == 0 {
		return true
	}
	for _, c := range b.Columns {
		if !slices.Contains(b.Upsert, c) && !slices.Contains(b.Update, c) {
			return false
		}
	}
	return true
}

// loadData streams the rows as tab-separated text into LOAD DATA LOCAL INFILE, inside tx.
func (b Bulk) loadData(ctx context.Context, tx *gorm.DB, n int, row func(i int, args []any) []any) error {
	name := "storeops-bulk-" + strconv.FormatInt(loadDataSeq.Add(1), 10)
	pr, pw := io.Pipe()
	mysqldriver.RegisterReaderHandler(name, func() io.Reader { return pr })
	defer mysqldriver.DeregisterReaderHandler(name)
	go func() {
		buf := make([]byte, 0, 64<<10)
		args := make([]any, 0, len(b.Columns))
		var err error
		for i := 0; i < n && err == nil; i++ {
			args = row(i, args[:0])
			for j, a := range args {
				if j > 0 {
					buf = append(buf, '\t')
				}
				if buf, err = appendField(buf, a); err != nil {
					break
				}
			}
			buf = append(buf, '\n')
			if len(buf) > 60<<10 {
				_, werr := pw.Write(buf)
				err = cmpErr(err, werr)
				buf = buf[:0]
			}
		}
		if err == nil {
			_, err = pw.Write(buf)
		}
		pw.CloseWithError(err)
	}()
	verb := "INTO"
	if len(b.Upsert) > 0 {
		verb = "REPLACE INTO"
	}
	q := fmt.Sprintf("LOAD DATA LOCAL INFILE 'Reader::%s' %s TABLE %s CHARACTER SET utf8mb4 "+
		"FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (%s)",
		name, verb, b.Table, strings.Join(b.Columns, ", "))
	// LOAD DATA cannot be prepared: use the transaction under GORM's statement cache.
	conn := tx.Statement.ConnPool
	if p, ok := conn.(*gorm.PreparedStmtTX); ok {
		conn = p.Tx
	}
	_, err := conn.ExecContext(ctx, q)
	_ = pr.CloseWithError(io.ErrClosedPipe) // unblock the writer if the server stopped reading
	return err
}

// loadDataRefused reports whether err is a server (or client) refusing LOAD DATA LOCAL
// INFILE: MySQL 8 with local_infile off (3948), MariaDB with it off (4166), older servers
// (1148).
func loadDataRefused(err error) bool {
	var me *mysqldriver.MySQLError
	if !errors.As(err, &me) {
		return false
	}
	switch me.Number {
	case 1148, 3948, 4166:
		return true
	}
	return false
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// appendField renders one value in LOAD DATA's text format (\N for NULL, escaped specials).
func appendField(buf []byte, v any) ([]byte, error) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(buf, `\N`...), nil // a typed nil (*civil.Date) is NULL, as database/sql writes it
	}
	if vv, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vv.Value(); err != nil {
			return buf, err
		}
	}
	switch x := v.(type) {
	case nil:
		return append(buf, `\N`...), nil
	case *int64:
		if x == nil {
			return append(buf, `\N`...), nil
		}
		return strconv.AppendInt(buf, *x, 10), nil
	case *string:
		if x == nil {
			return append(buf, `\N`...), nil
		}
		return appendEscaped(buf, *x), nil
	case int64:
		return strconv.AppendInt(buf, x, 10), nil
	case int:
		return strconv.AppendInt(buf, int64(x), 10), nil
	case bool:
		if x {
			return append(buf, '1'), nil
		}
		return append(buf, '0'), nil
	case string:
		return appendEscaped(buf, x), nil
	case time.Time:
		return x.UTC().AppendFormat(buf, "2006-01-02 15:04:05.999999"), nil
	}
	return buf, fmt.Errorf("database: LOAD DATA cannot write %T", v)
}

func appendEscaped(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			buf = append(buf, '\\', '\\')
		case '\t':
			buf = append(buf, '\\', 't')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case 0:
			buf = append(buf, '\\', '0')
		default:
			buf = append(buf, c)
		}
	}
	return buf
}
