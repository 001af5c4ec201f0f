package auth

import (
	"testing"
	"time"
)

func TestLimitsThrottled(t *testing.T) {
	l := Limits{PerUser: 5, PerIP: 20, Window: 15 * time.Minute}
	tests := []struct {
		name      string
		user, ip  int64
		throttled bool
	}{
		{"fresh", 0, 0, false},
		{"one below the user limit", 4, 4, false},
		{"user limit reached", 5, 5, true},
		{"address limit reached across users", 0, 20, true},
		{"address just below", 1, 19, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := l.Throttled(tc.user, tc.ip); got != tc.throttled {
				t.Fatalf("Throttled(%d, %d) = %v, want %v", tc.user, tc.ip, got, tc.throttled)
			}
		})
	}
}

func TestExpirySlidesButNeverPassesTheAbsoluteLimit(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	max := start.Add(24 * time.Hour)
	if got := Expiry(start, max, 12*time.Hour); !got.Equal(start.Add(12 * time.Hour)) {
		t.Errorf("first expiry %v", got)
	}
	if got := Expiry(start.Add(20*time.Hour), max, 12*time.Hour); !got.Equal(max) {
		t.Errorf("late slide %v, want the absolute limit %v", got, max)
	}
}

func TestTokensAreRandomAndStoredHashed(t *testing.T) {
	a, b := newToken(), newToken()
	if a == b || len(a) != 43 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if id := sessionID(a); id == a || len(id) != 64 || id != sessionID(a) {
		t.Fatalf("session id %q", id)
	}
}
