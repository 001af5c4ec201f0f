// Package calendar keeps the chain's calendar of holidays and events (春节, 国庆, 双十一 …):
// named spans of days that the forecast reads to learn and apply their effect on sales.
// Rows that share a name across years are one event. Admins and HQ edit it; everyone reads.
package calendar

import (
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Kinds of calendar entries: a public holiday, or a shopping event / local occasion.
const (
	KindHoliday = "holiday"
	KindEvent   = "event"
)

// Limits of an entry.
const (
	// MaxSpanDays is the longest entry: a holiday season with its run-up fits, a quarter does not.
	MaxSpanDays = 31
	// AheadYears is how far ahead an entry may be planned.
	AheadYears = 10
)

// earliest is the first day an entry may cover (2000-01-01): history from 2000 on still loads.
const earliest civil.Date = 10957

// Event is one entry of the calendar: a named span of days, both ends included.
type Event struct {
	ID        int64
	Name      string
	Kind      string
	StartsOn  civil.Date
	EndsOn    civil.Date
	Note      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Days is how many days the entry covers.
func (e Event) Days() int { return int(e.EndsOn-e.StartsOn) + 1 }

// Covers reports whether day falls inside the entry.
func (e Event) Covers(day civil.Date) bool { return day >= e.StartsOn && day <= e.EndsOn }

// Validate checks an entry's dates and kind against today (the chain's day), naming each
// field that is wrong. Names and notes are checked for length and text by the decoder.
func Validate(e Event, today civil.Date) error {
	fe := apperr.FieldErrors{}
	if strings.TrimSpace(e.Name) == "" {
		fe.Add("name", "required")
	}
	if e.Kind != KindHoliday && e.Kind != KindEvent {
		fe.Add("kind", "must be holiday or event")
	}
	latest := civil.Of(today.Time().AddDate(AheadYears, 0, 0))
	switch {
	case e.StartsOn < earliest:
		fe.Add("starts_on", "must be 2000-01-01 or later")
	case e.StartsOn > latest:
		fe.Add("starts_on", "must be at most ten years ahead")
	}
	switch {
	case e.EndsOn < e.StartsOn:
		fe.Add("ends_on", "must not be before starts_on")
	case e.Days() > MaxSpanDays:
		fe.Add("ends_on", "an entry covers at most 31 days")
	}
	return fe.Err()
}
