// Package password hashes and checks passwords with bcrypt and holds the password rules.
package password

import (
	"errors"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Rules every new password follows. bcrypt reads at most 72 bytes, so longer passwords are
// refused rather than silently truncated.
const (
	MinLength = 8
	MaxBytes  = 72
)

// Check returns what is wrong with a new password, or "".
func Check(pw string) string {
	switch {
	case utf8.RuneCountInString(pw) < MinLength:
		return "must be at least 8 characters"
	case len(pw) > MaxBytes:
		return "must be at most 72 bytes"
	}
	return ""
}

// Hasher hashes with a fixed bcrypt cost.
type Hasher struct {
	cost int
	// dummy is compared against when a username is unknown, so that answering takes as long
	// as for a known one and does not reveal which usernames exist.
	dummy []byte
}

// NewHasher returns a Hasher of the given bcrypt cost.
func NewHasher(cost int) (*Hasher, error) {
	dummy, err := bcrypt.GenerateFromPassword([]byte("storeops-timing-equaliser"), cost)
	if err != nil {
		return nil, err
	}
	return &Hasher{cost: cost, dummy: dummy}, nil
}

// Hash returns the bcrypt hash of pw.
func (h *Hasher) Hash(pw string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(pw), h.cost)
	return string(b), err
}

// Matches reports whether pw matches hash. An empty hash compares against the dummy and
// always fails, taking the same time.
func (h *Hasher) Matches(hash, pw string) bool {
	if hash == "" {
		_ = bcrypt.CompareHashAndPassword(h.dummy, []byte(pw))
		return false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	if err != nil && !errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
		return false
	}
	return err == nil
}
