package coldchain

import (
	"slices"
	"time"
)

// Alert (excursion) statuses: open until someone acknowledges it, closed when a reading is
// back in range or someone closes it.
const (
	AlertOpen         = "open"
	AlertAcknowledged = "acknowledged"
	AlertClosed       = "closed"
)

// Alert steps.
const (
	StepAcknowledge = "acknowledge"
	StepClose       = "close"
)

// AlertStatuses lists the statuses.
var AlertStatuses = []string{AlertOpen, AlertAcknowledged, AlertClosed}

// Active reports whether an alert still collects out-of-range readings.
func Active(status string) bool { return status == AlertOpen || status == AlertAcknowledged }

// NextAlert answers the status step leads to from status.
func NextAlert(status, step string) (string, bool) {
	switch {
	case step == StepAcknowledge && status == AlertOpen:
		return AlertAcknowledged, true
	case step == StepClose && Active(status):
		return AlertClosed, true
	}
	return "", false
}

// Excursion is the running state of one alert while readings are applied.
type Excursion struct {
	ID            int64 // 0: new
	Status        string
	StartedAt     time.Time
	LastSeenAt    time.Time
	EndedAt       *time.Time
	Min, Max      Celsius
	Count         int
	InspectionID  *int64
	ActionID      *int64
	Changed       bool
	ClosedByRange bool
}

// Point is one reading applied to a piece of equipment's alerts.
type Point struct {
	At         time.Time
	Celsius    Celsius
	OutOfRange bool
	// InspectionID and ActionID: the inspection the reading came from and the corrective
	// action that inspection opened for it.
	InspectionID, ActionID *int64
}

// Apply runs the readings of one piece of equipment, oldest first, over its active alert
// (cur, nil when none): an out-of-range reading opens an alert or extends the active one
// (min, max, count, last seen); a reading in range at or after the last out-of-range one
// closes it. It answers every alert touched, in order; the last may still be active.
func Apply(cur *Excursion, points []Point) []*Excursion {
	slices.SortStableFunc(points, func(a, b Point) int { return a.At.Compare(b.At) })
	var out []*Excursion
	if cur != nil {
		out = append(out, cur)
	}
	for _, p := range points {
		switch {
		case p.OutOfRange && cur == nil:
			cur = &Excursion{Status: AlertOpen, StartedAt: p.At, LastSeenAt: p.At, Min: p.Celsius, Max: p.Celsius,
				Count: 1, InspectionID: p.InspectionID, ActionID: p.ActionID, Changed: true}
			out = append(out, cur)
		case p.OutOfRange:
			cur.Count++
			cur.Min, cur.Max = min(cur.Min, p.Celsius), max(cur.Max, p.Celsius)
			if p.At.After(cur.LastSeenAt) {
				cur.LastSeenAt = p.At
			}
			if p.At.Before(cur.StartedAt) {
				cur.StartedAt = p.At
			}
			cur.Changed = true
		case cur != nil && !p.At.Before(cur.LastSeenAt):
			at := p.At
			cur.Status, cur.EndedAt, cur.ClosedByRange, cur.Changed = AlertClosed, &at, true, true
			cur = nil
		}
	}
	return out
}
