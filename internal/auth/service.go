package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/password"
)

// Directory is what sign-in needs from the organisation module.
type Directory interface {
	CredentialsOf(ctx context.Context, username string) (org.Credentials, error)
	RecordLogin(ctx context.Context, userID int64, at time.Time) error
}

// Options are the session and throttling settings.
type Options struct {
	IdleTTL    time.Duration
	MaxTTL     time.Duration
	Limits     Limits
	Production bool
}

// Service signs users in and resolves sessions.
type Service struct {
	sessions *Sessions
	users    Directory
	hasher   *password.Hasher
	opts     Options
	now      func() time.Time
}

// NewService wires sign-in.
func NewService(sessions *Sessions, users Directory, hasher *password.Hasher, opts Options, now func() time.Time) *Service {
	return &Service{sessions: sessions, users: users, hasher: hasher, opts: opts, now: now}
}

// Session is a freshly issued session; Token is shown once and never stored.
type Session struct {
	Token     string
	CSRFToken string
	ExpiresAt time.Time
	MaxAge    time.Duration
	UserID    int64
}

// ErrThrottled carries how long to wait.
type ErrThrottled struct{ RetryAfter time.Duration }

func (e *ErrThrottled) Error() string {
	return fmt.Sprintf("too many failed sign-ins: try again in %d seconds", e.Seconds())
}

// Seconds is the wait in whole seconds, rounded up (Retry-After).
func (e *ErrThrottled) Seconds() int { return int((e.RetryAfter + time.Second - 1) / time.Second) }

// Unwrap makes the error a 429.
func (e *ErrThrottled) Unwrap() error { return apperr.ErrTooManyRequests }

var errBadCredentials = apperr.New(apperr.ErrUnauthenticated, "invalid_credentials", "wrong username or password")

// Login checks a username and password from ip and opens a session.
func (s *Service) Login(ctx context.Context, username, pw, ip, userAgent string) (Session, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	now := s.now()
	keys := keysOf(username, ip)
	wait, err := s.sessions.admit(ctx, keys, s.opts.Limits, now)
	if err != nil {
		return Session{}, err
	}
	if wait > 0 {
		return Session{}, &ErrThrottled{RetryAfter: wait}
	}
	cred, err := s.users.CredentialsOf(ctx, username)
	if err != nil && !errors.Is(err, apperr.ErrNotFound) {
		return Session{}, err
	}
	if !s.hasher.Matches(cred.PasswordHash, pw) {
		if err := s.sessions.recordAttempt(ctx, username, ip, false); err != nil {
			return Session{}, err
		}
		return Session{}, errBadCredentials
	}
	if err := s.sessions.succeeded(ctx, keys, now); err != nil {
		return Session{}, err
	}
	if err := s.sessions.recordAttempt(ctx, username, ip, true); err != nil {
		return Session{}, err
	}
	if cred.Disabled {
		return Session{}, apperr.New(apperr.ErrForbidden, "account_disabled", "this account is disabled")
	}
	if s.opts.Production && cred.PasswordIsDefault {
		return Session{}, apperr.New(apperr.ErrForbidden, "password_change_required",
			"this account still has a default password: an administrator must set a new one")
	}
	token, csrf := newToken(), newToken()
	maxExp := now.Add(s.opts.MaxTTL)
	row := sessionRow{ID: sessionID(token), UserID: cred.UserID, CSRFToken: csrf, IP: ip,
		UserAgent: truncate(userAgent, 255), CreatedAt: now, LastSeenAt: now,
		ExpiresAt: Expiry(now, maxExp, s.opts.IdleTTL), MaxExpiresAt: maxExp}
	if err := s.sessions.create(ctx, &row); err != nil {
		return Session{}, err
	}
	if err := s.users.RecordLogin(ctx, cred.UserID, now); err != nil {
		return Session{}, err
	}
	return Session{Token: token, CSRFToken: csrf, ExpiresAt: row.ExpiresAt, MaxAge: s.opts.MaxTTL,
		UserID: cred.UserID}, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

var errNoSession = apperr.New(apperr.ErrUnauthenticated, "unauthenticated", "the session has ended: sign in again")

// Authenticate resolves a token to its principal, sliding the session's expiry. It
// implements httpx.Authenticator. It reads the session and its caller in one statement, on
// every request: a revoked session or a disabled user fails at once.
func (s *Service) Authenticate(ctx context.Context, token string, viaCookie bool) (*authz.Principal, error) {
	if len(token) != 43 {
		return nil, errNoSession
	}
	row, callers, err := s.sessions.findWithCaller(ctx, sessionID(token))
	if err != nil {
		return nil, err
	}
	now := s.now()
	if len(callers) == 0 || row.RevokedAt != nil || !now.Before(row.ExpiresAt) {
		return nil, errNoSession
	}
	p, _, err := org.CallerOf(callers)
	if err != nil {
		return nil, err
	}
	if now.Sub(row.LastSeenAt) >= slideEvery {
		if err := s.sessions.touch(ctx, row.ID, now, Expiry(now, row.MaxExpiresAt, s.opts.IdleTTL)); err != nil {
			return nil, err
		}
	}
	p.SessionID, p.CSRFToken, p.ViaCookie = row.ID, row.CSRFToken, viaCookie
	return p, nil
}

// Logout ends the session of token.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.sessions.revoke(ctx, sessionID(token))
}

// Sweep removes ended sessions and old login attempts; the auth.sweep_sessions job calls it
// as p (authz.System). It is housekeeping of records nobody edits, so it writes no audit entry.
func (s *Service) Sweep(ctx context.Context, p *authz.Principal) (int64, error) {
	if err := authz.Require(p); err != nil {
		return 0, err
	}
	keep := s.opts.Limits.Window
	if keep < 24*time.Hour {
		keep = 24 * time.Hour
	}
	return s.sessions.sweep(ctx, keep)
}
