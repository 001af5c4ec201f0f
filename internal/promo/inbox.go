package promo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
)

// InboxChanged is the kind of the inbox entry "a campaign of your store changed: read what
// changed" (documented in api/openapi.yaml).
const InboxChanged = "campaign.changed"

// InboxSource puts in the Today inbox of a store's manager and supervisors each published
// campaign HQ changed since the store last acknowledged it.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the promotions module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers one entry per changed campaign of the caller's store.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, _ time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	var rows []struct {
		CampaignID     int64
		Name           string
		ChangedVersion int
	}
	err := s.svc.db.WithContext(ctx).Table("campaign_executions e").Select("e.campaign_id, c.name, e.changed_version").
		Joins("JOIN campaigns c ON c.id = e.campaign_id").
		Where("e.store_id = ? AND e.changed_version > e.acked_version AND c.status = ?", *p.StoreID, StatusPublished).
		Order("e.campaign_id").Limit(inbox.MaxItems).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]inbox.Entry, len(rows))
	for i, r := range rows {
		id := r.CampaignID
		out[i] = inbox.Entry{Kind: InboxChanged, Priority: inbox.Normal, Link: fmt.Sprintf("/campaigns/%d", id),
			ResourceType: "campaign", ResourceID: &id, StoreID: *p.StoreID, Count: 1, Menu: "campaigns",
			Title: inbox.Title{Zh: fmt.Sprintf("促销档期「%s」已变更，请查看变更内容", r.Name),
				En: fmt.Sprintf("Campaign %s changed: read what changed", r.Name)},
			Params: map[string]string{"campaign_id": strconv.FormatInt(id, 10), "campaign_name": r.Name,
				"version": strconv.Itoa(r.ChangedVersion)}}
	}
	return out, nil
}
