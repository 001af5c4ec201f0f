package database

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/ncruces/go-sqlite3"
)

// sqliteTimeFormat is how time.Time values are written to and read from SQLite: the layout the
// glebarez driver (StoreOps' first SQLite driver) wrote, so that files written before and after
// the change hold one format. StoreOps stores UTC only, so every timestamp ends in "+00:00" and
// comparing them as text (created_at >= ?) is chronological: a whole second sorts before its
// fractions because '+' sorts before '.'.
const sqliteTimeFormat = "2006-01-02 15:04:05.999999999-07:00"

// sqlitePragmas are run on every new connection: a busy timeout instead of an instant
// "database is locked" (first, as it must precede the others), WAL for readers that never
// block the writer, enforced foreign keys, and NORMAL synchronisation, which is safe in WAL.
var sqlitePragmas = []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"}

// sqliteDSN turns STOREOPS_DB_DSN into the file: URI the driver takes its settings from (it
// reads pragmas only from a file: URI: given a plain path with a query it would create a file
// named after the whole text and skip WAL). It accepts a plain file path (data/storeops.db),
// the previous driver's path?_pragma=… form, or a file: URI; settings the caller gave win, the
// defaults above fill in the rest, with write transactions that take the lock up front
// (_txlock=immediate: no deadlocked lock upgrades). The file's directory is created.
func sqliteDSN(dsn string) (string, error) {
	path, query, _ := strings.Cut(dsn, "?")
	params, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("database: STOREOPS_DB_DSN: %w", err)
	}
	var file string
	if rest, ok := strings.CutPrefix(path, "file:"); ok {
		if file, err = uriFile(rest); err != nil {
			return "", fmt.Errorf("database: STOREOPS_DB_DSN: %w", err)
		}
	} else {
		file, path = path, "file:"+escapeURIPath(path)
	}
	if file == "" {
		return "", errors.New("database: STOREOPS_DB_DSN names no SQLite file")
	}
	if file != ":memory:" && params.Get("mode") != "memory" {
		if dir := filepath.Dir(file); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return "", fmt.Errorf("database: create %s: %w", dir, err)
			}
		}
	}
	params["_pragma"] = mergePragmas(params["_pragma"])
	if params.Get("_txlock") == "" {
		params.Set("_txlock", "immediate")
	}
	if params.Get("_timefmt") == "" {
		params.Set("_timefmt", sqliteTimeFormat)
	}
	return path + "?" + params.Encode(), nil
}

// mergePragmas puts the defaults first, each replaced by the caller's pragma of the same
// name, followed by the caller's other pragmas.
func mergePragmas(given []string) []string {
	name := func(p string) string {
		n, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(p)), "(")
		n, _, _ = strings.Cut(n, "=")
		return strings.TrimSpace(n)
	}
	out := make([]string, 0, len(sqlitePragmas)+len(given))
	used := make([]bool, len(given))
	for _, d := range sqlitePragmas {
		chosen := d
		for i, g := range given {
			if !used[i] && name(g) == name(d) {
				chosen, used[i] = g, true
			}
		}
		out = append(out, chosen)
	}
	for i, g := range given {
		if !used[i] {
			out = append(out, g)
		}
	}
	return out
}

// uriFile returns the file a file: URI's path names: without the authority of file:///x and
// with %-escapes decoded.
func uriFile(p string) (string, error) {
	if rest, ok := strings.CutPrefix(p, "//"); ok {
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			return "", errors.New("file: URI without a path")
		}
		p = rest[i:]
	}
	return url.PathUnescape(p)
}

// escapeURIPath escapes a file path for a file: URI: everything but unreserved characters,
// slashes and colons (file::memory:), so that '?', '#', '%' and spaces in a path are taken literally.
func escapeURIPath(p string) string {
	var sb strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/', c == ':':
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "%%%02X", c)
		}
	}
	return sb.String()
}

// sqliteBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY and its
// extended codes): another connection held the write lock past the busy timeout, or a
// read snapshot went stale; the transaction may succeed if run again.
func sqliteBusy(err error) bool { return errors.Is(err, sqlite3.BUSY) }

// sqliteUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func sqliteUnique(err error) bool {
	return errors.Is(err, sqlite3.CONSTRAINT_UNIQUE) || errors.Is(err, sqlite3.CONSTRAINT_PRIMARYKEY)
}
