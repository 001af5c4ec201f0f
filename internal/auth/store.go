package auth

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
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

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&sessionRow{}, &loginAttemptRow{}} }

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

func (s *Sessions) touch(ctx context.Context, id string, seen, expires time.Time) error {
	return s.db.WithContext(ctx).Model(&sessionRow{}).Where("id = ?", id).
		Updates(map[string]any{"last_seen_at": seen, "expires_at": expires}).Error
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
	return n + res.RowsAffected, res.Error
}

func (s *Sessions) recordAttempt(ctx context.Context, username, ip string, ok bool) error {
	return s.db.WithContext(ctx).Create(&loginAttemptRow{Username: username, IP: ip,
		Succeeded: ok, CreatedAt: s.now()}).Error
}

// failures counts failed attempts within the window; for usernames only those since the
// user's last successful sign-in (an address's count is never reset by a success, so signing
// in to one's own account does not unlock guessing at others).
func (s *Sessions) failures(ctx context.Context, column, value string, since time.Time, resetOnSuccess bool) (int64, error) {
	if resetOnSuccess {
		var last loginAttemptRow
		err := s.db.WithContext(ctx).Where(column+" = ? AND succeeded = ? AND created_at >= ?", value, true, since).
			Order("created_at DESC").Limit(1).Find(&last).Error
		if err != nil {
			return 0, err
		}
		if last.ID != 0 {
			since = last.CreatedAt
		}
	}
	var n int64
	err := s.db.WithContext(ctx).Model(&loginAttemptRow{}).
		Where(column+" = ? AND succeeded = ? AND created_at >= ?", value, false, since).Count(&n).Error
	return n, err
}
