// Package outbox holds notifications written in the transaction of the event they announce,
// and delivers them with retries.
//
// Add writes a message inside the caller's transaction, so a message exists exactly when
// its event committed. DeliverDue (run by the outbox.deliver job) hands due messages to every
// configured channel (a Deliverer). Delivery is at least once: a worker that crashes after a
// channel took a message but before recording it delivers that message again later. Every
// attempt carries the same MessageID so a receiver can drop the duplicate. A message that a
// channel has taken is not sent to that channel again by later attempts, which retry only the
// channels that failed.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Message statuses.
const (
	StatusPending   = "pending"   // waiting for its next attempt
	StatusDelivered = "delivered" // every channel took it
	StatusDead      = "dead"      // gave up after MaxAttempts
)

// Statuses lists the statuses in the order screens show them.
var Statuses = []string{StatusPending, StatusDelivered, StatusDead}

// Message is what a use case announces.
type Message struct {
	// Topic says what happened, e.g. "task.overdue"; channels route and format by it.
	Topic string
	// StoreID is the store the event belongs to, nil for chain-wide news.
	StoreID *int64
	// Payload is marshalled to JSON; at most MaxPayloadBytes.
	Payload any
	// Key, when set, makes the message unique per topic: adding another message with the
	// same topic and key adds nothing. Jobs that may run twice key their messages (for
	// example by the overdue task's id) so that nobody is notified twice.
	Key string
}

// Limits of a message, as wide as its columns.
const (
	MaxTopicLen     = 64
	MaxKeyLen       = 191
	MaxPayloadBytes = 64 << 10
)

// Envelope is one delivery attempt of a message.
type Envelope struct {
	MessageID string // stable across attempts: receivers deduplicate by it
	Topic     string
	StoreID   *int64
	Key       string
	Payload   json.RawMessage
	Attempt   int // 1 for the first attempt
	CreatedAt time.Time
}

// Deliverer is one notification channel (a WeChat Work, DingTalk or Feishu group robot, an
// e-mail sender). Name identifies it in the record of which channels took a message, so it
// must be stable and contain no comma. Deliver returns nil only when the channel has taken
// the message.
type Deliverer interface {
	Name() string
	Deliver(ctx context.Context, e Envelope) error
}

// validate checks what Add is given and answers the payload as JSON. A bad message is a
// programming error of the caller, so it is a plain error (a 500), never a 400.
func (m Message) validate() (string, error) {
	switch {
	case m.Topic == "" || len(m.Topic) > MaxTopicLen || strings.TrimSpace(m.Topic) != m.Topic:
		return "", fmt.Errorf("outbox: topic %q must have 1 to %d characters and no surrounding spaces", m.Topic, MaxTopicLen)
	case len(m.Key) > MaxKeyLen:
		return "", fmt.Errorf("outbox: %s: key longer than %d characters", m.Topic, MaxKeyLen)
	}
	b, err := json.Marshal(m.Payload)
	if err != nil {
		return "", fmt.Errorf("outbox: %s: payload: %w", m.Topic, err)
	}
	if len(b) > MaxPayloadBytes {
		return "", fmt.Errorf("outbox: %s: payload of %d bytes is over %d", m.Topic, len(b), MaxPayloadBytes)
	}
	return string(b), nil
}

// Backoff is the pause after the attempt-th failed attempt: base doubled per attempt up to
// max, then spread by "equal jitter" into [d/2, d) so that messages failing together do not
// retry together. Successive pauses never shrink until the cap: attempt n lies in
// [base·2ⁿ⁻², base·2ⁿ⁻¹). jitter(n) answers a value in [0, n).
func Backoff(attempt int, base, max time.Duration, jitter func(time.Duration) time.Duration) time.Duration {
	d := max
	if attempt < 1 {
		attempt = 1
	}
	if attempt <= 40 {
		if e := base << (attempt - 1); e > 0 && e < max {
			d = e
		}
	}
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + jitter(half)
}

// channels parses delivered_channels.
func channels(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
