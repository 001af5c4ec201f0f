// Package tasks keeps the daily work of a store (日常工作): recurring task templates per
// department, the tasks generated from them for each store's business day, ad-hoc tasks a
// store manager assigns, their completion with note and photos, overdue marking and the load
// gatekeeper that compares each department's planned minutes with its capacity.
package tasks

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Recurrences of a template.
const (
	Daily   = "daily"
	Weekly  = "weekly"
	Monthly = "monthly"
)

// Recurrences lists them.
var Recurrences = []string{Daily, Weekly, Monthly}

// Statuses of a task as stored; overdue is computed (open and past its due time).
const (
	StatusOpen    = "open"
	StatusDone    = "done"
	StatusOverdue = "overdue"
)

// Statuses lists the statuses a list filters by.
var Statuses = []string{StatusOpen, StatusDone, StatusOverdue}

// ActionComplete is the one workflow step of a task.
const ActionComplete = "complete"

// DefaultCapacityMinutes is a department's daily task capacity until the manager sets one:
// one person's four hours beside their other work.
const DefaultCapacityMinutes = 240

// Template is a recurring task of a department: the chain's (StoreID nil) or one store's.
type Template struct {
	ID               int64
	StoreID          *int64
	DepartmentCode   string
	TitleZh, TitleEn string
	Recurrence       string
	// Weekdays of a weekly template, as a bit set: bit 0 Sunday … bit 6 Saturday.
	Weekdays int
	// MonthDay of a monthly template, 1–31; a short month's last day stands for 29–31.
	MonthDay int
	// DueMinute is the time of day due, minutes after the store's midnight.
	DueMinute        int
	EstimatedMinutes int
	Active           bool
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Falls reports whether the template makes a task on day d.
func (t Template) Falls(d civil.Date) bool {
	if !t.Active {
		return false
	}
	switch t.Recurrence {
	case Daily:
		return true
	case Weekly:
		return t.Weekdays&(1<<int(d.Weekday())) != 0
	case Monthly:
		tm := d.Time()
		last := time.Date(tm.Year(), tm.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return tm.Day() == min(t.MonthDay, last)
	}
	return false
}

// DueAt is the instant a task of day d due at minute m of the store's day falls, in UTC.
func DueAt(d civil.Date, minute int, loc *time.Location) time.Time {
	tm := d.Time()
	return time.Date(tm.Year(), tm.Month(), tm.Day(), minute/60, minute%60, 0, 0, loc).UTC()
}

// Validate checks a template's fields, naming every problem.
func (t *Template) Validate() error {
	fe := apperr.FieldErrors{}
	t.TitleZh, t.TitleEn = strings.TrimSpace(t.TitleZh), strings.TrimSpace(t.TitleEn)
	if t.TitleZh == "" && t.TitleEn != "" {
		t.TitleZh = t.TitleEn
	}
	if t.TitleZh == "" || utf8.RuneCountInString(t.TitleZh) > 200 {
		fe.Add("title_zh", "is required, at most 200 characters")
	}
	if utf8.RuneCountInString(t.TitleEn) > 200 {
		fe.Add("title_en", "at most 200 characters")
	}
	if t.DepartmentCode == "" {
		fe.Add("department_code", "is required")
	}
	switch t.Recurrence {
	case Daily:
		t.Weekdays, t.MonthDay = 0, 0
	case Weekly:
		t.MonthDay = 0
		if t.Weekdays <= 0 || t.Weekdays > 127 {
			fe.Add("weekdays", "name at least one day of the week (0 Sunday … 6 Saturday)")
		}
	case Monthly:
		t.Weekdays = 0
		if t.MonthDay < 1 || t.MonthDay > 31 {
			fe.Add("month_day", "must be from 1 to 31")
		}
	default:
		fe.Add("recurrence", "must be one of: "+strings.Join(Recurrences, ", "))
	}
	if t.DueMinute < 0 || t.DueMinute >= 24*60 {
		fe.Add("due_time", "must be a time of day HH:MM")
	}
	if t.EstimatedMinutes < 1 || t.EstimatedMinutes > 600 {
		fe.Add("estimated_minutes", "must be from 1 to 600")
	}
	return fe.Err()
}

// WeekdayBits turns weekday numbers (0 Sunday … 6 Saturday) into the bit set; false when
// one is out of range.
func WeekdayBits(days []int) (int, bool) {
	bits := 0
	for _, d := range days {
		if d < 0 || d > 6 {
			return 0, false
		}
		bits |= 1 << d
	}
	return bits, true
}

// WeekdayList turns the bit set back into weekday numbers, Sunday first.
func WeekdayList(bits int) []int {
	out := []int{}
	for d := range 7 {
		if bits&(1<<d) != 0 {
			out = append(out, d)
		}
	}
	return out
}

// ParseTimeOfDay reads "HH:MM" as minutes after midnight; -1 when it is not one.
func ParseTimeOfDay(s string) int {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return -1
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h > 23 || m > 59 || h < 0 || m < 0 {
		return -1
	}
	return h*60 + m
}

// TimeOfDay writes minutes after midnight as "HH:MM".
func TimeOfDay(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }

// Task is one piece of work of a store's business day.
type Task struct {
	ID               int64
	StoreID          int64
	TemplateID       *int64
	BusinessDate     civil.Date
	DepartmentCode   string
	AssigneeID       *int64
	AssigneeName     string
	TitleZh, TitleEn string
	Note             string
	DueAt            time.Time
	EstimatedMinutes int
	Status           string
	DoneAt           *time.Time
	DoneBy           *int64
	DoneByName       string
	DoneNote         string
	CreatedBy        *int64
	CreatedByName    string
	// Source is the other module's record the task was created for (a meeting's action
	// item); nil for the module's own tasks.
	Source    *Source
	Version   int
	CreatedAt time.Time
}

// Source is another module's record a task was created for, which the task page links back
// to: Kind names the record ("meeting"), ID is its id.
type Source struct {
	Kind string
	ID   int64
}

// Overdue reports whether t is open past its due time at now.
func (t Task) Overdue(now time.Time) bool { return t.Status == StatusOpen && now.After(t.DueAt) }

// StatusAt is the status a reader sees at now: open, done or overdue.
func (t Task) StatusAt(now time.Time) string {
	if t.Overdue(now) {
		return StatusOverdue
	}
	return t.Status
}

// Actions answers what a caller who may work on t (works) may do to it now.
func Actions(t Task, works bool) []string {
	if t.Status == StatusOpen && works {
		return []string{ActionComplete}
	}
	return []string{}
}

// NewTask is an ad-hoc task a store manager assigns to a supervisor or a department.
type NewTask struct {
	Title          string
	Note           string
	DepartmentCode string
	AssigneeID     *int64
	DueAt          time.Time
	// EstimatedMinutes counts in the department's load; 0 when not given.
	EstimatedMinutes int
}

// Validate checks an ad-hoc task's fields at now, naming every problem.
func (n *NewTask) Validate(now time.Time) error {
	fe := apperr.FieldErrors{}
	n.Title, n.Note = strings.TrimSpace(n.Title), strings.TrimSpace(n.Note)
	if n.Title == "" || utf8.RuneCountInString(n.Title) > 200 {
		fe.Add("title", "is required, at most 200 characters")
	}
	if utf8.RuneCountInString(n.Note) > 1000 {
		fe.Add("note", "at most 1000 characters")
	}
	if n.DepartmentCode == "" && n.AssigneeID == nil {
		fe.Add("assignee_id", "name a supervisor or a department")
	}
	switch {
	case n.DueAt.IsZero():
		fe.Add("due_at", "is required")
	case n.DueAt.Before(now.Add(-24 * time.Hour)):
		fe.Add("due_at", "must not be in the past")
	case n.DueAt.After(now.AddDate(0, 3, 0)):
		fe.Add("due_at", "must be within three months")
	}
	if n.EstimatedMinutes < 0 || n.EstimatedMinutes > 600 {
		fe.Add("estimated_minutes", "must be from 0 to 600")
	}
	return fe.Err()
}

// ValidateCompletion checks a completion's note and photo count.
func ValidateCompletion(note string, photos int) error {
	fe := apperr.FieldErrors{}
	if utf8.RuneCountInString(note) > 1000 {
		fe.Add("note", "at most 1000 characters")
	}
	if photos > 5 {
		fe.Add("photos", "at most 5 photos")
	}
	return fe.Err()
}

// Filter narrows a store's task list.
type Filter struct {
	BusinessDate   *civil.Date
	Status         string
	DepartmentCode string
	// Mine keeps the tasks of the caller's departments and those assigned to them.
	Mine bool
	// Scope, when set, limits a supervisor to their departments and their own tasks.
	Scope *Scope
}

// Scope is whose tasks a caller sees: a department of Departments or assigned to UserID.
type Scope struct {
	UserID      int64
	Departments []string
}

// Load is one department's tasks on one day against its capacity.
type Load struct {
	BusinessDate     civil.Date
	DepartmentCode   string
	Tasks            int
	EstimatedMinutes int
	CapacityMinutes  int
}

// Over reports whether the day's minutes pass the department's capacity.
func (l Load) Over() bool { return l.EstimatedMinutes > l.CapacityMinutes }
