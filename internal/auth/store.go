package auth

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/database"
)

type sessionRow struct {
	ID           string `gorm:"primaryKey"`
	UserID       int64
	CSRFToken    string `gorm:"column:csrf_token"`
	IP           string `gorm:"column:ip"`
	UserAgent    string
	CreatedAt    time.Time
	LastSeenAt   time.Time
	ExpiresAt    time.Time
	MaxExpiresAt time.Time
	RevokedAt    *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

type loginAttemptRow struct {
	ID        int64 `gorm:"primaryKey"`
	Username  string
	IP        string `gorm:"column:ip"`
	Succeeded bool
	CreatedAt time.Time
}

func (loginAttemptRow) TableName() string { return "login_attempts" }

// throttleRow is one login throttling count (see migrations 00015).
type throttleRow struct {
	Scope    string `gorm:"primaryKey"`
	Subject  string `gorm:"primaryKey"`
	Failures int
	LastAt   time.Time
}

func (throttleRow) TableName() string { return "login_throttles" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&sessionRow{}, &loginAttemptRow{}, &throttleRow{}} }

// Sessions owns the sessions table. It is separate from Service so the organisation module
// can revoke sessions without depending on sign-in.
type Sessions struct {
	db  *gorm.DB
	now func() time.Time
}

// NewSessions returns the session store.
func NewSessions(db *gorm.DB, now func() time.Time) *Sessions { return &Sessions{db: db, now: now} }

// findWithCallerSQL reads a session with its user, their departments and their store in one
// statement (one row per department): authenticating a request costs this one query, and
// the sliding-expiry update at most once a minute. The organisation module writes the part
// that reads its tables.
var findWithCallerSQL = func() string {
	columns, joins := org.CallerSQL("s.user_id")
	return "SELECT s.csrf_token, s.last_seen_at, s.expires_at, s.max_expires_at, s.revoked_at, " +
		columns + " FROM sessions s" + joins + " WHERE s.id = ?"
}()

// findWithCaller answers the session and its caller's rows; no rows when there is no such
// session (or its user is gone).
func (s *Sessions) findWithCaller(ctx context.Context, id string) (sessionRow, []org.CallerRow, error) {
	rows, err := s.db.WithContext(ctx).Raw(findWithCallerSQL, id).Rows()
	if err != nil {
		return sessionRow{}, nil, err
	}
	r := sessionRow{ID: id}
	callers, err := org.ScanCallers(rows, &r.CSRFToken, &r.LastSeenAt, &r.ExpiresAt, &r.MaxExpiresAt, &r.RevokedAt)
	if len(callers) > 0 {
		r.UserID = callers[0].ID
	}
	return r, callers, err
}

// RevokeUserSessions ends every live session of a user except one, inside tx.
func (s *Sessions) RevokeUserSessions(ctx context.Context, tx *gorm.DB, userID int64, exceptSessionID string) error {
	q := tx.WithContext(ctx).Model(&sessionRow{}).Where("user_id = ? AND revoked_at IS NULL", userID)
	if exceptSessionID != "" {
		q = q.Where("id <> ?", exceptSessionID)
	}
	return q.Update("revoked_at", s.now()).Error
}

func (s *Sessions) create(ctx context.Context, r *sessionRow) error {
	return s.db.WithContext(ctx).Create(r).Error
}

// touch slides the session's expiry unless another request already has since before. The
// same session's requests can reach several replicas at once, on several Galera nodes: their
// touches then conflict, and the one that loses certification is run again by Tx, where its
// condition finds the work done.
func (s *Sessions) touch(ctx context.Context, id string, seen, expires time.Time) error {
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		return tx.Model(&sessionRow{}).Where("id = ? AND last_seen_at < ?", id, seen).
			Updates(map[string]any{"last_seen_at": seen, "expires_at": expires}).Error
	})
}

func (s *Sessions) revoke(ctx context.Context, id string) error {
	return s.db.WithContext(ctx).Model(&sessionRow{}).Where("id = ? AND revoked_at IS NULL", id).
		Update("revoked_at", s.now()).Error
}

// sweep deletes sessions that ended and login attempts older than keep.
func (s *Sessions) sweep(ctx context.Context, keep time.Duration) (int64, error) {
	now := s.now()
	res := s.db.WithContext(ctx).Where("expires_at < ? OR revoked_at < ?", now, now.Add(-keep)).Delete(&sessionRow{})
	if res.Error != nil {
		return 0, res.Error
	}
	n := res.RowsAffected
	res = s.db.WithContext(ctx).Where("created_at < ?", now.Add(-keep)).Delete(&loginAttemptRow{})
	if res.Error != nil {
		return 0, res.Error
	}
	n += res.RowsAffected
	res = s.db.WithContext(ctx).Where("last_at < ?", now.Add(-keep)).Delete(&throttleRow{})
	return n + res.RowsAffected, res.Error
}

