package jobs

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
)

// RunDue makes one pass: every registered job that is due and whose lease this replica wins
// runs once, and RunDue waits for those runs to be recorded. It answers how many ran here.
// Start calls the same pass on every tick without waiting; tests call RunDue after advancing
// their clock instead of sleeping.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	started, err := r.dispatch(ctx)
	for _, done := range started {
		<-done
	}
	return len(started), err
}

// Start makes a pass at once and then every Tick (jittered, so replicas started together
// drift apart) until ctx ends or Stop is called. It returns at once; calling it again while
// the loop runs does nothing.
func (r *Runner) Start(ctx context.Context) {
	r.mu.Lock()
	if r.stop != nil {
		r.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	looping := make(chan struct{})
	r.stop, r.looping = cancel, looping
	r.mu.Unlock()
	go func() {
		defer close(looping)
		for {
			if _, err := r.dispatch(ctx); err != nil && ctx.Err() == nil {
				r.log.Warn("jobs: pass failed", "error", err.Error())
			}
			t := time.NewTimer(jittered(r.opts.Tick))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
	}()
}

// Stop ends Start's loop, cancels the contexts of the runs in progress and waits until they
// have recorded their outcome, or until ctx ends. A run cut short stays due, so another
// replica takes it at once.
func (r *Runner) Stop(ctx context.Context) error {
	r.mu.Lock()
	stop, looping := r.stop, r.looping
	r.mu.Unlock()
	if stop == nil {
		return nil
	}
	stop()
	<-looping
	done := make(chan struct{})
	go func() {
		r.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("jobs: stop: %w with jobs still running", ctx.Err())
	}
}

// dispatch takes the lease of every due job not already running here and starts each won
// job in its own goroutine. It answers a channel per started run, closed once recorded.
func (r *Runner) dispatch(ctx context.Context) ([]chan struct{}, error) {
	r.mu.Lock()
	byName := make(map[string]Job, len(r.jobs))
	names := make([]string, 0, len(r.jobs))
	for _, j := range r.jobs {
		if !r.running[j.Name] {
			byName[j.Name] = j
			names = append(names, j.Name)
		}
	}
	r.mu.Unlock()
	if len(names) == 0 {
		return nil, nil
	}
	rows, err := r.rows(ctx, names)
	if err != nil {
		return nil, fmt.Errorf("jobs: read leases: %w", err)
	}
	missing := make(map[string]bool, len(names))
	for _, name := range names {
		missing[name] = true
	}
	var errs []error
	var started []chan struct{}
	for _, row := range rows {
		delete(missing, row.Name)
		now := r.now()
		if !row.due(now) || !r.mark(row.Name) {
			continue
		}
		j := byName[row.Name]
		scheduled, won, err := r.take(ctx, j.Name, now, now.Add(j.Timeout+r.opts.LeaseGrace))
		if err != nil || !won {
			r.unmark(j.Name)
			if err != nil {
				errs = append(errs, fmt.Errorf("jobs: take %s: %w", j.Name, err))
			}
			continue
		}
		done := make(chan struct{})
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			defer close(done)
			r.supervise(ctx, j, scheduled)
		}()
		started = append(started, done)
	}
	for name := range missing {
		// The row is gone (deleted by hand): put it back, due now, for the next pass.
		if err := r.ensureRow(ctx, name, r.now()); err != nil {
			errs = append(errs, fmt.Errorf("jobs: recreate %s: %w", name, err))
		}
	}
	return started, errors.Join(errs...)
}

// supervise runs j for the slot scheduled and records the outcome with the next slot.
func (r *Runner) supervise(ctx context.Context, j Job, scheduled time.Time) {
	began := time.Now()
	err := r.execute(ctx, j)
	finished := r.now()
	next := NextSlot(scheduled, j.Every, finished)
	if errors.Is(err, errInterrupted) {
		next = scheduled
	}
	// Record even when ctx was cancelled by shutdown: the outcome must not be lost.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	held, ferr := r.finish(rec, j.Name, outcome{next: next, finished: finished, err: err})
	took := time.Since(began).Round(time.Millisecond).String()
	switch {
	case ferr != nil:
		r.log.Error("jobs: could not record a run", "job", j.Name, "error", ferr.Error(), "run_error", fmt.Sprint(err))
	case !held:
		r.log.Warn("jobs: lease lost during the run (it outlived its lease and another replica took over)",
			"job", j.Name, "took", took)
	case err != nil:
		r.log.Warn("jobs: run failed", "job", j.Name, "error", err.Error(), "took", took, "next_run_at", next)
	default:
		r.log.Debug("jobs: run done", "job", j.Name, "took", took, "next_run_at", next)
	}
}

// execute calls j.Run as authz.System(j.Name) with the job's timeout. A panic or an overrun
// is an error. A run whose context has ended gets half the lease grace to return; one still
// going then is left to finish in the background and keeps the job marked as running here
// until it returns.
func (r *Runner) execute(ctx context.Context, j Job) error {
	jctx, cancel := context.WithTimeout(ctx, j.Timeout)
	defer cancel()
	done := make(chan error, 1)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		err := r.call(jctx, j)
		r.unmark(j.Name) // before answering, so the next pass may run the job again
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-jctx.Done():
		t := time.NewTimer(r.opts.LeaseGrace / 2)
		select {
		case err = <-done:
		case <-t.C:
			err = jctx.Err()
		}
		t.Stop()
	}
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %v", errInterrupted, err)
	case errors.Is(jctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("timed out after %s: %w", j.Timeout, err)
	}
	return err
}

// call runs j, turning a panic into an error.
func (r *Runner) call(ctx context.Context, j Job) (err error) {
	defer func() {
		if v := recover(); v != nil {
			r.log.Error("jobs: run panicked", "job", j.Name, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return j.Run(ctx, authz.System(j.Name))
}

// mark notes that name runs here; false when it already does.
func (r *Runner) mark(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running[name] {
		return false
	}
	r.running[name] = true
	return true
}

func (r *Runner) unmark(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.running, name)
}

// jittered spreads d by ±20 %.
func jittered(d time.Duration) time.Duration {
	return d*4/5 + rand.N(d*2/5+1)
}
