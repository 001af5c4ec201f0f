package coldchain

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/inbox"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/paging"
)

// InboxTemperatureAlert is the Today entry of an open temperature alert of the caller's
// store (a supervisor: their departments), documented in api/openapi.yaml.
const InboxTemperatureAlert = "safety.temperature_alert"

// InboxSource puts open temperature alerts in the Today inbox of a store's staff.
type InboxSource struct{ svc *Service }

// NewInboxSource returns the cold chain's inbox source.
func NewInboxSource(svc *Service) *InboxSource { return &InboxSource{svc: svc} }

// Today answers one entry per active alert of the caller's store, at most 50.
func (s *InboxSource) Today(ctx context.Context, p *authz.Principal, now time.Time) ([]inbox.Entry, error) {
	if p == nil || !p.Role.StoreBound() || p.StoreID == nil {
		return nil, nil
	}
	storeID := *p.StoreID
	alerts, _, err := s.svc.ListAlerts(ctx, p, storeID, AlertFilter{Active: true}, paging.Page{Page: 1, PageSize: 50})
	if err != nil {
		return nil, err
	}
	out := make([]inbox.Entry, 0, len(alerts))
	for _, a := range alerts {
		id := a.ID
		worst := a.MaxCelsius
		if a.LimitMin != nil && a.MinCelsius < *a.LimitMin {
			worst = a.MinCelsius
		}
		priority := inbox.High
		if a.Status == AlertAcknowledged {
			priority = inbox.Normal
		}
		out = append(out, inbox.Entry{Kind: InboxTemperatureAlert, Priority: priority, StoreID: storeID,
			DepartmentCode: a.DepartmentCode, ResourceType: "temperature_alert", ResourceID: &id, Count: 1, Menu: "safety",
			Link: fmt.Sprintf("/safety/equipment/%d", a.EquipmentID),
			Title: inbox.Title{Zh: fmt.Sprintf("温度报警：%s %s °C", a.EquipmentName, worst),
				En: fmt.Sprintf("Temperature alert: %s %s °C", a.EquipmentName, worst)},
			Params: map[string]string{"alert_id": strconv.FormatInt(id, 10), "equipment_id": strconv.FormatInt(a.EquipmentID, 10),
				"equipment_name": a.EquipmentName, "celsius": worst.String(), "status": a.Status,
				"range": RangeText(a.LimitMin, a.LimitMax), "started_at": a.StartedAt.Format(time.RFC3339)}})
	}
	return out, nil
}
