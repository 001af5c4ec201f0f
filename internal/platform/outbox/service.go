package outbox

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
)

// Options tune delivery; the zero value is what production uses, with no channel.
type Options struct {
	// Deliverers are the channels every message goes to. With none, DeliverDue leaves
	// messages pending (never marks them delivered) until a channel is configured.
	Deliverers []Deliverer
	// MaxAttempts failed attempts make a message dead; default 12.
	MaxAttempts int
	// BaseDelay is the pause after the first failed attempt, doubled per attempt up to
	// MaxDelay; defaults 30 s and 1 h.
	BaseDelay, MaxDelay time.Duration
	// DeliverTimeout bounds one channel's Deliver call; default 30 s.
	DeliverTimeout time.Duration
}

// Service writes messages and delivers them.
type Service struct {
	db       *gorm.DB
	now      func() time.Time
	log      *slog.Logger
	opts     Options
	claimTTL time.Duration
}

// NewService returns the outbox. Channel names must be unique, non-empty and comma-free.
func NewService(db *gorm.DB, now func() time.Time, log *slog.Logger, opts Options) (*Service, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	seen := map[string]bool{}
	for _, d := range opts.Deliverers {
		n := d.Name()
		if n == "" || strings.Contains(n, ",") || seen[n] {
			return nil, fmt.Errorf("outbox: channel name %q must be unique, non-empty and without commas", n)
		}
		seen[n] = true
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 12
	}
	if opts.BaseDelay <= 0 {
		opts.BaseDelay = 30 * time.Second
	}
	if opts.MaxDelay < opts.BaseDelay {
		opts.MaxDelay = max(time.Hour, opts.BaseDelay)
	}
	if opts.DeliverTimeout <= 0 {
		opts.DeliverTimeout = 30 * time.Second
	}
	clock := func() time.Time { return now().UTC().Truncate(time.Microsecond) }
	// A claim outlives the slowest attempt, so nobody else takes a message being delivered.
	ttl := time.Duration(len(opts.Deliverers))*opts.DeliverTimeout + time.Minute
	return &Service{db: db, now: clock, log: log, opts: opts, claimTTL: ttl}, nil
}

// Channels names the configured channels.
func (s *Service) Channels() []string {
	out := make([]string, len(s.opts.Deliverers))
	for i, d := range s.opts.Deliverers {
		out[i] = d.Name()
	}
	return out
}

// Add writes m inside tx, the transaction of the event it announces, and answers its
// message id (for a keyed message that exists already, that message's id). It may run
// again whole when tx's transaction is retried: every attempt builds a fresh row.
func (s *Service) Add(ctx context.Context, tx *gorm.DB, m Message) (string, error) {
	payload, err := m.validate()
	if err != nil {
		return "", err
	}
	now := s.now()
	row := messageRow{MessageID: uuid.NewString(), Topic: m.Topic, StoreID: m.StoreID, PayloadJSON: payload,
		Status: StatusPending, NextAttemptAt: now, CreatedAt: now}
	if m.Key != "" {
		key := m.Key
		row.DedupKey = &key
	}
	id, err := insert(ctx, tx, &row)
	if err != nil {
		return "", fmt.Errorf("outbox: add %s: %w", m.Topic, err)
	}
	return id, nil
}

// Result counts what one DeliverDue pass did.
type Result struct {
	Delivered int // every channel has now taken the message
	Retried   int // failed, another attempt is scheduled
	Dead      int // failed for the last time
}

// DeliverDue delivers up to limit due messages, one at a time: claim (committed), hand it
// to every channel that has not taken it yet, record the outcome. It fails only when the
// database does; a channel's failure is recorded on the message and retried with backoff.
func (s *Service) DeliverDue(ctx context.Context, p *authz.Principal, limit int) (Result, error) {
	var res Result
	if err := authz.Require(p); err != nil {
		return res, err
	}
	if len(s.opts.Deliverers) == 0 {
		return res, nil
	}
	ids, err := s.due(ctx, s.now(), limit)
	if err != nil {
		return res, fmt.Errorf("outbox: due messages: %w", err)
	}
	token := uuid.NewString()
	for _, id := range ids {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		now := s.now()
		row, won, err := s.claim(ctx, id, token, now, now.Add(s.claimTTL))
		if err != nil {
			return res, fmt.Errorf("outbox: claim %d: %w", id, err)
		}
		if !won {
			continue // another worker has it, or delivered it since we looked
		}
		status, err := s.attempt(ctx, row, token)
		if err != nil {
			return res, err
		}
		switch status {
		case StatusDelivered:
			res.Delivered++
		case StatusDead:
			res.Dead++
		case StatusPending:
			res.Retried++
		}
	}
	return res, nil
}

// attempt hands a claimed message to the channels that have not taken it and records the
// outcome; it answers the message's new status ("" when the claim was lost meanwhile).
func (s *Service) attempt(ctx context.Context, row messageRow, token string) (string, error) {
	env := Envelope{MessageID: row.MessageID, Topic: row.Topic, StoreID: row.StoreID, Payload: []byte(row.PayloadJSON),
		Attempt: row.Attempts + 1, CreatedAt: row.CreatedAt}
	if row.DedupKey != nil {
		env.Key = *row.DedupKey
	}
	done := channels(row.DeliveredChannels)
	var failures []string
	for _, d := range s.opts.Deliverers {
		if slices.Contains(done, d.Name()) {
			continue
		}
		if err := s.deliverOne(ctx, d, env); err != nil {
			failures = append(failures, d.Name()+": "+err.Error())
			continue
		}
		done = append(done, d.Name())
	}
	now := s.now()
	set := map[string]any{"delivered_channels": strings.Join(done, ",")}
	status := StatusDelivered
	if len(failures) == 0 {
		set["status"], set["delivered_at"] = StatusDelivered, now
	} else {
		status = StatusPending
		if env.Attempt >= s.opts.MaxAttempts {
			status = StatusDead
		}
		msg := strings.Join(failures, "; ")
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		set["status"], set["attempts"], set["last_error"] = status, env.Attempt, msg
		pause := Backoff(env.Attempt, s.opts.BaseDelay, s.opts.MaxDelay, randN)
		set["next_attempt_at"] = now.Add(pause).Truncate(time.Microsecond) // the columns' precision
		s.log.Warn("outbox: delivery failed", "message_id", row.MessageID, "topic", row.Topic,
			"attempt", env.Attempt, "status", status, "error", msg)
	}
	// Record even when ctx was cancelled by shutdown: channels may already have the message.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	held, err := s.record(rec, row.ID, token, set)
	if err != nil {
		return "", fmt.Errorf("outbox: record message %s: %w", row.MessageID, err)
	}
	if !held {
		s.log.Warn("outbox: claim lost during delivery (another worker took the message over)", "message_id", row.MessageID)
		return "", nil
	}
	return status, nil
}

// deliverOne calls one channel with its timeout, turning a panic into an error.
func (s *Service) deliverOne(ctx context.Context, d Deliverer, env Envelope) (err error) {
	dctx, cancel := context.WithTimeout(ctx, s.opts.DeliverTimeout)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return d.Deliver(dctx, env)
}

func randN(d time.Duration) time.Duration { return rand.N(d) }
