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

// InboxTasksDue is the kind of the entry "campaign tasks of your store are overdue or due in
// the next 24 hours", one per campaign.
const InboxTasksDue = "campaign.tasks_due"

// tasksDueWithin is how far ahead a task shows in the inbox before its due time.
const tasksDueWithin = 24 * time.Hour

// maxDueRuns bounds the open task runs read for one store's inbox.
const maxDueRuns = 1000

// InboxSource puts in the Today inbox of a store's manager and supervisors each published
// campaign HQ changed since the store last acknowledged it.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the promotions module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers, for the caller's store, one entry per campaign with tasks overdue or due in
// the next 24 hours, and one per changed campaign.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	due, err := s.tasksDue(ctx, *p.StoreID, now)
	if err != nil {
		return nil, err
	}
	changed, err := s.changed(ctx, *p.StoreID)
	if err != nil {
		return nil, err
	}
	return append(due, changed...), nil
}

// tasksDue groups the store's open task runs of published campaigns that are overdue or due
// within tasksDueWithin by campaign: how many, the first due time, and whether any is overdue
// (high priority then).
func (s *InboxSource) tasksDue(ctx context.Context, storeID int64, now time.Time) ([]inbox.Entry, error) {
	var rows []struct {
		CampaignID int64
		Name       string
		DueAt      time.Time
	}
	// A store has a few open tasks per campaign: read them (due first) and group here, which
	// keeps the due times typed on both databases.
	err := s.svc.db.WithContext(ctx).Table("campaign_task_runs r").Select("r.campaign_id, c.name, r.due_at").
		Joins("JOIN campaigns c ON c.id = r.campaign_id").
		Where("r.store_id = ? AND r.status = ? AND r.due_at <= ? AND c.status = ?", storeID, RunOpen,
			now.Add(tasksDueWithin).UTC(), StatusPublished).
		Order("r.due_at, r.campaign_id").Limit(maxDueRuns).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	var out []inbox.Entry
	at := map[int64]int{}
	for _, r := range rows {
		i, seen := at[r.CampaignID]
		if !seen {
			if len(out) == inbox.MaxItems {
				continue
			}
			id, first := r.CampaignID, r.DueAt
			priority := inbox.Normal
			if first.Before(now) {
				priority = inbox.High
			}
			at[id], i = len(out), len(out)
			out = append(out, inbox.Entry{Kind: InboxTasksDue, Priority: priority, DueAt: &first, Link: "/campaigns",
				ResourceType: "campaign", ResourceID: &id, StoreID: storeID, Menu: "campaigns",
				Params: map[string]string{"campaign_id": strconv.FormatInt(id, 10), "campaign_name": r.Name}})
		}
		out[i].Count++
	}
	for i := range out {
		e, n := &out[i], out[i].Count
		name := e.Params["campaign_name"]
		e.Params["tasks"] = strconv.Itoa(n)
		e.Title = inbox.Title{Zh: fmt.Sprintf("促销「%s」有 %d 项执行任务待完成", name, n),
			En: fmt.Sprintf("%s: %d promotion tasks to do", name, n)}
	}
	return out, nil
}

// changed answers one entry per published campaign of the store changed since it last
// acknowledged it.
func (s *InboxSource) changed(ctx context.Context, storeID int64) ([]inbox.Entry, error) {
	var rows []struct {
		CampaignID     int64
		Name           string
		ChangedVersion int
	}
	err := s.svc.db.WithContext(ctx).Table("campaign_executions e").Select("e.campaign_id, c.name, e.changed_version").
		Joins("JOIN campaigns c ON c.id = e.campaign_id").
		Where("e.store_id = ? AND e.changed_version > e.acked_version AND c.status = ?", storeID, StatusPublished).
		Order("e.campaign_id").Limit(inbox.MaxItems).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]inbox.Entry, len(rows))
	for i, r := range rows {
		id := r.CampaignID
		out[i] = inbox.Entry{Kind: InboxChanged, Priority: inbox.Normal, Link: fmt.Sprintf("/campaigns/%d", id),
			ResourceType: "campaign", ResourceID: &id, StoreID: storeID, Count: 1, Menu: "campaigns",
			Title: inbox.Title{Zh: fmt.Sprintf("促销档期「%s」已变更，请查看变更内容", r.Name),
				En: fmt.Sprintf("Campaign %s changed: read what changed", r.Name)},
			Params: map[string]string{"campaign_id": strconv.FormatInt(id, 10), "campaign_name": r.Name,
				"version": strconv.Itoa(r.ChangedVersion)}}
	}
	return out, nil
}
