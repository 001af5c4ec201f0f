package risk

import (
	"strconv"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Incident is an event at one store against a risk of the register.
type Incident struct {
	ID            int64
	StoreID       int64
	RiskID        int64
	RiskCode      string
	RiskName      string
	RiskNameEn    string
	Level         string
	Title         string
	Description   string
	OccurredAt    time.Time
	OwnerID       *int64
	OwnerName     string
	Status        string
	Resolution    string
	ResolvedAt    *time.Time
	ResolvedBy    string
	ClosedAt      *time.Time
	CreatedBy     *int64
	CreatedByName string
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// IncidentAction is one entry of an incident's timeline: a response action, or the
// resolution and closing.
type IncidentAction struct {
	ID            int64
	IncidentID    int64
	Kind          string // action | resolve | close
	Note          string
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

// NewIncident is an incident as logged; Level empty means the risk's.
type NewIncident struct {
	RiskID      int64
	Level       string
	Title       string
	Description string
	OccurredAt  time.Time
	OwnerID     *int64
}

// Validate checks the incident's fields against now (it did not happen in the future, nor
// more than 90 days ago), naming every problem.
func (n *NewIncident) Validate(now time.Time) error {
	fe := apperr.FieldErrors{}
	if n.RiskID <= 0 {
		fe.Add("risk_id", "is required")
	}
	if n.Level != "" {
		oneOf(fe, "level", n.Level, Levels)
	}
	n.Title, n.Description = strings.TrimSpace(n.Title), strings.TrimSpace(n.Description)
	text(fe, "title", n.Title, 200, true)
	text(fe, "description", n.Description, 2000, false)
	switch {
	case n.OccurredAt.IsZero():
		fe.Add("occurred_at", "is required")
	case n.OccurredAt.After(now.Add(5 * time.Minute)):
		fe.Add("occurred_at", "must not be in the future")
	case n.OccurredAt.Before(now.AddDate(0, 0, -90)):
		fe.Add("occurred_at", "must be within the last 90 days")
	}
	return fe.Err()
}

// IncidentFilter narrows the incident board.
type IncidentFilter struct {
	Status, Level string
	StoreID       *int64
	// From and To bound occurred_at (To exclusive).
	From, To *time.Time
}

// NewEvent is a readiness event as HQ creates it.
type NewEvent struct {
	Name    string
	Date    civil.Date
	RiskIDs []int64
}

// Validate checks the event's fields against today (the event lies ahead, within a year).
func (n *NewEvent) Validate(today civil.Date) error {
	fe := apperr.FieldErrors{}
	n.Name = strings.TrimSpace(n.Name)
	text(fe, "name", n.Name, 100, true)
	switch {
	case n.Date == 0:
		fe.Add("event_date", "is required")
	case n.Date < today || n.Date > today.AddDays(366):
		fe.Add("event_date", "must be from today to a year ahead")
	}
	if len(n.RiskIDs) == 0 || len(n.RiskIDs) > 20 {
		fe.Add("risk_ids", "needs 1 to 20 risks")
	}
	return fe.Err()
}

// Event is a readiness event with, per store, how much of its checklist is done.
type Event struct {
	ID            int64
	Name          string
	Date          civil.Date
	RiskIDs       []int64
	Items         int // checklist items per store
	CreatedByName string
	CreatedAt     time.Time
	Stores        []StoreCompletion
}

// StoreCompletion is one store's progress on an event's checklist.
type StoreCompletion struct {
	StoreID     int64
	StoreName   string
	Done, Total int
}

// ReadinessItem is one line of a store's checklist for an event.
type ReadinessItem struct {
	ID         int64
	EventID    int64
	StoreID    int64
	RiskID     int64
	Seq        int
	Title      string
	TitleEn    string
	DoneAt     *time.Time
	DoneByName string
	Note       string
}

func itoa(i int) string { return strconv.Itoa(i) }
