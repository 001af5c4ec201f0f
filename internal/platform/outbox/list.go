package outbox

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Record is one message as operators see it.
type Record struct {
	ID                int64           `json:"id"`
	MessageID         string          `json:"message_id"`
	Topic             string          `json:"topic"`
	StoreID           *int64          `json:"store_id"`
	Key               *string         `json:"key"`
	Payload           json.RawMessage `json:"payload"`
	Status            string          `json:"status"`
	Attempts          int             `json:"attempts"`
	NextAttemptAt     *time.Time      `json:"next_attempt_at"`
	DeliveredChannels []string        `json:"delivered_channels"`
	LastError         *string         `json:"last_error"`
	CreatedAt         time.Time       `json:"created_at"`
	DeliveredAt       *time.Time      `json:"delivered_at"`
}

// List reads messages for admins, newest first; status, when not empty, is one of Statuses.
func (s *Service) List(ctx context.Context, p *authz.Principal, status string, pg paging.Page) ([]Record, int64, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return nil, 0, err
	}
	if status != "" && !slices.Contains(Statuses, status) {
		return nil, 0, apperr.Field("status", "must be one of: "+strings.Join(Statuses, ", "))
	}
	rows, total, err := s.find(ctx, status, pg)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Record, len(rows))
	for i, r := range rows {
		out[i] = toRecord(r)
	}
	return out, total, nil
}

// toRecord shows next_attempt_at only while another attempt will come.
func toRecord(r messageRow) Record {
	rec := Record{ID: r.ID, MessageID: r.MessageID, Topic: r.Topic, StoreID: r.StoreID, Key: r.DedupKey,
		Payload: json.RawMessage(r.PayloadJSON), Status: r.Status, Attempts: r.Attempts,
		DeliveredChannels: channels(r.DeliveredChannels), LastError: r.LastError, CreatedAt: r.CreatedAt,
		DeliveredAt: r.DeliveredAt}
	if rec.DeliveredChannels == nil {
		rec.DeliveredChannels = []string{}
	}
	if r.Status == StatusPending {
		next := r.NextAttemptAt
		rec.NextAttemptAt = &next
	}
	return rec
}
