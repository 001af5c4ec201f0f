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

// Limits are the login throttling rules. Failures are counted per username (since its last
// successful sign-in), per client address, and per address and username together. Within a
// budget attempts go through at once; past it each attempt waits a delay that doubles with
// every further failure up to MaxDelay: guessing slows down, nobody is walled out. An
// address whose recent failures are all for one username, and fewer than PerPair, is let
// through even while that username waits, so an attacker elsewhere cannot lock the real
// user out; a botnet gets at most PerPair tries per address. A count is forgotten Window
// after its last failure.
type Limits struct {
	PerUser  int
	PerIP    int
	PerPair  int
	Window   time.Duration
	MaxDelay time.Duration
}

// firstDelay is the wait after the first failure past a budget; each further one doubles it.
const firstDelay = time.Second

// Counter is one throttling count: failures and when the last one was counted.
type Counter struct {
	Failures int
	LastAt   time.Time
}

// Current answers the counter as of now: forgotten once Window has passed since its last
// failure.
func (l Limits) Current(c Counter, now time.Time) Counter {
	if c.Failures > 0 && now.Sub(c.LastAt) >= l.Window {
		return Counter{}
	}
	return c
}

// Delay is how long after its last failure a counter lets the next attempt through, given
// its free budget: none within the budget, then 1 s, 2 s, 4 s … up to MaxDelay.
func (l Limits) Delay(c Counter, budget int) time.Duration {
	over := c.Failures - budget
	if over < 0 {
		return 0
	}
	d := firstDelay
	for i := 0; i < over && d < l.MaxDelay; i++ {
		d *= 2
	}
	return min(d, l.MaxDelay)
}

// Wait answers how long an attempt must wait before its password may be checked (zero:
// check it now), given the current counters of the username, the address, and the address
// with that username.
func (l Limits) Wait(user, ip, pair Counter, now time.Time) time.Duration {
	user, ip, pair = l.Current(user, now), l.Current(ip, now), l.Current(pair, now)
	wait := func(c Counter, budget int) time.Duration {
		return max(c.LastAt.Add(l.Delay(c, budget)).Sub(now), 0)
	}
	w := wait(ip, l.PerIP)
	ownBudget := ip.Failures == pair.Failures && pair.Failures < l.PerPair
	if !ownBudget {
		w = max(w, wait(user, l.PerUser))
	}
	return w
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
