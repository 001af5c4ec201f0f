// Package auth signs users in and out: database-stored sessions (revocable, expiring,
// sliding), bearer or cookie tokens with a CSRF token, and login throttling per username and
// per client address that works across replicas because it lives in the database.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// newToken returns 32 random bytes, URL-safe base64 (43 characters).
func newToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("auth: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// sessionID is what the database stores for a token: its SHA-256, so a leaked sessions
// table cannot be replayed.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Limits are the login throttling limits: failures within Window per username and per IP.
type Limits struct {
	PerUser int
	PerIP   int
	Window  time.Duration
}

// Throttled reports whether another login attempt must wait, given the failures counted in
// the current window.
func (l Limits) Throttled(userFailures, ipFailures int64) bool {
	return userFailures >= int64(l.PerUser) || ipFailures >= int64(l.PerIP)
}

// Expiry computes a session's next expiry: idle TTL from now, never past the absolute limit.
func Expiry(now, maxExpires time.Time, idle time.Duration) time.Time {
	next := now.Add(idle)
	if next.After(maxExpires) {
		return maxExpires
	}
	return next
}

// slideEvery keeps sliding cheap: a session's expiry is pushed at most once a minute.
const slideEvery = time.Minute