func (s *Sessions) recordAttempt(ctx context.Context, username, ip string, ok bool) error {
	return s.db.WithContext(ctx).Create(&loginAttemptRow{Username: username, IP: ip,
		Succeeded: ok, CreatedAt: s.now()}).Error
}

// throttleKeys are the counters one attempt touches, in the order they are locked.
type throttleKeys [3]throttleRow

func keysOf(username, ip string) throttleKeys {
	return throttleKeys{{Scope: "ip", Subject: ip}, {Scope: "pair", Subject: ip + " " + username},
		{Scope: "user", Subject: username}}
}

// admit decides in one transaction whether an attempt may have its password checked: it
// holds the attempt's counters (created when missing), asks l.Wait with their values, and
// when the answer is zero counts the attempt as a failure at once, before the password is
// checked, so parallel attempts are counted one by one (a success takes it back, see
// succeeded). The counters really change when an attempt is admitted, which a Galera
// cluster certifies.
func (s *Sessions) admit(ctx context.Context, k throttleKeys, l Limits, now time.Time) (time.Duration, error) {
	var w time.Duration
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		rows, err := lockThrottles(ctx, tx, k, now)
		if err != nil {
			return err
		}
		ip, pair, user := counterOf(rows[0]), counterOf(rows[1]), counterOf(rows[2])
		if w = l.Wait(user, ip, pair, now); w > 0 {
			return nil
		}
		for i := range rows {
			c := l.Current(counterOf(rows[i]), now)
			rows[i].Failures, rows[i].LastAt = c.Failures+1, now
		}
		return saveThrottles(ctx, tx, rows)
	})
	return w, err
}

// succeeded takes back the failure admit counted for an attempt whose password was right:
// the username and the address with it start again from zero, the address keeps its other
// failures (signing in to one's own account does not unlock guessing at others).
func (s *Sessions) succeeded(ctx context.Context, k throttleKeys, now time.Time) error {
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		rows, err := lockThrottles(ctx, tx, k, now)
		if err != nil {
			return err
		}
		rows[0].Failures = max(rows[0].Failures-1, 0)
		rows[1].Failures, rows[2].Failures = 0, 0
		return saveThrottles(ctx, tx, rows)
	})
}

// lockThrottles creates the missing counters of k and locks all three until tx ends (the
// insert takes the row locks on MySQL and the write lock on SQLite), answering them in k's
// order.
func lockThrottles(ctx context.Context, tx *gorm.DB, k throttleKeys, now time.Time) (throttleKeys, error) {
	q := "INSERT INTO login_throttles (scope, subject, failures, last_at) VALUES (?, ?, 0, ?), (?, ?, 0, ?), (?, ?, 0, ?) " +
		"ON CONFLICT (scope, subject) DO UPDATE SET failures = login_throttles.failures"
	if database.Dialect(tx) == database.MySQL {
		q = "INSERT INTO login_throttles (scope, subject, failures, last_at) VALUES (?, ?, 0, ?), (?, ?, 0, ?), (?, ?, 0, ?) " +
			"ON DUPLICATE KEY UPDATE failures = failures"
	}
	args := make([]any, 0, 9)
	for _, r := range k {
		args = append(args, r.Scope, r.Subject, now)
	}
	if err := tx.WithContext(ctx).Exec(q, args...).Error; err != nil {
		return k, err
	}
	var rows []throttleRow
	err := tx.WithContext(ctx).Where("(scope = ? AND subject = ?) OR (scope = ? AND subject = ?) OR (scope = ? AND subject = ?)",
		k[0].Scope, k[0].Subject, k[1].Scope, k[1].Subject, k[2].Scope, k[2].Subject).Find(&rows).Error
	if err != nil {
		return k, err
	}
	out := k
	for _, r := range rows {
		for i := range out {
			if r.Scope == out[i].Scope && r.Subject == out[i].Subject {
				out[i] = r
			}
		}
	}
	return out, nil
}

func saveThrottles(ctx context.Context, tx *gorm.DB, rows throttleKeys) error {
	for _, r := range rows {
		err := tx.WithContext(ctx).Model(&throttleRow{}).Where("scope = ? AND subject = ?", r.Scope, r.Subject).
			Updates(map[string]any{"failures": r.Failures, "last_at": r.LastAt}).Error
		if err != nil {
			return err
		}
	}
	return nil
}

func counterOf(r throttleRow) Counter { return Counter{Failures: r.Failures, LastAt: r.LastAt} }
