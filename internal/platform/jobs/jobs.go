// Package jobs runs periodic work once per period across any number of replicas.
//
// Every job has one lease row in job_leases. A replica runs a job only after a conditional
// UPDATE of that row ("due, and nobody holds a live lease") has changed it and committed in
// its own short transaction. On a multi-primary Galera cluster two nodes may both change the
// row locally; the one that loses certification at commit sees its transaction fail (1213),
// database.Tx runs it again, the UPDATE then matches nothing, and that replica never runs the
// job. A replica that dies mid-run leaves a lease that expires, after which another replica
// takes the job over.
//
// Jobs run as authz.System(name), so the audit log shows their writes as "system:<name>".
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
)

// Job is one piece of periodic work.
type Job struct {
	// Name identifies the job across replicas and in the audit log, e.g. "auth.sweep_sessions".
	Name string
	// Every is the period: the job runs once per period, at scheduled slots that do not drift.
	Every time.Duration
	// Timeout bounds one run; its context is cancelled then and the run is recorded as failed.
	// Zero means Every.
	Timeout time.Duration
	// Run does the work as the caller p. It must honour ctx: a run that ignores its cancelled
	// context keeps a goroutine busy, and this replica will not start the job again until it
	// returns.
	Run func(ctx context.Context, p *authz.Principal) error
}

// Options tune a Runner; the zero value is what production uses.
type Options struct {
	// Identity names this replica in job_leases.holder; default host-pid-random.
	Identity string
	// Tick is how often Start looks for due jobs (jittered by ±20 %); default 5 s.
	Tick time.Duration
	// LeaseGrace is added to a job's timeout to make its lease, so a run that is cancelled at
	// its timeout has time to record its outcome before anyone may take over; default 1 min.
	LeaseGrace time.Duration
}

// Limits of job names, as wide as the job_leases.name column.
const maxNameLen = 64

// Runner registers jobs and runs those that are due, once per period across replicas.
type Runner struct {
	db   *gorm.DB
	now  func() time.Time
	log  *slog.Logger
	opts Options

	mu      sync.Mutex
	jobs    []Job
	running map[string]bool // jobs whose Run has not returned yet on this replica
	stop    context.CancelFunc
	looping chan struct{} // closed when Start's loop has ended
	wg      sync.WaitGroup
}

// NewRunner returns a runner that stamps lease rows with now and logs to log.
func NewRunner(db *gorm.DB, now func() time.Time, log *slog.Logger, opts Options) *Runner {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Identity == "" {
		opts.Identity = replicaIdentity()
	}
	if len(opts.Identity) > 128 {
		opts.Identity = opts.Identity[:128]
	}
	if opts.Tick <= 0 {
		opts.Tick = 5 * time.Second
	}
	if opts.LeaseGrace <= 0 {
		opts.LeaseGrace = time.Minute
	}
	clock := func() time.Time { return now().UTC().Truncate(time.Microsecond) }
	return &Runner{db: db, now: clock, log: log.With("replica", opts.Identity), opts: opts,
		running: map[string]bool{}}
}

// Identity is the name this replica holds leases under.
func (r *Runner) Identity() string { return r.opts.Identity }

// Register adds a job and creates its lease row unless another replica already did, due at
// once. Registering the same name twice is a programming error.
func (r *Runner) Register(ctx context.Context, j Job) error {
	if j.Timeout == 0 {
		j.Timeout = j.Every
	}
	switch {
	case j.Name == "" || len(j.Name) > maxNameLen:
		return fmt.Errorf("jobs: name %q must have 1 to %d characters", j.Name, maxNameLen)
	case j.Every <= 0 || j.Timeout <= 0:
		return fmt.Errorf("jobs: %s: Every and Timeout must be positive", j.Name)
	case j.Run == nil:
		return fmt.Errorf("jobs: %s: Run is nil", j.Name)
	}
	r.mu.Lock()
	for _, have := range r.jobs {
		if have.Name == j.Name {
			r.mu.Unlock()
			return fmt.Errorf("jobs: %s registered twice", j.Name)
		}
	}
	r.mu.Unlock()
	if err := r.ensureRow(ctx, j.Name, r.now()); err != nil {
		return fmt.Errorf("jobs: register %s: %w", j.Name, err)
	}
	r.mu.Lock()
	r.jobs = append(r.jobs, j)
	r.mu.Unlock()
	return nil
}

// NextSlot is the first slot after now of a job scheduled at scheduled every period: the
// next run is counted from the slot, not from when the run ended, so periods do not drift,
// and a runner that was down for several periods runs once and skips to the next future slot.
func NextSlot(scheduled time.Time, every time.Duration, now time.Time) time.Time {
	next := scheduled.Add(every)
	if next.After(now) {
		return next
	}
	missed := now.Sub(scheduled) / every
	return scheduled.Add((missed + 1) * every)
}

// errInterrupted marks a run cut short because the runner stopped: it is recorded, and the
// job stays due so that another replica (or this one, restarted) runs it at once.
var errInterrupted = errors.New("interrupted: the runner stopped")

// replicaIdentity is hostname-pid-random, unique per process even on one host.
func replicaIdentity() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown"
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}
