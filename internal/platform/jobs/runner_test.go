package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/testutil"
)

const every = 10 * time.Minute

func newRunner(tb testing.TB, db *gorm.DB, clock *testutil.Clock, identity string) *jobs.Runner {
	tb.Helper()
	return jobs.NewRunner(db, clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{Identity: identity})
}

func register(tb testing.TB, r *jobs.Runner, j jobs.Job) {
	tb.Helper()
	if err := r.Register(context.Background(), j); err != nil {
		tb.Fatalf("register %s: %v", j.Name, err)
	}
}

// status reads one job's lease row through the admin listing.
func status(tb testing.TB, r *jobs.Runner, name string) jobs.Status {
	tb.Helper()
	items, _, err := r.List(context.Background(), authz.System("test"), paging.First())
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range items {
		if s.Name == name {
			return s
		}
	}
	tb.Fatalf("job %s has no lease row", name)
	return jobs.Status{}
}

func runDue(tb testing.TB, r *jobs.Runner) int {
	tb.Helper()
	n, err := r.RunDue(context.Background())
	if err != nil {
		tb.Fatalf("RunDue: %v", err)
	}
	return n
}

// bothReplicas calls RunDue on a and b at the same time and answers how many runs they made.
func bothReplicas(tb testing.TB, a, b *jobs.Runner) int {
	tb.Helper()
	var wg sync.WaitGroup
	var ran atomic.Int64
	for _, r := range []*jobs.Runner{a, b} {
		wg.Go(func() {
			n, err := r.RunDue(context.Background())
			if err != nil {
				tb.Errorf("RunDue on %s: %v", r.Identity(), err)
			}
			ran.Add(int64(n))
		})
	}
	wg.Wait()
	return int(ran.Load())
}

func TestJobRunsOncePerPeriodAcrossReplicas(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		t0 := clock.Now()
		a, b := newRunner(t, db, clock, "replica-a"), newRunner(t, db, clock, "replica-b")
		var calls atomic.Int64
		job := jobs.Job{Name: "test.count", Every: every, Run: func(ctx context.Context, p *authz.Principal) error {
			if p.Username != "system:test.count" || !p.IsSystem() {
				t.Errorf("job ran as %q (system %v)", p.Username, p.IsSystem())
			}
			calls.Add(1)
			return nil
		}}
		register(t, a, job)
		register(t, b, job)

		steps := []struct {
			name      string
			advance   time.Duration
			wantRuns  int64
			wantNext  time.Duration // next_run_at - t0
			secondRun bool          // a second pass in the same period runs nothing
		}{
			{"due at once after registering", 0, 1, every, true},
			{"same period again", time.Minute, 1, every, false},
			{"next period, 7 s late: no drift", every - time.Minute + 7*time.Second, 2, 2 * every, true},
			{"down for three periods: once, then the next future slot", 3*every + time.Minute, 3, 5 * every, true},
		}
		for _, s := range steps {
			clock.Advance(s.advance)
			before := calls.Load()
			ran := bothReplicas(t, a, b)
			if got := calls.Load(); got != s.wantRuns || int64(ran) != got-before {
				t.Fatalf("%s: %d runs in all (%d this pass, reported %d), want %d", s.name, got, got-before, ran, s.wantRuns)
			}
			st := status(t, a, job.Name)
			if got := st.NextRunAt.Sub(t0); got != s.wantNext {
				t.Fatalf("%s: next run at t0+%s, want t0+%s", s.name, got, s.wantNext)
			}
			if st.Holder != nil || st.Running || st.Runs != s.wantRuns || st.LastError != nil || st.LastOKAt == nil {
				t.Fatalf("%s: lease row %+v", s.name, st)
			}
			if s.secondRun && bothReplicas(t, a, b) != 0 {
				t.Fatalf("%s: a second pass in the same period ran the job again", s.name)
			}
		}
	})
}

func TestExpiredLeaseIsTakenOverByAnotherReplica(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		a, b := newRunner(t, db, clock, "replica-a"), newRunner(t, db, clock, "replica-b")
		started, release := make(chan struct{}), make(chan struct{})
		// Replica a takes the lease and then hangs, as a replica does that dies mid-run.
		register(t, a, jobs.Job{Name: "test.hang", Every: every, Timeout: time.Hour,
			Run: func(ctx context.Context, p *authz.Principal) error {
				close(started)
				<-release
				return errors.New("a's late answer must not be recorded")
			}})
		var bRuns atomic.Int64
		register(t, b, jobs.Job{Name: "test.hang", Every: every, Timeout: time.Hour,
			Run: func(ctx context.Context, p *authz.Principal) error { bRuns.Add(1); return nil }})

		aDone := make(chan int)
		go func() { aDone <- runDue(t, a) }()
		<-started
		if n := runDue(t, b); n != 0 {
			t.Fatalf("b ran the job while a held a live lease")
		}
		if st := status(t, b, "test.hang"); !st.Running || st.Holder == nil || *st.Holder != "replica-a" {
			t.Fatalf("lease row while a runs: %+v", st)
		}
		clock.Advance(time.Hour + time.Minute - time.Second)
		if n := runDue(t, b); n != 0 {
			t.Fatalf("b took the lease a second before it expired")
		}
		clock.Advance(2 * time.Second)
		if n := runDue(t, b); n != 1 || bRuns.Load() != 1 {
			t.Fatalf("after a's lease expired b ran %d (its job %d times), want 1", n, bRuns.Load())
		}
		close(release)
		if n := <-aDone; n != 1 {
			t.Fatalf("a reported %d runs", n)
		}
		st := status(t, b, "test.hang")
		if st.Holder != nil || st.Runs != 2 || st.Failures != 0 || st.LastError != nil {
			t.Fatalf("a's run, which lost its lease, overwrote b's record: %+v", st)
		}
	})
}

