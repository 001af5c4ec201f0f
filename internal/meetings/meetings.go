// Package meetings keeps a store's team meetings (例会): the minutes of a meeting of the whole
// store or of one department on a business day, who attended, the notes and the action items
// agreed, each of which becomes a task of the tasks module in the meeting's transaction.
package meetings

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/tasks"
)

// Kinds of a meeting: the daily pre-shift briefing (班前会), the weekly and monthly meetings
// (周例会, 月例会) and a special one called for an occasion (专题会).
const (
	KindBriefing = "briefing"
	KindWeekly   = "weekly"
	KindMonthly  = "monthly"
	KindSpecial  = "special"
)

// Kinds lists them.
var Kinds = []string{KindBriefing, KindWeekly, KindMonthly, KindSpecial}

// Limits of a meeting's minutes.
const (
	MaxNotes     = 5000
	MaxItems     = 30
	MaxAttendees = 100
	// MaxAge is how many days back a meeting may be recorded.
	MaxAge = 90
	// MaxDueAhead is how many days after the meeting an action item may fall due.
	MaxDueAhead = 60
)

// DueMinute is the time of the store's day an action item falls due on its date: closing time.
const DueMinute = 21 * 60

// SourceKind is how a task created for an action item names its meeting.
const SourceKind = "meeting"

// Meeting is the minutes of one team meeting of a store.
type Meeting struct {
	ID             int64
	StoreID        int64
	DepartmentCode string
	HeldOn         civil.Date
	Kind           string
	Title          string
	ChairID        int64
	ChairName      string
	Notes          string
	CreatedBy      *int64
	CreatedByName  string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Counts of a listed meeting.
	Attendees, Items, OpenItems int
}

// Attendee is a user who attended, with their name when the meeting was recorded.
type Attendee struct {
	UserID int64
	Name   string
}

// Item is an action item of a meeting and the task it became.
type Item struct {
	ID             int64
	LineNo         int
	Title          string
	DepartmentCode string
	OwnerID        *int64
	OwnerName      string
	DueOn          civil.Date
	TaskID         int64
	// TaskStatus is the task's status now (open, done, overdue); empty when it is gone.
	TaskStatus string
	DoneAt     *time.Time
}

// Filter narrows a store's list of meetings.
type Filter struct {
	DepartmentCode string
	From, To       *civil.Date
}

// NewItem is an action item as agreed.
type NewItem struct {
	Title          string
	DepartmentCode string
	OwnerID        *int64
	DueOn          civil.Date
}

// NewMeeting is a meeting as recorded.
type NewMeeting struct {
	DepartmentCode string
	HeldOn         civil.Date
	Kind           string
	Title          string
	ChairID        int64
	Attendees      []int64
	Notes          string
	Items          []NewItem
}

// Validate checks the meeting's own fields on the store's business day today, naming every
// problem: held_on no later than today nor more than MaxAge days back, a kind, a title, at
// least one attendee (each once), notes of at most MaxNotes characters, at most MaxItems
// action items, each with a title, an owner (a user or a department) and a due date from the
// meeting's day (and not before today) to MaxDueAhead days after it. Whether the people and
// departments belong to the store is the service's check.
func (n *NewMeeting) Validate(today civil.Date) error {
	fe := apperr.FieldErrors{}
	n.Title, n.Notes = strings.TrimSpace(n.Title), strings.TrimSpace(n.Notes)
	switch {
	case n.HeldOn == 0:
		fe.Add("held_on", "is required")
	case n.HeldOn > today:
		fe.Add("held_on", "must not be in the future")
	case n.HeldOn < today.AddDays(-MaxAge):
		fe.Add("held_on", fmt.Sprintf("must be within the last %d days", MaxAge))
	}
	if !slices.Contains(Kinds, n.Kind) {
		fe.Add("kind", "must be one of: "+strings.Join(Kinds, ", "))
	}
	if n.Title == "" || utf8.RuneCountInString(n.Title) > 200 {
		fe.Add("title", "is required, at most 200 characters")
	}
	if n.ChairID <= 0 {
		fe.Add("chair_id", "is required")
	}
	switch {
	case len(n.Attendees) == 0:
		fe.Add("attendees", "name at least one attendee")
	case len(n.Attendees) > MaxAttendees:
		fe.Add("attendees", fmt.Sprintf("at most %d attendees", MaxAttendees))
	}
	for i, id := range n.Attendees {
		if id <= 0 || slices.Index(n.Attendees, id) < i {
			fe.Add(fmt.Sprintf("attendees[%d]", i), "must be a user, each once")
		}
	}
	if utf8.RuneCountInString(n.Notes) > MaxNotes {
		fe.Add("notes", fmt.Sprintf("at most %d characters", MaxNotes))
	}
	if len(n.Items) > MaxItems {
		fe.Add("items", fmt.Sprintf("at most %d action items", MaxItems))
	}
	for i := range n.Items {
		n.Items[i].validate(fe, fmt.Sprintf("items[%d].", i), n.HeldOn, today)
	}
	return fe.Err()
}

func (it *NewItem) validate(fe apperr.FieldErrors, prefix string, heldOn, today civil.Date) {
	it.Title = strings.TrimSpace(it.Title)
	if it.Title == "" || utf8.RuneCountInString(it.Title) > 200 {
		fe.Add(prefix+"title", "is required, at most 200 characters")
	}
	if it.OwnerID == nil && it.DepartmentCode == "" {
		fe.Add(prefix+"owner_id", "name a person or a department")
	}
	switch {
	case it.DueOn == 0:
		fe.Add(prefix+"due_on", "is required")
	case heldOn != 0 && it.DueOn < heldOn:
		fe.Add(prefix+"due_on", "must not be before the meeting date")
	case it.DueOn < today:
		fe.Add(prefix+"due_on", "must not be in the past")
	case heldOn != 0 && it.DueOn > heldOn.AddDays(MaxDueAhead):
		fe.Add(prefix+"due_on", fmt.Sprintf("must be within %d days of the meeting", MaxDueAhead))
	}
}

// ItemField is the request's name of an action item's field that the tasks module names
// name (its ad-hoc task fields).
func ItemField(i int, name string) string {
	switch name {
	case "assignee_id":
		name = "owner_id"
	case "due_at":
		name = "due_on"
	}
	return fmt.Sprintf("items[%d].%s", i, name)
}

// OpenItems counts the items whose task is not done.
func OpenItems(items []Item) int {
	n := 0
	for _, it := range items {
		if it.TaskStatus != "" && it.TaskStatus != tasks.StatusDone {
			n++
		}
	}
	return n
}
