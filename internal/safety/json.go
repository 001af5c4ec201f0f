package safety

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type itemRequest struct {
	Title       string   `json:"title"`
	Kind        string   `json:"kind"`
	Unit        string   `json:"unit"`
	Min         *Reading `json:"min"`
	Max         *Reading `json:"max"`
	Weight      *int     `json:"weight"`
	Critical    bool     `json:"critical"`
	Required    *bool    `json:"required"`
	Guidance    string   `json:"guidance"`
	Choices     []string `json:"choices" validate:"max=10"`
	FailChoices []string `json:"fail_choices" validate:"max=10"`
}

type checklistRequest struct {
	StoreID        *int64        `json:"store_id" validate:"omitempty,min=1"`
	Version        *int          `json:"version" validate:"omitempty,min=1"`
	Active         *bool         `json:"active"`
	Title          string        `json:"title" validate:"required,max=100"`
	Area           string        `json:"area" validate:"required"`
	DepartmentCode string        `json:"department_code" validate:"max=32"`
	PassScore      *int          `json:"pass_score"`
	Items          []itemRequest `json:"items" validate:"required,max=100"`
}

// template converts the request: weight defaults to 10 for scored items (0 otherwise),
// required to true, the pass score to DefaultPassScore.
func (r checklistRequest) template() Template {
	t := Template{Title: r.Title, Area: r.Area, DepartmentCode: r.DepartmentCode, PassScore: DefaultPassScore}
	if r.PassScore != nil {
		t.PassScore = *r.PassScore
	}
	for _, it := range r.Items {
		item := Item{Title: it.Title, Kind: it.Kind, Unit: it.Unit, Min: it.Min, Max: it.Max, Critical: it.Critical,
			Required: true, Guidance: it.Guidance, Choices: it.Choices, FailChoices: it.FailChoices}
		if item.Choices == nil {
			item.Choices = []string{}
		}
		if item.FailChoices == nil {
			item.FailChoices = []string{}
		}
		if item.Scored() {
			item.Weight = 10
		}
		if it.Weight != nil {
			item.Weight = *it.Weight
		}
		if it.Required != nil {
			item.Required = *it.Required
		}
		t.Items = append(t.Items, item)
	}
	return t
}

type checklistJSON struct {
	ID             int64    `json:"id"`
	StoreID        *int64   `json:"store_id"`
	Scope          string   `json:"scope"`
	Title          string   `json:"title"`
	Area           string   `json:"area"`
	DepartmentCode string   `json:"department_code"`
	PassScore      int      `json:"pass_score"`
	Version        int      `json:"version"`
	CurrentVersion int      `json:"current_version"`
	Active         bool     `json:"active"`
	UpdatedByName  string   `json:"updated_by_name"`
	Items          []Item   `json:"items"`
	AllowedActions []string `json:"allowed_actions"`
}

func toChecklistJSON(p *authz.Principal, c Checklist) checklistJSON {
	scope := "chain"
	if c.StoreID != nil {
		scope = "store"
	}
	items := c.Items
	if items == nil {
		items = []Item{}
	}
	return checklistJSON{ID: c.ID, StoreID: c.StoreID, Scope: scope, Title: c.Title, Area: c.Area,
		DepartmentCode: c.DepartmentCode, PassScore: c.PassScore, Version: c.Version, CurrentVersion: c.CurrentVersion,
		Active: c.Active, UpdatedByName: c.CreatedByName, Items: items, AllowedActions: ChecklistActions(p, c)}
}

type answerRequest struct {
	ItemID int      `json:"item_id" validate:"required,min=1"`
	Bool   *bool    `json:"bool"`
	Number *Reading `json:"number"`
	Text   string   `json:"text"`
	Choice string   `json:"choice"`
	Photos []int64  `json:"photos" validate:"max=5"`
	Note   string   `json:"note"`
}

