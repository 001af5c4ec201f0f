// Package risk keeps the chain's risk register (风险登记), the incidents stores log against
// it with their response timeline (突发事件), and pre-event readiness checklists (活动前准备,
// e.g. before Double 11) generated from the register's response measures for every store.
package risk

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Levels of a risk or an incident, lowest first.
const (
	LevelLow    = "low"
	LevelMedium = "medium"
	LevelHigh   = "high"
)

// Levels lists them, lowest first.
var Levels = []string{LevelLow, LevelMedium, LevelHigh}

// Departments are the owner departments a risk may name.
var Departments = []string{"it", "logistics", "store_ops", "quality", "security"}

// Statuses of an incident, in the order it moves through them.
const (
	StatusOpen       = "open"
	StatusResponding = "responding"
	StatusResolved   = "resolved"
	StatusClosed     = "closed"
)

// Statuses lists them.
var Statuses = []string{StatusOpen, StatusResponding, StatusResolved, StatusClosed}

// Actions of an incident's allowed_actions.
const (
	ActionEdit      = "edit"
	ActionAddAction = "add_action"
	ActionResolve   = "resolve"
	ActionClose     = "close"
)

// Measure is one response step of a risk, in Chinese and English.
type Measure struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// Risk is one line of the chain's risk register.
type Risk struct {
	ID              int64
	Code            string
	Name, NameEn    string
	Level           string
	Symptoms        string
	SymptomsEn      string
	OwnerDepartment string
	Measures        []Measure
	Active          bool
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Validate checks a risk's fields, naming every problem.
func (r *Risk) Validate() error {
	fe := apperr.FieldErrors{}
	r.Code = strings.TrimSpace(r.Code)
	if r.Code == "" || len(r.Code) > 40 || strings.ContainsAny(r.Code, " /?#%") {
		fe.Add("code", "is required: at most 40 characters, no spaces or slashes")
	}
	r.Name = strings.TrimSpace(r.Name)
	text(fe, "name", r.Name, 100, true)
	text(fe, "name_en", r.NameEn, 100, false)
	oneOf(fe, "level", r.Level, Levels)
	text(fe, "symptoms", r.Symptoms, 1000, false)
	text(fe, "symptoms_en", r.SymptomsEn, 1000, false)
	oneOf(fe, "owner_department", r.OwnerDepartment, Departments)
	if len(r.Measures) == 0 || len(r.Measures) > 20 {
		fe.Add("measures", "needs 1 to 20 steps")
	}
	for i, m := range r.Measures {
		r.Measures[i].Zh, r.Measures[i].En = strings.TrimSpace(m.Zh), strings.TrimSpace(m.En)
		if r.Measures[i].Zh == "" || utf8.RuneCountInString(m.Zh) > 500 || utf8.RuneCountInString(m.En) > 500 {
			fe.Add("measures["+itoa(i)+"]", "needs its Chinese text, at most 500 characters each")
		}
	}
	return fe.Err()
}

// Raised reports whether level is at least base: an incident's level may be raised above
// its risk's, never lowered below it.
func Raised(level, base string) bool {
	return slices.Index(Levels, level) >= slices.Index(Levels, base)
}

// IncidentActions answers what a caller may do to an incident in status: the store's staff
// (handles) edit it, add actions and resolve it while it is open or responding; the store
// manager or HQ quality (closes) close a resolved one.
func IncidentActions(status string, handles, closes bool) []string {
	out := []string{}
	switch status {
	case StatusOpen, StatusResponding:
		if handles {
			out = append(out, ActionEdit, ActionAddAction, ActionResolve)
		}
	case StatusResolved:
		if closes {
			out = append(out, ActionClose)
		}
	}
	return out
}

// Transition answers the status an incident moves to by action from status, or false when
// the action is not allowed in that status. An action on an open incident starts the response.
func Transition(status, action string) (string, bool) {
	switch {
	case action == ActionAddAction && (status == StatusOpen || status == StatusResponding):
		return StatusResponding, true
	case action == ActionEdit && (status == StatusOpen || status == StatusResponding):
		return status, true
	case action == ActionResolve && (status == StatusOpen || status == StatusResponding):
		return StatusResolved, true
	case action == ActionClose && status == StatusResolved:
		return StatusClosed, true
	}
	return status, false
}

// TimeToResolve is how long an incident took from occurring to resolution; nil while
// unresolved.
func TimeToResolve(occurred time.Time, resolved *time.Time) *time.Duration {
	if resolved == nil {
		return nil
	}
	d := max(resolved.Sub(occurred), 0)
	return &d
}

// Percent is done of total as a whole percentage rounded down (100 only when all are done);
// 0 for an empty checklist.
func Percent(done, total int) int {
	if total <= 0 {
		return 0
	}
	return done * 100 / total
}

func text(fe apperr.FieldErrors, field, v string, limit int, required bool) {
	if required && strings.TrimSpace(v) == "" {
		fe.Add(field, "is required")
	} else if utf8.RuneCountInString(v) > limit {
		fe.Add(field, "at most "+itoa(limit)+" characters")
	}
}

func oneOf(fe apperr.FieldErrors, field, v string, allowed []string) {
	if v == "" {
		fe.Add(field, "is required")
	} else if !slices.Contains(allowed, v) {
		fe.Add(field, "must be one of: "+strings.Join(allowed, ", "))
	}
}