func TestPanicAndTimeoutAreRecordedAndRunAgainNextPeriod(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		t0 := clock.Now()
		r := newRunner(t, db, clock, "replica-a")
		var panics, hangs atomic.Int64
		register(t, r, jobs.Job{Name: "test.panic", Every: every, Run: func(ctx context.Context, p *authz.Principal) error {
			if panics.Add(1) == 1 {
				panic("first run breaks")
			}
			return nil
		}})
		register(t, r, jobs.Job{Name: "test.slow", Every: every, Timeout: 20 * time.Millisecond,
			Run: func(ctx context.Context, p *authz.Principal) error {
				if hangs.Add(1) == 1 {
					<-ctx.Done()
					return ctx.Err()
				}
				return nil
			}})

		if n := runDue(t, r); n != 2 {
			t.Fatalf("ran %d jobs, want 2", n)
		}
		for name, want := range map[string]string{"test.panic": "panic: first run breaks", "test.slow": "timed out after 20ms"} {
			st := status(t, r, name)
			if st.LastError == nil || !strings.Contains(*st.LastError, want) || st.Failures != 1 || st.LastOKAt != nil ||
				st.Holder != nil || !st.NextRunAt.Equal(t0.Add(every)) {
				t.Fatalf("%s after failing: %+v (last_error %v)", name, st, deref(st.LastError))
			}
		}
		if n := runDue(t, r); n != 0 {
			t.Fatalf("a failed job ran again in the same period")
		}
		clock.Advance(every)
		if n := runDue(t, r); n != 2 {
			t.Fatalf("next period ran %d jobs, want 2", n)
		}
		for _, name := range []string{"test.panic", "test.slow"} {
			st := status(t, r, name)
			if st.LastError != nil || st.Failures != 1 || st.Runs != 2 || st.LastOKAt == nil || !st.LastOKAt.Equal(clock.Now()) {
				t.Fatalf("%s after succeeding: %+v", name, st)
			}
		}
	})
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestRegisterRefusesBadJobsAndIsRaceSafe(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		ok := func(ctx context.Context, p *authz.Principal) error { return nil }
		r := newRunner(t, db, clock, "replica-a")
		bad := []struct {
			name string
			job  jobs.Job
		}{
			{"no name", jobs.Job{Every: every, Run: ok}},
			{"name too long", jobs.Job{Name: strings.Repeat("x", 65), Every: every, Run: ok}},
			{"no period", jobs.Job{Name: "test.a", Run: ok}},
			{"negative timeout", jobs.Job{Name: "test.a", Every: every, Timeout: -time.Second, Run: ok}},
			{"no Run", jobs.Job{Name: "test.a", Every: every}},
		}
		for _, c := range bad {
			if err := r.Register(context.Background(), c.job); err == nil {
				t.Errorf("%s: registered", c.name)
			}
		}
		register(t, r, jobs.Job{Name: "test.a", Every: every, Run: ok})
		if err := r.Register(context.Background(), jobs.Job{Name: "test.a", Every: every, Run: ok}); err == nil {
			t.Error("the same name registered twice on one runner")
		}

		// Many replicas starting together all register the same job.
		var wg sync.WaitGroup
		for i := range 6 {
			other := newRunner(t, db, clock, testutil.Name("replica-", i))
			wg.Go(func() {
				if err := other.Register(context.Background(), jobs.Job{Name: "test.b", Every: every, Run: ok}); err != nil {
					t.Errorf("concurrent register: %v", err)
				}
			})
		}
		wg.Wait()
		if st := status(t, r, "test.b"); !st.NextRunAt.Equal(clock.Now()) || st.Runs != 0 {
			t.Fatalf("new lease row %+v, want due now and never run", st)
		}
	})
}

func TestStopInterruptsRunsAndLeavesThemDue(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		t0 := clock.Now()
		r := jobs.NewRunner(db, clock.Now, slog.New(slog.NewTextHandler(io.Discard, nil)),
			jobs.Options{Identity: "replica-a", Tick: 10 * time.Millisecond})
		started := make(chan struct{})
		var once sync.Once
		register(t, r, jobs.Job{Name: "test.long", Every: every, Timeout: time.Hour,
			Run: func(ctx context.Context, p *authz.Principal) error {
				once.Do(func() { close(started) })
				<-ctx.Done()
				return ctx.Err()
			}})
		r.Start(context.Background())
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatal("Start did not run the due job")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := r.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		st := status(t, r, "test.long")
		if st.Holder != nil || st.LastError == nil || !strings.Contains(*st.LastError, "interrupted") ||
			!st.NextRunAt.Equal(t0) {
			t.Fatalf("after Stop: %+v (last_error %s); want the lease released and the job still due", st, deref(st.LastError))
		}
		other := newRunner(t, db, clock, "replica-b")
		register(t, other, jobs.Job{Name: "test.long", Every: every, Run: func(ctx context.Context, p *authz.Principal) error { return nil }})
		if n := runDue(t, other); n != 1 {
			t.Fatalf("another replica ran %d, want the interrupted job at once", n)
		}
	})
}
