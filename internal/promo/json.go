package promo

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type itemJSON struct {
	SKU          string      `json:"sku"`
	Name         string      `json:"name"`
	RegularPrice fixed.Money `json:"regular_price"`
	PromoPrice   fixed.Money `json:"promo_price"`
	CostPrice    fixed.Money `json:"cost_price"`
	BelowCost    bool        `json:"below_cost"`
}

type taskJSONDef struct {
	ID            int64  `json:"id"`
	Kind          string `json:"kind"`
	Title         string `json:"title"`
	Instructions  string `json:"instructions"`
	DueHours      int    `json:"due_hours"`
	PhotoRequired bool   `json:"photo_required"`
}

func toTaskDef(t Task) taskJSONDef { return taskJSONDef(t) }

type campaignJSON struct {
	ID             int64         `json:"id"`
	Name           string        `json:"name"`
	Mechanic       string        `json:"mechanic"`
	StartsOn       civil.Date    `json:"starts_on"`
	EndsOn         civil.Date    `json:"ends_on"`
	Status         string        `json:"status"`
	OwnerStoreID   *int64        `json:"owner_store_id"`
	TargetKind     string        `json:"target_kind"`
	TargetRegion   string        `json:"target_region"`
	TargetStoreIDs []int64       `json:"target_store_ids"`
	Priority       int           `json:"priority"`
	Note           string        `json:"note"`
	CreatedBy      *int64        `json:"created_by"`
	PublishedAt    *time.Time    `json:"published_at"`
	EndedAt        *time.Time    `json:"ended_at"`
	Version        int           `json:"version"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
	Items          []itemJSON    `json:"items,omitempty"`
	Tasks          []taskJSONDef `json:"tasks,omitempty"`
	AllowedActions []string      `json:"allowed_actions"`
}

// allowedActions are what the caller may do to a campaign now: whoever manages it (HQ, or
// the store manager of an in-store promotion) edits, publishes and ends it; others nothing.
func allowedActions(c Campaign, manages bool) []string {
	if !manages {
		return []string{}
	}
	switch c.Status {
	case StatusDraft:
		return []string{"edit", "publish"}
	case StatusPublished:
		return []string{"edit", "publish", "end"}
	}
	return []string{}
}

func toCampaignJSON(c Campaign, detail, manages bool) campaignJSON {
	out := campaignJSON{ID: c.ID, Name: c.Name, Mechanic: c.Mechanic, StartsOn: c.StartsOn, EndsOn: c.EndsOn,
		Status: c.Status, OwnerStoreID: c.OwnerStoreID, TargetKind: c.TargetKind, TargetRegion: c.TargetRegion, TargetStoreIDs: c.TargetStoreIDs,
		Priority: c.Priority, Note: c.Note, CreatedBy: c.CreatedBy, PublishedAt: c.PublishedAt, EndedAt: c.EndedAt,
		Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.Updated, AllowedActions: allowedActions(c, manages)}
	if out.TargetStoreIDs == nil {
		out.TargetStoreIDs = []int64{}
	}
	if detail {
		out.Items, out.Tasks = []itemJSON{}, []taskJSONDef{}
		for _, it := range c.Items {
			out.Items = append(out.Items, itemJSON{SKU: it.SKU, Name: it.Name, RegularPrice: it.RegularPrice,
				PromoPrice: it.PromoPrice, CostPrice: it.CostPrice, BelowCost: it.BelowCost})
		}
		for _, t := range c.Tasks {
			out.Tasks = append(out.Tasks, toTaskDef(t))
		}
	}
	return out
}

type storeTaskJSON struct {
	ID           int64              `json:"id"`
	CampaignID   int64              `json:"campaign_id"`
	CampaignName string             `json:"campaign_name"`
	StoreID      int64              `json:"store_id"`
	Task         taskJSONDef        `json:"task"`
	DueAt        time.Time          `json:"due_at"`
	Status       string             `json:"status"`
	State        string             `json:"state"`
	Note         string             `json:"note"`
	ProblemKind  string             `json:"problem_kind"`
	Answer       string             `json:"answer"`
	DoneBy       *int64             `json:"done_by"`
	DoneAt       *time.Time         `json:"done_at"`
	Version      int                `json:"version"`
	Photos       []attachments.JSON `json:"photos"`
}

func toTaskJSON(t StoreTask, now time.Time) storeTaskJSON {
	return storeTaskJSON{ID: t.ID, CampaignID: t.CampaignID, CampaignName: t.CampaignName, StoreID: t.StoreID,
		Task: toTaskDef(t.Task), DueAt: t.DueAt, Status: t.Status, State: t.State(now), Note: t.Note,
		ProblemKind: t.Problem, Answer: t.Answer, DoneBy: t.DoneBy, DoneAt: t.DoneAt, Version: t.Version,
		Photos: []attachments.JSON{}}
}

type executionJSON struct {
	CampaignID   int64           `json:"campaign_id"`
	CampaignName string          `json:"campaign_name"`
	StartsOn     civil.Date      `json:"starts_on"`
	EndsOn       civil.Date      `json:"ends_on"`
	Tasks        []storeTaskJSON `json:"tasks"`
	// ChangedSinceAck: HQ changed the campaign since the store's staff last acknowledged it.
	ChangedSinceAck bool          `json:"changed_since_ack"`
	LatestRevision  *revisionJSON `json:"latest_revision"`
}

// toExecutionsJSON groups a store's tasks (by due time) per campaign, the campaign with the
// first task due first; the store's campaigns without a task listed follow by start.
func toExecutionsJSON(campaigns []StoreCampaign, tasks []StoreTask, now time.Time) []executionJSON {
	out := []executionJSON{}
	index := map[int64]int{}
	for _, t := range tasks {
		i, ok := index[t.CampaignID]
		if !ok {
			i = len(out)
			index[t.CampaignID] = i
			out = append(out, executionJSON{CampaignID: t.CampaignID, CampaignName: t.CampaignName, StartsOn: t.StartsOn,
				EndsOn: t.EndsOn, Tasks: []storeTaskJSON{}})
		}
		out[i].Tasks = append(out[i].Tasks, toTaskJSON(t, now))
	}
	for _, c := range campaigns {
		if _, ok := index[c.CampaignID]; !ok {
			out = append(out, executionJSON{CampaignID: c.CampaignID, CampaignName: c.CampaignName, StartsOn: c.StartsOn,
				EndsOn: c.EndsOn, Tasks: []storeTaskJSON{}})
		}
	}
	return out
}

type countsJSON struct {
	Done          int          `json:"done"`
	Late          int          `json:"late"`
	Overdue       int          `json:"overdue"`
	Problem       int          `json:"problem"`
	Pending       int          `json:"pending"`
	CompliancePct *fixed.Money `json:"compliance_pct"`
}

func toCounts(c Compliance) countsJSON {
	out := countsJSON{Done: c.Done, Late: c.Late, Overdue: c.Overdue, Problem: c.Problem, Pending: c.Pending}
	if pct, ok := c.Pct(); ok {
		out.CompliancePct = &pct
	}
	return out
}

type cellJSON struct {
	TaskRunID int64  `json:"task_run_id"`
	State     string `json:"state"`
}

type storeComplianceJSON struct {
	countsJSON
	StoreID   int64      `json:"store_id"`
	StoreCode string     `json:"store_code"`
	StoreName string     `json:"store_name"`
	Cells     []cellJSON `json:"cells"`
}

type complianceJSON struct {
	AsOf   time.Time             `json:"as_of"`
	Tasks  []taskJSONDef         `json:"tasks"`
	Total  countsJSON            `json:"total"`
	Stores []storeComplianceJSON `json:"stores"`
}

func toComplianceJSON(c CampaignCompliance) complianceJSON {
	out := complianceJSON{AsOf: c.AsOf.UTC(), Tasks: []taskJSONDef{}, Total: toCounts(c.Total), Stores: []storeComplianceJSON{}}
	for _, t := range c.Tasks {
		out.Tasks = append(out.Tasks, toTaskDef(t))
	}
	for _, s := range c.Stores {
		row := storeComplianceJSON{countsJSON: toCounts(s.Compliance), StoreID: s.StoreID,
			StoreCode: s.StoreCode, StoreName: s.StoreName, Cells: []cellJSON{}}
		for _, st := range s.States {
			row.Cells = append(row.Cells, cellJSON{TaskRunID: st.RunID, State: st.State})
		}
		out.Stores = append(out.Stores, row)
	}
	return out
}
