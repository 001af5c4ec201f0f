package risk

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Kinds of the module's Today entries (documented in api/openapi.yaml).
const (
	// InboxReadinessDue: the store has unticked readiness items for an event within
	// ReadinessDays days (the store's manager and supervisors).
	InboxReadinessDue = "risk.readiness_due"
	// InboxIncidentOpen: the store's incidents not yet resolved (the store's manager).
	InboxIncidentOpen = "risk.incident_open"
)

// ReadinessDays is how many days before an event its open items show in the inbox.
const ReadinessDays = 7

// InboxSource puts readiness items due and open incidents in a store's Today inbox.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the risk module's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers the caller's entries for their store.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	loc, err := s.svc.Org.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, err
	}
	out, err := s.readiness(ctx, storeID, civil.Today(now, loc), loc)
	if err != nil || p.Role != authz.RoleStoreManager {
		return out, err
	}
	more, err := s.incidents(ctx, storeID)
	return append(out, more...), err
}

func (s *InboxSource) readiness(ctx context.Context, storeID int64, today civil.Date, loc *time.Location) ([]inbox.Entry, error) {
	var rows []struct {
		EventID   int64
		Name      string
		EventDate civil.Date
		Open      int
	}
	err := s.svc.db.WithContext(ctx).Table("readiness_items").
		Select("readiness_items.event_id, e.name, e.event_date, COUNT(*) AS open").
		Joins("JOIN readiness_events e ON e.id = readiness_items.event_id").
		Where("readiness_items.store_id = ? AND readiness_items.done_at IS NULL AND e.event_date >= ? AND e.event_date <= ?",
			storeID, today, today.AddDays(ReadinessDays)).
		Group("readiness_items.event_id, e.name, e.event_date").Order("e.event_date").Limit(20).Scan(&rows).Error
	out := make([]inbox.Entry, len(rows))
	for i, r := range rows {
		id := r.EventID
		t := r.EventDate.Time()
		due := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		priority := inbox.Normal
		if r.EventDate.AddDays(-2) <= today {
			priority = inbox.High
		}
		n := strconv.Itoa(r.Open)
		out[i] = inbox.Entry{Kind: InboxReadinessDue, Priority: priority, DueAt: &due, Link: "/readiness?event=" + strconv.FormatInt(id, 10),
			ResourceType: "readiness_event", ResourceID: &id, StoreID: storeID, Count: r.Open, Menu: "readiness",
			Title: inbox.Title{Zh: fmt.Sprintf("「%s」活动前准备还有 %s 项未完成", r.Name, n),
				En: fmt.Sprintf("%s readiness: %s items still open", r.Name, n)},
			Params: map[string]string{"event_id": strconv.FormatInt(id, 10), "name": r.Name, "event_date": r.EventDate.String(), "open": n}}
	}
	return out, err
}

func (s *InboxSource) incidents(ctx context.Context, storeID int64) ([]inbox.Entry, error) {
	var rows []incidentRow
	err := s.svc.db.WithContext(ctx).Select("id, store_id, level, title, status, occurred_at").
		Where("store_id = ? AND status IN ?", storeID, []string{StatusOpen, StatusResponding}).
		Order("occurred_at").Limit(50).Find(&rows).Error
	out := make([]inbox.Entry, len(rows))
	for i, r := range rows {
		id := r.ID
		priority := inbox.Normal
		if r.Level == LevelHigh {
			priority = inbox.High
		}
		out[i] = inbox.Entry{Kind: InboxIncidentOpen, Priority: priority, Link: fmt.Sprintf("/incidents/%d", id),
			ResourceType: "incident", ResourceID: &id, StoreID: r.StoreID, Count: 1, Menu: "incidents",
			Title: inbox.Title{Zh: fmt.Sprintf("突发事件 #%d「%s」尚未解决", id, r.Title),
				En: fmt.Sprintf("Incident #%d \"%s\" is not resolved yet", id, r.Title)},
			Params: map[string]string{"incident_id": strconv.FormatInt(id, 10), "level": r.Level, "status": r.Status, "title": r.Title}}
	}
	return out, err
}