type inspectionRequest struct {
	TemplateID      int64           `json:"template_id" validate:"required,min=1"`
	TemplateVersion int             `json:"template_version" validate:"omitempty,min=1"`
	DepartmentCode  string          `json:"department_code" validate:"required,max=32"`
	Note            string          `json:"note"`
	Answers         []answerRequest `json:"answers" validate:"required,max=100"`
	EquipmentID     *int64          `json:"equipment_id" validate:"omitempty,min=1"`
}

func (r inspectionRequest) inspection() NewInspection {
	n := NewInspection{TemplateID: r.TemplateID, TemplateVersion: r.TemplateVersion, DepartmentCode: r.DepartmentCode,
		Note: r.Note, EquipmentID: r.EquipmentID}
	for _, a := range r.Answers {
		n.Answers = append(n.Answers, Answer(a))
	}
	return n
}

type resultJSON struct {
	Item     Item     `json:"item"`
	Answered bool     `json:"answered"`
	Failed   bool     `json:"failed"`
	Bool     *bool    `json:"bool"`
	Number   *Reading `json:"number"`
	Text     string   `json:"text"`
	Choice   string   `json:"choice"`
	Photos   []int64  `json:"photos"`
	Note     string   `json:"note"`
}

type inspectionJSON struct {
	ID              int64              `json:"id"`
	StoreID         int64              `json:"store_id"`
	DepartmentCode  string             `json:"department_code"`
	Area            string             `json:"area"`
	TemplateID      int64              `json:"template_id"`
	TemplateVersion int                `json:"template_version"`
	Title           string             `json:"title"`
	BusinessDate    civil.Date         `json:"business_date"`
	Score           fixed.Money        `json:"score"`
	PassScore       int                `json:"pass_score"`
	Passed          bool               `json:"passed"`
	CriticalFailed  bool               `json:"critical_failed"`
	FailedCount     int                `json:"failed_count"`
	Note            string             `json:"note"`
	InspectorID     *int64             `json:"inspector_id"`
	InspectorName   string             `json:"inspector_name"`
	CreatedAt       time.Time          `json:"created_at"`
	Results         []resultJSON       `json:"results,omitempty"`
	Photos          []attachments.JSON `json:"photos,omitempty"`
	Actions         []actionJSON       `json:"corrective_actions,omitempty"`
}

func toInspectionJSON(i Inspection) inspectionJSON {
	out := inspectionJSON{ID: i.ID, StoreID: i.StoreID, DepartmentCode: i.DepartmentCode, Area: i.Area,
		TemplateID: i.TemplateID, TemplateVersion: i.TemplateVersion, Title: i.Title, BusinessDate: i.BusinessDate,
		Score: i.Score, PassScore: i.PassScore, Passed: i.Passed, CriticalFailed: i.CriticalFailed,
		FailedCount: i.FailedCount, Note: i.Note, InspectorID: i.InspectorID, InspectorName: i.InspectorName,
		CreatedAt: i.CreatedAt}
	for _, r := range i.Results {
		photos := r.Answer.Photos
		if photos == nil {
			photos = []int64{}
		}
		out.Results = append(out.Results, resultJSON{Item: r.Item, Answered: r.Answered, Failed: r.Failed,
			Bool: r.Answer.Bool, Number: r.Answer.Number, Text: r.Answer.Text, Choice: r.Answer.Choice, Photos: photos,
			Note: r.Answer.Note})
	}
	return out
}

type actionJSON struct {
	ID             int64              `json:"id"`
	StoreID        int64              `json:"store_id"`
	DepartmentCode string             `json:"department_code"`
	InspectionID   *int64             `json:"inspection_id"`
	ItemID         int                `json:"item_id"`
	Title          string             `json:"title"`
	Finding        string             `json:"finding"`
	Critical       bool               `json:"critical"`
	OwnerID        *int64             `json:"owner_id"`
	OwnerName      string             `json:"owner_name"`
	DueDate        civil.Date         `json:"due_date"`
	Status         string             `json:"status"`
	Overdue        bool               `json:"overdue"`
	Note           string             `json:"note"`
	DoneBy         *int64             `json:"done_by"`
	DoneByName     string             `json:"done_by_name"`
	DoneAt         *time.Time         `json:"done_at"`
	VerifiedBy     *int64             `json:"verified_by"`
	VerifiedByName string             `json:"verified_by_name"`
	VerifiedAt     *time.Time         `json:"verified_at"`
	RejectReason   string             `json:"reject_reason"`
	Version        int                `json:"version"`
	CreatedAt      time.Time          `json:"created_at"`
	UpdatedAt      time.Time          `json:"updated_at"`
	Photos         []attachments.JSON `json:"photos,omitempty"`
	AllowedActions []string           `json:"allowed_actions"`
}

