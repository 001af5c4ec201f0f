package complaints

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
)

// InboxOpen is the kind of the inbox entry "a complaint of your store is open for more than
// 24 hours" (documented in api/openapi.yaml).
const InboxOpen = "complaint.open_overdue"

// OpenFor is how long a complaint stays open before it shows in the store manager's inbox.
const OpenFor = 24 * time.Hour

// maxInbox bounds the complaints one store's inbox reads.
const maxInbox = 200

// InboxSource puts a store's long-open complaints in its store manager's Today inbox.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the complaints module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers one entry per complaint of the manager's store open since more than OpenFor,
// due when it passed OpenFor, high priority after three days.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || p.Role != authz.RoleStoreManager || p.StoreID == nil {
		return nil, nil
	}
	var rows []complaintRow
	err := s.svc.db.WithContext(ctx).Select("id, store_id, category, description, received_at").
		Where("store_id = ? AND status = ? AND received_at < ?", *p.StoreID, StatusOpen, now.Add(-OpenFor)).
		Order("received_at").Limit(maxInbox).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]inbox.Entry, len(rows))
	for i, r := range rows {
		id, due := r.ID, r.ReceivedAt.Add(OpenFor)
		priority := inbox.Normal
		if now.Sub(r.ReceivedAt) > 3*24*time.Hour {
			priority = inbox.High
		}
		hoursOpen := strconv.Itoa(int(now.Sub(r.ReceivedAt) / time.Hour))
		out[i] = inbox.Entry{Kind: InboxOpen, Priority: priority, DueAt: &due,
			Link: fmt.Sprintf("/complaints?id=%d", id), ResourceType: "complaint", ResourceID: &id, StoreID: r.StoreID,
			Count: 1, Menu: "complaints",
			Title: inbox.Title{Zh: fmt.Sprintf("顾客投诉 #%d 已超过 %s 小时未解决", id, hoursOpen),
				En: fmt.Sprintf("Complaint #%d has been open for %s hours", id, hoursOpen)},
			Params: map[string]string{"complaint_id": strconv.FormatInt(id, 10), "category": r.Category, "hours_open": hoursOpen}}
	}
	return out, nil
}
