// Package coldchain is the cold chain and equipment register (冷链与设备): each store's cold
// rooms, freezers, display chillers, ovens and scales with the temperature range they must
// hold; temperature readings by hand, from sensors in bulk and from inspections; alerts
// (excursions) that open when a reading leaves the range, grow while it stays out and close
// when it comes back, each with one corrective action through the safety module; a chart of
// a piece of equipment's temperatures; and maintenance and repair records whose cost is
// posted once to the expenses ledger.
//
// This file holds the types and the rules as plain functions: no SQL, no HTTP.
package coldchain

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Celsius is a temperature with two decimals (3.5 °C is 350).
type Celsius = fixed.Money

// Equipment kinds.
const (
	KindColdRoom       = "cold_room"
	KindFreezer        = "freezer"
	KindDisplayChiller = "display_chiller"
	KindOven           = "oven"
	KindScale          = "scale"
	KindOther          = "other"
)

// Kinds lists the equipment kinds.
var Kinds = []string{KindColdRoom, KindFreezer, KindDisplayChiller, KindOven, KindScale, KindOther}

// Reading sources: by hand, a sensor batch, an inspection's °C item.
const (
	SourceManual     = "manual"
	SourceSensor     = "sensor"
	SourceInspection = "inspection"
)

// Sources lists where a reading may come from.
var Sources = []string{SourceManual, SourceSensor, SourceInspection}

// Physical is the physical sense of a reading: anything outside is a typing or sensor error,
// refused, never an alert.
var Physical = struct{ Min, Max Celsius }{fixed.MoneyOf(-60), fixed.MoneyOf(300)}

// Equipment is one piece of a store's equipment.
type Equipment struct {
	ID                      int64
	StoreID                 int64
	Kind                    string
	Name                    string
	DepartmentCode          string
	Location                string
	MinCelsius, MaxCelsius  *Celsius
	Active                  bool
	MaintenanceIntervalDays int
	NextMaintenanceDue      *civil.Date
	LastReadingAt           *time.Time
	LastCelsius             *Celsius
	Version                 int
	CreatedAt, UpdatedAt    time.Time
	// OpenAlerts counts the open excursions (lists and detail).
	OpenAlerts int
}

// Overdue reports whether maintenance was due before today.
func (e Equipment) Overdue(today civil.Date) bool {
	return e.Active && e.NextMaintenanceDue != nil && *e.NextMaintenanceDue < today
}

// InRange reports whether c is within the equipment's allowed range (a side without a limit
// allows anything).
func InRange(c Celsius, lo, hi *Celsius) bool {
	return (lo == nil || c >= *lo) && (hi == nil || c <= *hi)
}

// DefaultRange is the range a kind holds when none is given: cold room 0–4 °C, display
// chillers 0–5 °C, freezers −18 °C and below.
func DefaultRange(kind string) (lo, hi *Celsius) {
	c := func(v int64) *Celsius { x := fixed.MoneyOf(v); return &x }
	switch kind {
	case KindColdRoom:
		return c(0), c(4)
	case KindDisplayChiller:
		return c(0), c(5)
	case KindFreezer:
		return nil, c(-18)
	}
	return nil, nil
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// Validate checks an equipment record as it would be saved, naming every field at fault.
func (e *Equipment) Validate() error {
	fe := apperr.FieldErrors{}
	if !slices.Contains(Kinds, e.Kind) {
		fe.Add("kind", "must be one of: "+strings.Join(Kinds, ", "))
	}
	if e.Name = strings.TrimSpace(e.Name); e.Name == "" || runes(e.Name) > 100 {
		fe.Add("name", "is required, at most 100 characters")
	}
	if e.DepartmentCode == "" || len(e.DepartmentCode) > 32 {
		fe.Add("department_code", "is required")
	}
	if runes(e.Location) > 100 {
		fe.Add("location", "must be at most 100 characters")
	}
	for name, v := range map[string]*Celsius{"min_celsius": e.MinCelsius, "max_celsius": e.MaxCelsius} {
		if v != nil && (*v < Physical.Min || *v > Physical.Max) {
			fe.Add(name, fmt.Sprintf("must be from %s to %s °C", Physical.Min, Physical.Max))
		}
	}
	if e.MinCelsius != nil && e.MaxCelsius != nil && *e.MinCelsius > *e.MaxCelsius {
		fe.Add("min_celsius", "must not be above max_celsius")
	}
	if e.MaintenanceIntervalDays < 0 || e.MaintenanceIntervalDays > 3650 {
		fe.Add("maintenance_interval_days", "must be from 0 (none) to 3650")
	}
	return fe.Err()
}

// NewReading is one temperature reading as sent.
type NewReading struct {
	EquipmentID int64
	RecordedAt  time.Time
	Celsius     Celsius
	Note        string
}

// MaxBatch is the most readings one request takes.
const MaxBatch = 20000

// CheckReadings refuses a batch naming every bad reading (readings[37].celsius); nothing of
// a batch with one bad reading is saved. now bounds readings from the future (a minute of
// clock skew is allowed).
func CheckReadings(rs []NewReading, now time.Time) error {
	fe := apperr.FieldErrors{}
	if len(rs) == 0 || len(rs) > MaxBatch {
		fe.Add("readings", fmt.Sprintf("must have 1 to %d readings", MaxBatch))
	}
	for i, r := range rs {
		field := fmt.Sprintf("readings[%d]", i)
		if r.EquipmentID <= 0 {
			fe.Add(field+".equipment_id", "is required")
		}
		if r.RecordedAt.IsZero() || r.RecordedAt.After(now.Add(time.Minute)) || r.RecordedAt.Year() < 2000 {
			fe.Add(field+".recorded_at", "is required, an RFC 3339 time not in the future")
		}
		if r.Celsius < Physical.Min || r.Celsius > Physical.Max {
			fe.Add(field+".celsius", fmt.Sprintf("must be from %s to %s °C: a reading outside is a typing or sensor error", Physical.Min, Physical.Max))
		}
		if runes(r.Note) > 200 {
			fe.Add(field+".note", "must be at most 200 characters")
		}
		if len(fe) >= 20 {
			break
		}
	}
	return fe.Err()
}

// Maintenance kinds.
const (
	MaintenanceRoutine = "maintenance"
	MaintenanceRepair  = "repair"
)

// NextDue is when maintenance is next due after maintenance done on day: nil without an
// interval.
func NextDue(day civil.Date, intervalDays int) *civil.Date {
	if intervalDays <= 0 {
		return nil
	}
	d := day.AddDays(intervalDays)
	return &d
}

// Posts reports whether a maintenance record's cost goes to the expenses ledger: a repair with
// a cost that does not already arrive through the ERP's expense feed.
func Posts(kind string, cost fixed.Money, viaERP bool) bool {
	return kind == MaintenanceRepair && cost > 0 && !viaERP
}
