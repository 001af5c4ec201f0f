package coldchain

import (
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type equipmentRequest struct {
	Kind                    string      `json:"kind" validate:"required"`
	Name                    string      `json:"name" validate:"required,max=100"`
	DepartmentCode          string      `json:"department_code" validate:"required,max=32"`
	Location                string      `json:"location" validate:"max=100"`
	MinCelsius              *Celsius    `json:"min_celsius"`
	MaxCelsius              *Celsius    `json:"max_celsius"`
	MaintenanceIntervalDays int         `json:"maintenance_interval_days"`
	NextMaintenanceDue      *civil.Date `json:"next_maintenance_due"`
}

func (r equipmentRequest) equipment() Equipment {
	return Equipment{Kind: r.Kind, Name: r.Name, DepartmentCode: r.DepartmentCode, Location: r.Location,
		MinCelsius: r.MinCelsius, MaxCelsius: r.MaxCelsius, MaintenanceIntervalDays: r.MaintenanceIntervalDays,
		NextMaintenanceDue: r.NextMaintenanceDue}
}

type equipmentPatchRequest struct {
	Version                 *int        `json:"version" validate:"required,min=1"`
	Kind                    *string     `json:"kind"`
	Name                    *string     `json:"name" validate:"omitempty,max=100"`
	DepartmentCode          *string     `json:"department_code" validate:"omitempty,max=32"`
	Location                *string     `json:"location" validate:"omitempty,max=100"`
	MinCelsius              *Celsius    `json:"min_celsius"`
	MaxCelsius              *Celsius    `json:"max_celsius"`
	ClearMin                bool        `json:"clear_min"`
	ClearMax                bool        `json:"clear_max"`
	Active                  *bool       `json:"active"`
	MaintenanceIntervalDays *int        `json:"maintenance_interval_days"`
	NextMaintenanceDue      *civil.Date `json:"next_maintenance_due"`
}

func (r equipmentPatchRequest) patch() EquipmentPatch {
	return EquipmentPatch{Name: r.Name, Location: r.Location, DepartmentCode: r.DepartmentCode, Kind: r.Kind,
		MinCelsius: r.MinCelsius, MaxCelsius: r.MaxCelsius, ClearMin: r.ClearMin, ClearMax: r.ClearMax, Active: r.Active,
		MaintenanceIntervalDays: r.MaintenanceIntervalDays, NextMaintenanceDue: r.NextMaintenanceDue}
}

type equipmentJSON struct {
	ID                      int64       `json:"id"`
	StoreID                 int64       `json:"store_id"`
	Kind                    string      `json:"kind"`
	Name                    string      `json:"name"`
	DepartmentCode          string      `json:"department_code"`
	Location                string      `json:"location"`
	MinCelsius              *Celsius    `json:"min_celsius"`
	MaxCelsius              *Celsius    `json:"max_celsius"`
	Active                  bool        `json:"active"`
	MaintenanceIntervalDays int         `json:"maintenance_interval_days"`
	NextMaintenanceDue      *civil.Date `json:"next_maintenance_due"`
	MaintenanceOverdue      bool        `json:"maintenance_overdue"`
	LastReadingAt           *time.Time  `json:"last_reading_at"`
	LastCelsius             *Celsius    `json:"last_celsius"`
	OpenAlerts              int         `json:"open_alerts"`
	Version                 int         `json:"version"`
	UpdatedAt               time.Time   `json:"updated_at"`
}

func toEquipmentJSON(e Equipment, today civil.Date) equipmentJSON {
	return equipmentJSON{ID: e.ID, StoreID: e.StoreID, Kind: e.Kind, Name: e.Name, DepartmentCode: e.DepartmentCode,
		Location: e.Location, MinCelsius: e.MinCelsius, MaxCelsius: e.MaxCelsius, Active: e.Active,
		MaintenanceIntervalDays: e.MaintenanceIntervalDays, NextMaintenanceDue: e.NextMaintenanceDue,
		MaintenanceOverdue: e.Overdue(today), LastReadingAt: e.LastReadingAt, LastCelsius: e.LastCelsius,
		OpenAlerts: e.OpenAlerts, Version: e.Version, UpdatedAt: e.UpdatedAt}
}

type readingRequest struct {
	EquipmentID int64     `json:"equipment_id"`
	RecordedAt  time.Time `json:"recorded_at"`
	Celsius     Celsius   `json:"celsius"`
	Note        string    `json:"note"`
}

type readingsRequest struct {
	Readings []readingRequest `json:"readings"`
}

func (r readingsRequest) readings() []NewReading {
	out := make([]NewReading, len(r.Readings))
	for i, x := range r.Readings {
		out[i] = NewReading(x)
	}
	return out
}

type alertJSON struct {
	ID                 int64      `json:"id"`
	StoreID            int64      `json:"store_id"`
	EquipmentID        int64      `json:"equipment_id"`
	EquipmentName      string     `json:"equipment_name"`
	EquipmentKind      string     `json:"equipment_kind"`
	DepartmentCode     string     `json:"department_code"`
	Status             string     `json:"status"`
	StartedAt          time.Time  `json:"started_at"`
	LastSeenAt         time.Time  `json:"last_seen_at"`
	EndedAt            *time.Time `json:"ended_at"`
	MinCelsius         Celsius    `json:"min_celsius"`
	MaxCelsius         Celsius    `json:"max_celsius"`
	ReadingCount       int        `json:"reading_count"`
	LimitMin           *Celsius   `json:"limit_min"`
	LimitMax           *Celsius   `json:"limit_max"`
	CorrectiveActionID *int64     `json:"corrective_action_id"`
	InspectionID       *int64     `json:"inspection_id"`
	AcknowledgedByName string     `json:"acknowledged_by_name"`
	AcknowledgedAt     *time.Time `json:"acknowledged_at"`
	ClosedByName       string     `json:"closed_by_name"`
	CloseNote          string     `json:"close_note"`
	Version            int        `json:"version"`
	AllowedActions     []string   `json:"allowed_actions"`
}

func toAlertJSON(a Alert, allowed []string) alertJSON {
	if allowed == nil {
		allowed = []string{}
	}
	return alertJSON{ID: a.ID, StoreID: a.StoreID, EquipmentID: a.EquipmentID, EquipmentName: a.EquipmentName,
		EquipmentKind: a.EquipmentKind, DepartmentCode: a.DepartmentCode, Status: a.Status, StartedAt: a.StartedAt,
		LastSeenAt: a.LastSeenAt, EndedAt: a.EndedAt, MinCelsius: a.MinCelsius, MaxCelsius: a.MaxCelsius,
		ReadingCount: a.ReadingCount, LimitMin: a.LimitMin, LimitMax: a.LimitMax, CorrectiveActionID: a.ActionID,
		InspectionID: a.InspectionID, AcknowledgedByName: a.AcknowledgedByName, AcknowledgedAt: a.AcknowledgedAt,
		ClosedByName: a.ClosedByName, CloseNote: a.CloseNote, Version: a.Version, AllowedActions: allowed}
}

type stepRequest struct {
	Version *int   `json:"version" validate:"omitempty,min=1"`
	Note    string `json:"note"`
}

type pointJSON struct {
	At         time.Time `json:"at"`
	Min        Celsius   `json:"min"`
	Max        Celsius   `json:"max"`
	Readings   int       `json:"readings"`
	OutOfRange bool      `json:"out_of_range"`
}

type chartJSON struct {
	EquipmentID   int64       `json:"equipment_id"`
	From          time.Time   `json:"from"`
	To            time.Time   `json:"to"`
	MinCelsius    *Celsius    `json:"min_celsius"`
	MaxCelsius    *Celsius    `json:"max_celsius"`
	BucketSeconds int64       `json:"bucket_seconds"`
	Points        []pointJSON `json:"points"`
	Alerts        []alertJSON `json:"alerts"`
}

type maintenanceRequest struct {
	Kind       string      `json:"kind" validate:"required"`
	Date       civil.Date  `json:"date"`
	Vendor     string      `json:"vendor" validate:"max=100"`
	Note       string      `json:"note" validate:"max=500"`
	Cost       fixed.Money `json:"cost"`
	CostViaERP bool        `json:"cost_via_erp"`
}

type maintenanceJSON struct {
	ID            int64       `json:"id"`
	EquipmentID   int64       `json:"equipment_id"`
	StoreID       int64       `json:"store_id"`
	Kind          string      `json:"kind"`
	Date          civil.Date  `json:"date"`
	Vendor        string      `json:"vendor"`
	Note          string      `json:"note"`
	Cost          fixed.Money `json:"cost"`
	CostViaERP    bool        `json:"cost_via_erp"`
	ExpensePosted bool        `json:"expense_posted"`
	CreatedByName string      `json:"created_by_name"`
	CreatedAt     time.Time   `json:"created_at"`
}

func toMaintenanceJSON(m Maintenance) maintenanceJSON {
	return maintenanceJSON{ID: m.ID, EquipmentID: m.EquipmentID, StoreID: m.StoreID, Kind: m.Kind, Date: m.DoneOn,
		Vendor: m.Vendor, Note: m.Note, Cost: m.Cost, CostViaERP: m.CostViaERP, ExpensePosted: m.ExpensePosted,
		CreatedByName: m.CreatedByName, CreatedAt: m.CreatedAt}
}
