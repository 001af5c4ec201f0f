package inbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

var clock = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func fixed(kinds ...string) Source {
	return SourceFunc(func(context.Context, *authz.Principal, time.Time) ([]Entry, error) {
		var out []Entry
		for _, k := range kinds {
			out = append(out, Entry{Kind: k, Priority: Normal, Menu: "m"})
		}
		return out, nil
	})
}

func failing(err error) Source {
	return SourceFunc(func(context.Context, *authz.Principal, time.Time) ([]Entry, error) { return nil, err })
}

// slow waits for its context, as a source's queries do.
var slow = SourceFunc(func(ctx context.Context, _ *authz.Principal, _ time.Time) ([]Entry, error) {
	<-ctx.Done()
	return nil, ctx.Err()
})

var panicking = SourceFunc(func(context.Context, *authz.Principal, time.Time) ([]Entry, error) { panic("boom") })

func newTestService(opts Options, sources map[string]Source) (*Service, *bytes.Buffer) {
	var logs bytes.Buffer
	s := NewService(slog.New(slog.NewTextHandler(&logs, nil)), func() time.Time { return clock }, opts)
	for name, src := range sources {
		s.Register(name, src)
	}
	return s, &logs
}

func TestTodayTakesWhatAnswers(t *testing.T) {
	caller := &authz.Principal{UserID: 7, Role: authz.RoleSupervisor}
	tests := []struct {
		name        string
		sources     map[string]Source
		want        string
		unavailable string
		logged      string
	}{
		{"no source", nil, "", "", ""},
		{"every source answers", map[string]Source{"a": fixed("a1", "a2"), "b": fixed("b1")}, "a1 a2 b1", "", ""},
		{"a failing source is left out and named", map[string]Source{"a": fixed("a1"), "b": failing(errors.New("db down")),
			"c": fixed("c1")}, "a1 c1", "b", "source=b err=\"db down\""},
		{"a panicking source is a failure, not a crash", map[string]Source{"a": fixed("a1"), "p": panicking}, "a1", "p", "panicked: boom"},
		{"a slow source times out", map[string]Source{"a": fixed("a1"), "s": slow, "t": slow}, "a1", "s t", "deadline exceeded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, logs := newTestService(Options{Timeout: 50 * time.Millisecond}, tc.sources)
			in, err := s.Today(context.Background(), caller)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(in.Items); got != tc.want || strings.Join(in.Unavailable, " ") != tc.unavailable ||
				in.Partial != (tc.unavailable != "") || !in.GeneratedAt.Equal(clock) || in.Badges["m"] != len(in.Items) {
				t.Errorf("got %q unavailable %v partial %v badges %v", got, in.Unavailable, in.Partial, in.Badges)
			}
			if !strings.Contains(logs.String(), tc.logged) || (tc.logged == "") != (logs.Len() == 0) {
				t.Errorf("log %q, want it to say %q", logs.String(), tc.logged)
			}
		})
	}
}

func TestTodayFails(t *testing.T) {
	caller := &authz.Principal{UserID: 7, Role: authz.RoleStoreManager}
	s, _ := newTestService(Options{}, map[string]Source{"a": failing(errors.New("x")), "b": failing(errors.New("y"))})
	if _, err := s.Today(context.Background(), caller); err == nil || !strings.Contains(err.Error(), "every source failed") {
		t.Errorf("every source failing: %v", err)
	} else if errors.Is(err, apperr.ErrUnavailable) {
		t.Errorf("sources failing for their own reasons are not a 503: %v", err)
	}
	// Every source timed out or lost the database (a cluster node failing over): a 503.
	s, _ = newTestService(Options{}, map[string]Source{"a": failing(fmt.Errorf("q: %w", context.DeadlineExceeded)),
		"b": failing(apperr.New(apperr.ErrUnavailable, "database_unavailable", "down"))})
	if _, err := s.Today(context.Background(), caller); !errors.Is(err, apperr.ErrUnavailable) {
		t.Errorf("every source timing out: %v, want ErrUnavailable", err)
	}

	s, _ = newTestService(Options{}, map[string]Source{"a": fixed("a1"), "s": slow})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Today(ctx, caller); !errors.Is(err, context.Canceled) {
		t.Errorf("a caller that went away: %v", err)
	}
	if _, err := s.Today(context.Background(), nil); !errors.Is(err, authz.ErrNoCaller) {
		t.Errorf("no caller: %v", err)
	}
}

func TestTodayBoundsParallelSources(t *testing.T) {
	var running, most atomic.Int32
	src := SourceFunc(func(context.Context, *authz.Principal, time.Time) ([]Entry, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(10 * time.Millisecond)
		return []Entry{{Kind: "x"}}, nil
	})
	s, _ := newTestService(Options{Parallel: 2}, nil)
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		s.Register(name, src)
	}
	in, err := s.Today(context.Background(), &authz.Principal{UserID: 1})
	if err != nil || in.Total != 6 || most.Load() > 2 || most.Load() < 1 {
		t.Errorf("total %d, at most %d at once (want ≤ 2), %v", in.Total, most.Load(), err)
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	s, _ := newTestService(Options{}, map[string]Source{"a": fixed()})
	defer func() {
		if recover() == nil {
			t.Error("a second source named a was accepted")
		}
	}()
	s.Register("a", fixed())
}