func toActionJSON(a Action, photos []attachments.Attachment, allowed []string) actionJSON {
	if allowed == nil {
		allowed = []string{}
	}
	out := actionJSON{ID: a.ID, StoreID: a.StoreID, DepartmentCode: a.DepartmentCode, InspectionID: a.InspectionID,
		ItemID: a.ItemID, Title: a.Title, Finding: a.Finding, Critical: a.Critical, OwnerID: a.OwnerID,
		OwnerName: a.OwnerName, DueDate: a.DueDate, Status: a.Status, Overdue: a.Overdue, Note: a.Note,
		DoneBy: a.DoneBy, DoneByName: a.DoneByName, DoneAt: a.DoneAt, VerifiedBy: a.VerifiedBy,
		VerifiedByName: a.VerifiedByName, VerifiedAt: a.VerifiedAt, RejectReason: a.RejectReason, Version: a.Version,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, AllowedActions: allowed}
	if photos != nil {
		out.Photos = attachments.ToJSONList(photos)
	}
	return out
}

type completeRequest struct {
	Version *int    `json:"version" validate:"omitempty,min=1"`
	Note    string  `json:"note"`
	Photos  []int64 `json:"photos" validate:"max=5"`
}

type rejectRequest struct {
	Version *int   `json:"version" validate:"omitempty,min=1"`
	Reason  string `json:"reason"`
}

type versionRequest struct {
	Version *int `json:"version" validate:"omitempty,min=1"`
}

type actionPatchRequest struct {
	Version *int        `json:"version" validate:"omitempty,min=1"`
	OwnerID *int64      `json:"owner_id" validate:"omitempty,min=1"`
	DueDate *civil.Date `json:"due_date"`
}

type scheduleRequest struct {
	TemplateID     int64  `json:"template_id" validate:"required,min=1"`
	DepartmentCode string `json:"department_code" validate:"required,max=32"`
	Frequency      string `json:"frequency" validate:"required"`
	Weekday        int    `json:"weekday"`
	Version        *int   `json:"version" validate:"omitempty,min=0"`
}

type scheduleJSON struct {
	ID             int64       `json:"id"`
	StoreID        int64       `json:"store_id"`
	TemplateID     int64       `json:"template_id"`
	TemplateTitle  string      `json:"template_title"`
	Area           string      `json:"area"`
	DepartmentCode string      `json:"department_code"`
	Frequency      string      `json:"frequency"`
	Weekday        int         `json:"weekday"`
	Since          civil.Date  `json:"since"`
	State          string      `json:"state"`
	DueDate        *civil.Date `json:"due_date"`
	LastDone       *civil.Date `json:"last_done"`
	Version        int         `json:"version"`
	UpdatedAt      time.Time   `json:"updated_at"`
}

func toScheduleJSON(s Schedule) scheduleJSON {
	out := scheduleJSON{ID: s.ID, StoreID: s.StoreID, TemplateID: s.TemplateID, TemplateTitle: s.TemplateTitle,
		Area: s.Area, DepartmentCode: s.DepartmentCode, Frequency: s.Frequency, Weekday: s.Weekday, Since: s.Since,
		State: s.State, Version: s.Version, UpdatedAt: s.UpdatedAt}
	if s.DueDate != 0 {
		d := s.DueDate
		out.DueDate = &d
	}
	if s.LastDone != 0 {
		d := s.LastDone
		out.LastDone = &d
	}
	return out
}
