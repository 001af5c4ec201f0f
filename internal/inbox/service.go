package inbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/reqid"
)

// Options tune how the inbox asks its sources; zero values take the defaults.
type Options struct {
	// Timeout bounds each source: a slow one is reported unavailable rather than holding
	// the whole inbox. Default 5 s.
	Timeout time.Duration
	// Parallel is how many sources are asked at once. Default 4.
	Parallel int
	// Limit is how many entries are listed. Default MaxItems.
	Limit int
}

// Service gathers the inbox from the registered sources. It keeps no state between
// requests.
type Service struct {
	log     *slog.Logger
	now     func() time.Time
	opts    Options
	sources []named
}

type named struct {
	name string
	src  Source
}

// NewService returns an inbox with no source; app.go registers each module's.
func NewService(log *slog.Logger, now func() time.Time, opts Options) *Service {
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.Limit <= 0 {
		opts.Limit = MaxItems
	}
	return &Service{log: log, now: now, opts: opts}
}

// Register adds a module's source under its module name, which the answer uses to say
// which part of the inbox is missing. It is called while the application is built, before
// any request.
func (s *Service) Register(name string, src Source) {
	if slices.ContainsFunc(s.sources, func(n named) bool { return n.name == name }) {
		panic("inbox: source " + name + " registered twice")
	}
	s.sources = append(s.sources, named{name, src})
}

// Inbox is the caller's inbox at GeneratedAt.
type Inbox struct {
	Merged
	// Partial is set when a source failed: the inbox lists the others' entries, and
	// Unavailable names the failed sources, sorted.
	Partial     bool
	Unavailable []string
	GeneratedAt time.Time
}

// Today asks every source at once (at most Options.Parallel at a time, each within
// Options.Timeout) and merges their entries. A failing source does not blank the inbox: it
// is logged and named in Unavailable. The request fails only when every source failed, or
// when the caller went away.
func (s *Service) Today(ctx context.Context, p *authz.Principal) (Inbox, error) {
	if err := authz.Require(p); err != nil {
		return Inbox{}, err
	}
	now := s.now()
	results := make([][]Entry, len(s.sources))
	errs := make([]error, len(s.sources))
	slots := make(chan struct{}, s.opts.Parallel)
	var wg sync.WaitGroup
	for i, n := range s.sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i], errs[i] = s.ask(ctx, n, p, now)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Inbox{}, err
	}
	out := Inbox{GeneratedAt: now, Unavailable: []string{}}
	var all []Entry
	for i, n := range s.sources {
		if errs[i] != nil {
			s.log.ErrorContext(ctx, "inbox source failed", "source", n.name, "err", errs[i],
				"user_id", p.UserID, "request_id", reqid.From(ctx))
			out.Unavailable = append(out.Unavailable, n.name)
			continue
		}
		all = append(all, results[i]...)
	}
	if len(s.sources) > 0 && len(out.Unavailable) == len(s.sources) {
		err := fmt.Errorf("inbox: every source failed: %w", errors.Join(errs...))
		if allTransient(errs) {
			// The database stalled or was out of reach (a cluster node failing over, say):
			// a 503 the client repeats, not a 500.
			return Inbox{}, &apperr.Error{Kind: apperr.ErrUnavailable, Code: "unavailable",
				Message: "Today could not be read in time: try again shortly", Cause: err}
		}
		return Inbox{}, err
	}
	slices.Sort(out.Unavailable)
	out.Partial = len(out.Unavailable) > 0
	out.Merged = Merge(all, s.opts.Limit)
	return out, nil
}

// ask calls one source within the timeout, which the source honours through ctx (its
// queries take ctx); a panic is the source's failure, not the server's.
func (s *Service) ask(ctx context.Context, n named, p *authz.Principal, now time.Time) (entries []Entry, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			entries, err = nil, fmt.Errorf("inbox source %s panicked: %v", n.name, r)
		}
	}()
	return n.src.Today(ctx, p, now)
}

// allTransient reports whether every error is a timeout or an unavailable database.
func allTransient(errs []error) bool {
	for _, err := range errs {
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, apperr.ErrUnavailable) {
			return false
		}
	}
	return true
}
