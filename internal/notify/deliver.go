package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
)

// ChannelName is the name of the notify channels in the outbox's delivered_channels.
const ChannelName = "channels"

// Deliverer is the outbox channel that fans a message out to the configured channels.
func (s *Service) Deliverer() outbox.Deliverer { return deliverer{s} }

type deliverer struct{ s *Service }

func (deliverer) Name() string { return ChannelName }

// Deliver sends e to every enabled channel of its store and topic that has not taken it yet,
// recording each outcome; it fails when one of them failed, so the outbox retries, and the
// retry sends only to the channels that failed.
func (d deliverer) Deliver(ctx context.Context, e outbox.Envelope) error {
	s := d.s
	rows, err := candidates(ctx, s.db, e.StoreID)
	if err != nil {
		return fmt.Errorf("channels: %w", err)
	}
	var targets []Channel
	for _, r := range rows {
		if c := toChannel(r); c.Subscribes(e.Topic, e.StoreID) {
			targets = append(targets, c)
		}
	}
	if len(targets) == 0 {
		return nil
	}
	done, err := deliveriesOf(ctx, s.db, e.MessageID)
	if err != nil {
		return fmt.Errorf("deliveries: %w", err)
	}
	text := Compose(e.MessageID, e.Topic, e.Payload, s.storeName(ctx, e.StoreID))
	var failed []string
	for _, c := range targets {
		if r, ok := done[c.ID]; ok && r.Status == StatusDelivered {
			continue
		}
		if err := s.deliverTo(ctx, c, e.Topic, e.StoreID, text, e.Attempt >= s.opts.MaxAttempts); err != nil {
			failed = append(failed, fmt.Sprintf("%s (#%d): %v", c.Name, c.ID, err))
		}
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "; "))
	}
	return nil
}

// deliverTo sends one message to one channel with its record around it: pending before the
// request leaves, then delivered or failed (dead on the outbox's last attempt). It answers
// the send's error; a recording error is answered too, so the outbox retries.
func (s *Service) deliverTo(ctx context.Context, c Channel, topic string, storeID *int64, t Text, last bool) error {
	now := s.now()
	err := begin(ctx, s.db, deliveryRow{MessageID: t.MessageID, ChannelID: c.ID, ChannelName: c.Name, ChannelKind: c.Kind,
		ChannelStoreID: c.StoreID, Topic: topic, StoreID: storeID, Status: StatusPending, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	sendErr := s.send(ctx, c, t)
	now = s.now()
	set := map[string]any{"attempts": gormExpr("attempts + 1"), "updated_at": now}
	if sendErr == nil {
		set["status"], set["delivered_at"], set["last_error"] = StatusDelivered, now, nil
	} else {
		status := StatusFailed
		if last {
			status = StatusDead
		}
		msg := sendErr.Error()
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		set["status"], set["last_error"] = status, msg
		s.opts.Log.Warn("notify: delivery failed", "message_id", t.MessageID, "channel_id", c.ID, "kind", c.Kind, "error", msg)
	}
	// Record even when ctx ended: the receiver may have the message already.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := finish(rec, s.db, t.MessageID, c.ID, set); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return sendErr
}

// send hands t to the channel's platform.
func (s *Service) send(ctx context.Context, c Channel, t Text) error {
	if c.Kind == KindEmail {
		return s.email.send(ctx, c, t)
	}
	return s.webhook.send(ctx, c, t)
}

func (s *Service) storeName(ctx context.Context, storeID *int64) string {
	if storeID == nil || s.opts.Stores == nil {
		return ""
	}
	found, err := s.opts.Stores.StoresByID(ctx, []int64{*storeID})
	if err != nil {
		return ""
	}
	return found[*storeID].Name
}

// TestResult is the outcome of "send test".
type TestResult struct {
	OK        bool
	Error     string
	MessageID string
}

// Test sends a test message to a channel now, enabled or not (admins only), and records it
// among the deliveries like any other message.
func (s *Service) Test(ctx context.Context, p *authz.Principal, id int64) (TestResult, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return TestResult{}, err
	}
	r, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return TestResult{}, err
	}
	c := toChannel(r)
	msgID := uuid.NewString()
	payload := fmt.Sprintf(`{"channel":%q,"by":%q}`, c.Name, p.Username)
	t := Compose(msgID, TopicTest, []byte(payload), s.storeName(ctx, c.StoreID))
	sctx, cancel := context.WithTimeout(ctx, 2*requestTimeout)
	defer cancel()
	res := TestResult{OK: true, MessageID: msgID}
	if err := s.deliverTo(sctx, c, TopicTest, c.StoreID, t, false); err != nil {
		res.OK, res.Error = false, err.Error()
	}
	return res, nil
}

// Delivery is one message's delivery to one channel, as screens show it.
type Delivery struct {
	ID          int64
	MessageID   string
	ChannelID   int64
	ChannelName string
	ChannelKind string
	Topic       string
	StoreID     *int64
	Status      string
	Attempts    int
	LastError   *string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeliveredAt *time.Time
}

// Deliveries answers a page of deliveries, newest first: all for admins, those of their
// store's channels for managers.
func (s *Service) Deliveries(ctx context.Context, p *authz.Principal, f DeliveryFilter, pg paging.Page) ([]Delivery, int64, error) {
	scope, err := readScope(p)
	if err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		return nil, 0, apperr.Field("status", "must be one of: "+strings.Join(Statuses, ", "))
	}
	f.ChannelStoreID = scope
	rows, total, err := findDeliveries(ctx, s.db, f, pg)
	out := make([]Delivery, len(rows))
	for i, r := range rows {
		out[i] = Delivery{ID: r.ID, MessageID: r.MessageID, ChannelID: r.ChannelID, ChannelName: r.ChannelName,
			ChannelKind: r.ChannelKind, Topic: r.Topic, StoreID: r.StoreID, Status: r.Status, Attempts: r.Attempts,
			LastError: r.LastError, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, DeliveredAt: r.DeliveredAt}
	}
	return out, total, err
}
