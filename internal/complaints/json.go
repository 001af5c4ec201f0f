package complaints

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type stepJSON struct {
	ID            int64              `json:"id"`
	Note          string             `json:"note"`
	Photos        []attachments.JSON `json:"photos"`
	CreatedBy     *int64             `json:"created_by"`
	CreatedByName string             `json:"created_by_name"`
	CreatedAt     time.Time          `json:"created_at"`
}

type complaintJSON struct {
	ID             int64       `json:"id"`
	StoreID        int64       `json:"store_id"`
	Channel        string      `json:"channel"`
	Category       string      `json:"category"`
	DepartmentCode *string     `json:"department_code"`
	SKU            *string     `json:"sku"`
	ProductName    *string     `json:"product_name"`
	Description    string      `json:"description"`
	ReceivedAt     time.Time   `json:"received_at"`
	Status         string      `json:"status"`
	Resolution     string      `json:"resolution"`
	Compensation   fixed.Money `json:"compensation"`
	ResolvedAt     *time.Time  `json:"resolved_at"`
	// HoursToResolve is the time to resolve in hours (2 decimals); null while open.
	HoursToResolve *fixed.Money `json:"hours_to_resolve"`
	CreatedBy      *int64       `json:"created_by"`
	CreatedByName  string       `json:"created_by_name"`
	Version        int          `json:"version"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
	Steps          []stepJSON   `json:"steps,omitempty"`
	AllowedActions []string     `json:"allowed_actions"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// hours turns a duration into hours with 2 decimals, rounded half up.
func hours(d time.Duration) fixed.Money {
	return fixed.Money((d + 18*time.Second) / (36 * time.Second))
}

func toJSON(d Detail, actions []string, withSteps bool) complaintJSON {
	c := d.Complaint
	out := complaintJSON{ID: c.ID, StoreID: c.StoreID, Channel: c.Channel, Category: c.Category,
		DepartmentCode: optional(c.DepartmentCode), SKU: optional(c.SKU), ProductName: optional(c.Name),
		Description: c.Description, ReceivedAt: c.ReceivedAt, Status: c.Status, Resolution: c.Resolution,
		Compensation: c.Compensation, ResolvedAt: c.ResolvedAt, CreatedBy: c.CreatedBy, CreatedByName: c.CreatedByName,
		Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, AllowedActions: actions}
	if ttr := c.TimeToResolve(); ttr != nil {
		h := hours(*ttr)
		out.HoursToResolve = &h
	}
	if withSteps {
		out.Steps = make([]stepJSON, len(d.Steps))
		for i, s := range d.Steps {
			out.Steps[i] = stepJSON{ID: s.ID, Note: s.Note, Photos: attachments.ToJSONList(d.Photos[s.ID]),
				CreatedBy: s.CreatedBy, CreatedByName: s.CreatedByName, CreatedAt: s.CreatedAt}
		}
	}
	return out
}

type groupJSON struct {
	Key                string       `json:"key"`
	Count              int          `json:"count"`
	Open               int          `json:"open"`
	Resolved           int          `json:"resolved"`
	Compensation       fixed.Money  `json:"compensation"`
	MeanHoursToResolve *fixed.Money `json:"mean_hours_to_resolve"`
}

type storeGroupJSON struct {
	StoreID            int64        `json:"store_id"`
	StoreName          string       `json:"store_name"`
	Count              int          `json:"count"`
	Open               int          `json:"open"`
	Resolved           int          `json:"resolved"`
	Compensation       fixed.Money  `json:"compensation"`
	MeanHoursToResolve *fixed.Money `json:"mean_hours_to_resolve"`
}

type reportJSON struct {
	From         civil.Date  `json:"from"`
	To           civil.Date  `json:"to"`
	StoreID      *int64      `json:"store_id"`
	Total        groupJSON   `json:"total"`
	ByCategory   []groupJSON `json:"by_category"`
	ByDepartment []groupJSON `json:"by_department"`
	// ByStore is the chain report's (absent from a store's).
	ByStore *[]storeGroupJSON `json:"by_store,omitempty"`
}

func toReportJSON(rep Report, from, to civil.Date, storeID *int64) reportJSON {
	out := reportJSON{From: from, To: to, StoreID: storeID, Total: toGroupJSON(rep.Total),
		ByCategory: toGroupsJSON(rep.ByCategory), ByDepartment: toGroupsJSON(rep.ByDepartment)}
	if storeID == nil {
		stores := make([]storeGroupJSON, len(rep.ByStore))
		for i, g := range rep.ByStore {
			stores[i] = storeGroupJSON{StoreID: g.StoreID, StoreName: g.StoreName, Count: g.Count, Open: g.Open,
				Resolved: g.Resolved, Compensation: g.Compensation, MeanHoursToResolve: g.MeanHoursToResolve}
		}
		out.ByStore = &stores
	}
	return out
}

func toGroupJSON(g Group) groupJSON { return groupJSON(g) }

func toGroupsJSON(gs []Group) []groupJSON {
	out := make([]groupJSON, len(gs))
	for i, g := range gs {
		out[i] = toGroupJSON(g)
	}
	return out
}
