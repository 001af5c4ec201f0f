package risk

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type riskJSON struct {
	ID              int64     `json:"id"`
	Code            string    `json:"code"`
	Name            string    `json:"name"`
	NameEn          string    `json:"name_en"`
	Level           string    `json:"level"`
	Symptoms        string    `json:"symptoms"`
	SymptomsEn      string    `json:"symptoms_en"`
	OwnerDepartment string    `json:"owner_department"`
	Measures        []Measure `json:"measures"`
	Active          bool      `json:"active"`
	Version         int       `json:"version"`
	UpdatedAt       time.Time `json:"updated_at"`
}

func toRiskJSON(r Risk) riskJSON {
	return riskJSON{ID: r.ID, Code: r.Code, Name: r.Name, NameEn: r.NameEn, Level: r.Level, Symptoms: r.Symptoms,
		SymptomsEn: r.SymptomsEn, OwnerDepartment: r.OwnerDepartment, Measures: r.Measures, Active: r.Active,
		Version: r.Version, UpdatedAt: r.UpdatedAt}
}

type actionJSON struct {
	ID            int64              `json:"id"`
	Kind          string             `json:"kind"`
	Note          string             `json:"note"`
	Photos        []attachments.JSON `json:"photos"`
	CreatedBy     *int64             `json:"created_by"`
	CreatedByName string             `json:"created_by_name"`
	CreatedAt     time.Time          `json:"created_at"`
}

type incidentJSON struct {
	ID          int64      `json:"id"`
	StoreID     int64      `json:"store_id"`
	RiskID      int64      `json:"risk_id"`
	RiskCode    string     `json:"risk_code"`
	RiskName    string     `json:"risk_name"`
	RiskNameEn  string     `json:"risk_name_en"`
	Level       string     `json:"level"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	OccurredAt  time.Time  `json:"occurred_at"`
	OwnerID     *int64     `json:"owner_id"`
	OwnerName   string     `json:"owner_name"`
	Status      string     `json:"status"`
	Resolution  string     `json:"resolution"`
	ResolvedAt  *time.Time `json:"resolved_at"`
	ResolvedBy  string     `json:"resolved_by_name"`
	ClosedAt    *time.Time `json:"closed_at"`
	// HoursToResolve is the time to resolve in hours (2 decimals); null until resolved.
	HoursToResolve *fixed.Money `json:"hours_to_resolve"`
	CreatedByName  string       `json:"created_by_name"`
	Version        int          `json:"version"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
	Actions        []actionJSON `json:"actions,omitempty"`
	AllowedActions []string     `json:"allowed_actions"`
}

// hours turns a duration into hours with 2 decimals, rounded half up.
func hours(d time.Duration) fixed.Money {
	return fixed.Money((d + 18*time.Second) / (36 * time.Second))
}

func toIncidentJSON(d IncidentDetail, allowed []string, withActions bool) incidentJSON {
	in := d.Incident
	out := incidentJSON{ID: in.ID, StoreID: in.StoreID, RiskID: in.RiskID, RiskCode: in.RiskCode, RiskName: in.RiskName,
		RiskNameEn: in.RiskNameEn, Level: in.Level, Title: in.Title, Description: in.Description, OccurredAt: in.OccurredAt,
		OwnerID: in.OwnerID, OwnerName: in.OwnerName, Status: in.Status, Resolution: in.Resolution,
		ResolvedAt: in.ResolvedAt, ResolvedBy: in.ResolvedBy, ClosedAt: in.ClosedAt, CreatedByName: in.CreatedByName,
		Version: in.Version, CreatedAt: in.CreatedAt, UpdatedAt: in.UpdatedAt, AllowedActions: allowed}
	if ttr := TimeToResolve(in.OccurredAt, in.ResolvedAt); ttr != nil {
		h := hours(*ttr)
		out.HoursToResolve = &h
	}
	if withActions {
		out.Actions = make([]actionJSON, len(d.Actions))
		for i, a := range d.Actions {
			out.Actions[i] = actionJSON{ID: a.ID, Kind: a.Kind, Note: a.Note, Photos: attachments.ToJSONList(d.Photos[a.ID]),
				CreatedBy: a.CreatedBy, CreatedByName: a.CreatedByName, CreatedAt: a.CreatedAt}
		}
	}
	return out
}

type completionJSON struct {
	StoreID   int64  `json:"store_id"`
	StoreName string `json:"store_name"`
	Done      int    `json:"done"`
	Total     int    `json:"total"`
	Percent   int    `json:"percent"`
}

type eventJSON struct {
	ID            int64            `json:"id"`
	Name          string           `json:"name"`
	EventDate     civil.Date       `json:"event_date"`
	RiskIDs       []int64          `json:"risk_ids"`
	ItemsPerStore int              `json:"items_per_store"`
	Done          int              `json:"done"`
	Total         int              `json:"total"`
	Percent       int              `json:"percent"`
	CreatedByName string           `json:"created_by_name"`
	CreatedAt     time.Time        `json:"created_at"`
	Stores        []completionJSON `json:"stores,omitempty"`
}

func toEventJSON(e Event, perStore bool) eventJSON {
	out := eventJSON{ID: e.ID, Name: e.Name, EventDate: e.Date, RiskIDs: e.RiskIDs, ItemsPerStore: e.Items,
		CreatedByName: e.CreatedByName, CreatedAt: e.CreatedAt}
	if out.RiskIDs == nil {
		out.RiskIDs = []int64{}
	}
	if perStore {
		out.Stores = make([]completionJSON, len(e.Stores))
	}
	for i, c := range e.Stores {
		out.Done += c.Done
		out.Total += c.Total
		if perStore {
			out.Stores[i] = completionJSON{StoreID: c.StoreID, StoreName: c.StoreName, Done: c.Done, Total: c.Total,
				Percent: Percent(c.Done, c.Total)}
		}
	}
	out.Percent = Percent(out.Done, out.Total)
	return out
}

type itemJSON struct {
	ID         int64      `json:"id"`
	EventID    int64      `json:"event_id"`
	StoreID    int64      `json:"store_id"`
	RiskID     int64      `json:"risk_id"`
	Seq        int        `json:"seq"`
	Title      string     `json:"title"`
	TitleEn    string     `json:"title_en"`
	Done       bool       `json:"done"`
	DoneAt     *time.Time `json:"done_at"`
	DoneByName string     `json:"done_by_name"`
	Note       string     `json:"note"`
}

func toItemJSON(it ReadinessItem) itemJSON {
	return itemJSON{ID: it.ID, EventID: it.EventID, StoreID: it.StoreID, RiskID: it.RiskID, Seq: it.Seq, Title: it.Title,
		TitleEn: it.TitleEn, Done: it.DoneAt != nil, DoneAt: it.DoneAt, DoneByName: it.DoneByName, Note: it.Note}
}

type checklistJSON struct {
	Event eventJSON  `json:"event"`
	Items []itemJSON `json:"items"`
}
