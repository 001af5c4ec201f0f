package tasks

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/civil"
)

type taskJSON struct {
	ID               int64              `json:"id"`
	StoreID          int64              `json:"store_id"`
	TemplateID       *int64             `json:"template_id"`
	Kind             string             `json:"kind"`
	BusinessDate     civil.Date         `json:"business_date"`
	DepartmentCode   *string            `json:"department_code"`
	AssigneeID       *int64             `json:"assignee_id"`
	AssigneeName     *string            `json:"assignee_name"`
	Title            string             `json:"title"`
	TitleEn          string             `json:"title_en"`
	Note             string             `json:"note"`
	DueAt            time.Time          `json:"due_at"`
	EstimatedMinutes int                `json:"estimated_minutes"`
	Status           string             `json:"status"`
	Overdue          bool               `json:"overdue"`
	DoneAt           *time.Time         `json:"done_at"`
	DoneByName       *string            `json:"done_by_name"`
	DoneNote         string             `json:"done_note"`
	Photos           []attachments.JSON `json:"photos,omitempty"`
	CreatedByName    string             `json:"created_by_name"`
	Source           *sourceJSON        `json:"source"`
	Version          int                `json:"version"`
	AllowedActions   []string           `json:"allowed_actions"`
	Warnings         []warningJSON      `json:"warnings,omitempty"`
}

type sourceJSON struct {
	Kind string `json:"kind"`
	ID   int64  `json:"id"`
}

type warningJSON struct {
	Code             string     `json:"code"`
	Message          string     `json:"message"`
	DepartmentCode   string     `json:"department_code"`
	BusinessDate     civil.Date `json:"business_date"`
	EstimatedMinutes int        `json:"estimated_minutes"`
	CapacityMinutes  int        `json:"capacity_minutes"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toTaskJSON(t Task, now time.Time, actions []string) taskJSON {
	kind := "recurring"
	if t.TemplateID == nil {
		kind = "adhoc"
	}
	out := taskJSON{ID: t.ID, StoreID: t.StoreID, TemplateID: t.TemplateID, Kind: kind, BusinessDate: t.BusinessDate,
		DepartmentCode: optional(t.DepartmentCode), AssigneeID: t.AssigneeID, AssigneeName: optional(t.AssigneeName),
		Title: t.TitleZh, TitleEn: or(t.TitleEn, t.TitleZh), Note: t.Note, DueAt: t.DueAt,
		EstimatedMinutes: t.EstimatedMinutes, Status: t.StatusAt(now), Overdue: t.Overdue(now), DoneAt: t.DoneAt,
		DoneByName: optional(t.DoneByName), DoneNote: t.DoneNote, CreatedByName: t.CreatedByName, Version: t.Version,
		AllowedActions: actions}
	if t.Source != nil {
		out.Source = &sourceJSON{Kind: t.Source.Kind, ID: t.Source.ID}
	}
	return out
}

func toWarningsJSON(ws []Warning) []warningJSON {
	out := make([]warningJSON, len(ws))
	for i, w := range ws {
		out[i] = warningJSON{Code: w.Code, Message: w.Message, DepartmentCode: w.DepartmentCode,
			BusinessDate: w.BusinessDate, EstimatedMinutes: w.Minutes, CapacityMinutes: w.Budget}
	}
	return out
}

type templateJSON struct {
	ID               int64     `json:"id"`
	StoreID          *int64    `json:"store_id"`
	DepartmentCode   string    `json:"department_code"`
	TitleZh          string    `json:"title_zh"`
	TitleEn          string    `json:"title_en"`
	Recurrence       string    `json:"recurrence"`
	Weekdays         []int     `json:"weekdays"`
	MonthDay         *int      `json:"month_day"`
	DueTime          string    `json:"due_time"`
	EstimatedMinutes int       `json:"estimated_minutes"`
	Active           bool      `json:"active"`
	Version          int       `json:"version"`
	UpdatedAt        time.Time `json:"updated_at"`
}

func toTemplateJSON(t Template) templateJSON {
	out := templateJSON{ID: t.ID, StoreID: t.StoreID, DepartmentCode: t.DepartmentCode, TitleZh: t.TitleZh,
		TitleEn: t.TitleEn, Recurrence: t.Recurrence, Weekdays: WeekdayList(t.Weekdays), DueTime: TimeOfDay(t.DueMinute),
		EstimatedMinutes: t.EstimatedMinutes, Active: t.Active, Version: t.Version, UpdatedAt: t.UpdatedAt}
	if t.Recurrence == Monthly {
		d := t.MonthDay
		out.MonthDay = &d
	}
	return out
}

type capacityJSON struct {
	DepartmentCode string `json:"department_code"`
	MinutesPerDay  int    `json:"minutes_per_day"`
	IsDefault      bool   `json:"is_default"`
	Version        int    `json:"version"`
}

func toCapacityJSON(c Capacity) capacityJSON {
	return capacityJSON{DepartmentCode: c.DepartmentCode, MinutesPerDay: c.MinutesPerDay, IsDefault: !c.Set, Version: c.Version}
}

type loadDayJSON struct {
	BusinessDate     civil.Date `json:"business_date"`
	DepartmentCode   string     `json:"department_code"`
	Tasks            int        `json:"tasks"`
	EstimatedMinutes int        `json:"estimated_minutes"`
	CapacityMinutes  int        `json:"capacity_minutes"`
	OverCapacity     bool       `json:"over_capacity"`
}

type loadJSON struct {
	From       civil.Date     `json:"from"`
	To         civil.Date     `json:"to"`
	Capacities []capacityJSON `json:"capacities"`
	Days       []loadDayJSON  `json:"days"`
	OverDays   int            `json:"over_days"`
}

func toLoadJSON(r LoadReport) loadJSON {
	out := loadJSON{From: r.From, To: r.To, Capacities: make([]capacityJSON, len(r.Capacities)),
		Days: make([]loadDayJSON, len(r.Days))}
	for i, c := range r.Capacities {
		out.Capacities[i] = toCapacityJSON(c)
	}
	for i, l := range r.Days {
		out.Days[i] = loadDayJSON{BusinessDate: l.BusinessDate, DepartmentCode: l.DepartmentCode, Tasks: l.Tasks,
			EstimatedMinutes: l.EstimatedMinutes, CapacityMinutes: l.CapacityMinutes, OverCapacity: l.Over()}
		if l.Over() {
			out.OverDays++
		}
	}
	return out
}
