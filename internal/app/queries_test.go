package app_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/testutil"
)

// maxAuthStatements is what authenticating one request may cost: the session read with its
// caller, plus the sliding-expiry update at most once a minute.
const maxAuthStatements = 2

// statementLog records the SQL statements run through a GORM database, split into those
// run before the request had a principal (authentication) and those run after (the handler).
type statementLog struct {
	mu      sync.Mutex
	auth    []string
	handler []string
}

// watch registers callbacks after every kind of statement GORM runs on db.
func (l *statementLog) watch(tb testing.TB, db *gorm.DB) {
	tb.Helper()
	record := func(tx *gorm.DB) {
		sql := tx.Statement.SQL.String()
		if sql == "" {
			return
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		if authz.FromContext(tx.Statement.Context) == nil {
			l.auth = append(l.auth, sql)
		} else {
			l.handler = append(l.handler, sql)
		}
	}
	cb := db.Callback()
	errs := []error{
		cb.Query().After("gorm:query").Register("test:count_query", record),
		cb.Row().After("gorm:row").Register("test:count_row", record),
		cb.Raw().After("gorm:raw").Register("test:count_raw", record),
		cb.Create().After("gorm:create").Register("test:count_create", record),
		cb.Update().After("gorm:update").Register("test:count_update", record),
		cb.Delete().After("gorm:delete").Register("test:count_delete", record),
	}
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// reset forgets what was recorded so far.
func (l *statementLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.auth, l.handler = nil, nil
}

// counts answers how many statements authentication and the handler ran, and lists them.
func (l *statementLog) counts() (auth, handler int, listing string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	for _, q := range l.auth {
		fmt.Fprintf(&b, "\n  auth:    %.100s", q)
	}
	for _, q := range l.handler {
		fmt.Fprintf(&b, "\n  handler: %.100s", q)
	}
	return len(l.auth), len(l.handler), b.String()
}

// TestAuthenticatedReadStatementBudget counts the SQL statements of authenticated reads:
// authentication costs one (the session with its caller) and two when the sliding expiry is
// pushed, at most once a minute; GET /me answers from what authentication read.
func TestAuthenticatedReadStatementBudget(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		var log statementLog
		log.watch(t, env.DB)
		for _, user := range []string{"super1", "manager1", "admin", "hq1"} {
			c := env.Login(user)
			for _, tc := range []struct {
				name       string
				advance    time.Duration
				path       string
				wantAuth   int
				maxHandler int
			}{
				{"me right after sign-in", 0, "/api/v1/me", 1, 0},
				{"me when the expiry slides", 2 * time.Minute, "/api/v1/me", 2, 0},
				{"me again within the minute", 10 * time.Second, "/api/v1/me", 1, 0},
				// The catalogue's own statements are its business: only authentication is counted.
				{"products page", 0, "/api/v1/products?page_size=1", 1, -1},
			} {
				t.Run(user+"/"+tc.name, func(t *testing.T) {
					env.Clock.Advance(tc.advance)
					log.reset()
					res := c.Do("GET", tc.path, nil)
					if res.Status != 200 {
						t.Fatalf("%s: %d %s", tc.path, res.Status, res.Body)
					}
					auth, handler, listing := log.counts()
					if auth > maxAuthStatements || auth != tc.wantAuth {
						t.Errorf("authentication ran %d statements, want %d (at most %d):%s", auth, tc.wantAuth, maxAuthStatements, listing)
					}
					if tc.maxHandler >= 0 && handler > tc.maxHandler {
						t.Errorf("the handler ran %d statements, want at most %d:%s", handler, tc.maxHandler, listing)
					}
				})
			}
		}
	})
}
