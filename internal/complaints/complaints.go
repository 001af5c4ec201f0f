// Package complaints keeps customer complaints (顾客投诉) of a store: what was received, the
// handling steps, the resolution and compensation, and a report of counts, compensation and
// time to resolve by category and department.
package complaints

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Channels a complaint arrives by.
var Channels = []string{"counter", "phone", "hotline", "online", "social_media", "other"}

// Categories of a complaint.
var Categories = []string{"quality", "price", "service", "hygiene", "other"}

// Statuses of a complaint.
const (
	StatusOpen     = "open"
	StatusResolved = "resolved"
)

// Statuses lists them.
var Statuses = []string{StatusOpen, StatusResolved}

// Actions of allowed_actions.
const (
	ActionAddStep = "add_step"
	ActionResolve = "resolve"
	ActionReopen  = "reopen"
)

// MaxCompensation is the most compensation one complaint records: 100000.00 yuan.
var MaxCompensation = fixed.MoneyOf(100000)

// Complaint is a customer complaint of one store.
type Complaint struct {
	ID             int64
	StoreID        int64
	Channel        string
	Category       string
	DepartmentCode string
	ProductID      *int64
	SKU, Name      string
	Description    string
	ReceivedAt     time.Time
	Status         string
	Resolution     string
	Compensation   fixed.Money
	ResolvedAt     *time.Time
	ResolvedBy     *int64
	CreatedBy      *int64
	CreatedByName  string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TimeToResolve is how long the complaint took from receipt to resolution; nil while open.
func (c Complaint) TimeToResolve() *time.Duration {
	if c.ResolvedAt == nil {
		return nil
	}
	d := max(c.ResolvedAt.Sub(c.ReceivedAt), 0)
	return &d
}

// Filter narrows a list of complaints.
type Filter struct {
	Status, Category, DepartmentCode string
	// From and To bound received_at (To exclusive).
	From, To *time.Time
}

// Step is one handling step of a complaint's timeline.
type Step struct {
	ID            int64
	ComplaintID   int64
	Note          string
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

// NewComplaint is a complaint as received.
type NewComplaint struct {
	Channel        string
	Category       string
	DepartmentCode string
	SKU            string
	Description    string
	ReceivedAt     time.Time
}

// Validate checks the complaint's fields, naming every problem; now bounds received_at (a
// complaint is not received in the future, nor more than a year ago).
func (n *NewComplaint) Validate(now time.Time) error {
	fe := apperr.FieldErrors{}
	oneOf(fe, "channel", n.Channel, Channels)
	oneOf(fe, "category", n.Category, Categories)
	n.Description = strings.TrimSpace(n.Description)
	if n.Description == "" || utf8.RuneCountInString(n.Description) > 2000 {
		fe.Add("description", "is required, at most 2000 characters")
	}
	switch {
	case n.ReceivedAt.IsZero():
		fe.Add("received_at", "is required")
	case n.ReceivedAt.After(now.Add(5 * time.Minute)):
		fe.Add("received_at", "must not be in the future")
	case n.ReceivedAt.Before(now.AddDate(-1, 0, 0)):
		fe.Add("received_at", "must be within the last year")
	}
	return fe.Err()
}

// Resolution closes a complaint.
type Resolution struct {
	Text         string
	Compensation fixed.Money
}

// Validate checks a resolution: the text is required, the compensation 0 … 100000.00.
func (r *Resolution) Validate() error {
	fe := apperr.FieldErrors{}
	r.Text = strings.TrimSpace(r.Text)
	if r.Text == "" || utf8.RuneCountInString(r.Text) > 2000 {
		fe.Add("resolution", "is required, at most 2000 characters")
	}
	if r.Compensation < 0 || r.Compensation > MaxCompensation {
		fe.Add("compensation", "must be from 0 to 100000.00")
	}
	return fe.Err()
}

// ValidateStep checks a handling step's note and photo count.
func ValidateStep(note string, photos int) error {
	fe := apperr.FieldErrors{}
	if strings.TrimSpace(note) == "" || utf8.RuneCountInString(note) > 1000 {
		fe.Add("note", "is required, at most 1000 characters")
	}
	if photos > 5 {
		fe.Add("photos", "at most 5 photos")
	}
	return fe.Err()
}

// Actions answers what a caller may do to c: staff of the store (handles) add steps and
// resolve an open complaint; a store manager (reopens) reopens a resolved one.
func Actions(c Complaint, handles, reopens bool) []string {
	out := []string{}
	switch {
	case c.Status == StatusOpen && handles:
		out = append(out, ActionAddStep, ActionResolve)
	case c.Status == StatusResolved && reopens:
		out = append(out, ActionReopen)
	}
	return out
}

func oneOf(fe apperr.FieldErrors, field, v string, allowed []string) {
	if v == "" {
		fe.Add(field, "is required")
	} else if !slices.Contains(allowed, v) {
		fe.Add(field, "must be one of: "+strings.Join(allowed, ", "))
	}
}
