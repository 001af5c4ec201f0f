package auth

import (
	"testing"
	"time"
)

func TestLoginWaits(t *testing.T) {
	l := Limits{PerUser: 5, PerIP: 50, PerPair: 3, Window: 15 * time.Minute, MaxDelay: 5 * time.Minute}
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	ago := func(n int, d time.Duration) Counter { return Counter{Failures: n, LastAt: now.Add(-d)} }
	tests := []struct {
		name           string
		user, ip, pair Counter
		want           time.Duration
	}{
		{"fresh", Counter{}, Counter{}, Counter{}, 0},
		{"within the user's budget", ago(4, 0), ago(4, 0), ago(4, 0), 0},
		{"user budget spent: one second after the last failure", ago(5, 0), ago(5, 0), ago(5, 0), time.Second},
		{"the delay doubles", ago(7, 0), ago(9, 0), ago(7, 0), 4 * time.Second},
		{"part of the delay has passed", ago(7, 3*time.Second), ago(9, 0), ago(7, 0), time.Second},
		{"the delay stops growing", ago(40, 0), ago(40, 0), ago(40, 0), 5 * time.Minute},
		{"an address with no failures tries on its own", ago(40, 0), Counter{}, Counter{}, 0},
		{"its own tries are few", ago(40, 0), ago(3, 0), ago(3, 0), 5 * time.Minute},
		{"an address failing on other names has none", ago(40, 0), ago(2, 0), ago(1, 0), 5 * time.Minute},
		{"address budget spent", Counter{}, ago(50, 0), Counter{}, time.Second},
		{"forgotten after the window", ago(40, 15*time.Minute), Counter{}, Counter{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := l.Wait(tc.user, tc.ip, tc.pair, now); got != tc.want {
				t.Fatalf("Wait = %v, want %v", got, tc.want)
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
