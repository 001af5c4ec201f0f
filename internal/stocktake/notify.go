package stocktake

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/outbox"
)

// Notifier takes a notification inside the transaction of the event it announces, so a
// notification exists exactly when its event committed.
type Notifier interface {
	Add(ctx context.Context, tx *gorm.DB, m outbox.Message) (string, error)
}

// Topics of the stocktake notifications: a count handed in for approval reaches the store's
// approvers, the decision reaches its counters.
const (
	TopicSubmitted = "stocktake.submitted"
	TopicApproved  = "stocktake.approved"
	TopicRejected  = "stocktake.rejected"
)

// notice is what a stocktake notification says; channels word it by topic.
type notice struct {
	StocktakeID    int64  `json:"stocktake_id"`
	StoreID        int64  `json:"store_id"`
	DepartmentCode string `json:"department_code"`
	By             string `json:"by"`
	Reason         string `json:"reason,omitempty"`
	// Link is the SPA route that shows the stocktake to act on it.
	Link string `json:"link"`
}

// announce adds the notification of a stocktake's step inside tx.
func (s *Service) announce(ctx context.Context, tx *gorm.DB, topic string, p *authz.Principal, r stocktakeRow, reason string) error {
	view := "variance"
	if topic == TopicRejected {
		view = "count"
	}
	store := r.StoreID
	_, err := s.notify.Add(ctx, tx, outbox.Message{Topic: topic, StoreID: &store, Payload: notice{
		StocktakeID: r.ID, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, By: p.Username, Reason: reason,
		Link: fmt.Sprintf("/stocktakes?id=%d&view=%s", r.ID, view)}})
	return err
}
