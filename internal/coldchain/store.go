package coldchain

import (
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type equipmentRow struct {
	ID                      int64 `gorm:"primaryKey"`
	StoreID                 int64
	Kind                    string
	Name                    string
	DepartmentCode          string
	Location                string
	MinCelsius              *Celsius
	MaxCelsius              *Celsius
	Active                  bool
	MaintenanceIntervalDays int
	NextMaintenanceDue      *civil.Date
	LastReadingAt           *time.Time
	LastCelsius             *Celsius
	Version                 int
	CreatedAt               time.Time
	UpdatedAt               time.Time
}

func (equipmentRow) TableName() string { return "equipment" }

func toEquipment(r equipmentRow) Equipment {
	return Equipment{ID: r.ID, StoreID: r.StoreID, Kind: r.Kind, Name: r.Name, DepartmentCode: r.DepartmentCode,
		Location: r.Location, MinCelsius: r.MinCelsius, MaxCelsius: r.MaxCelsius, Active: r.Active,
		MaintenanceIntervalDays: r.MaintenanceIntervalDays, NextMaintenanceDue: r.NextMaintenanceDue,
		LastReadingAt: r.LastReadingAt, LastCelsius: r.LastCelsius, Version: r.Version, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt}
}

type logRow struct {
	ID          int64 `gorm:"primaryKey"`
	EquipmentID int64
	StoreID     int64
	RecordedAt  time.Time
	Source      string
	Celsius     Celsius
	OutOfRange  bool
	Note        string
	CreatedBy   *int64
	CreatedAt   time.Time
}

func (logRow) TableName() string { return "temperature_logs" }

type excursionRow struct {
	ID                 int64 `gorm:"primaryKey"`
	StoreID            int64
	EquipmentID        int64
	DepartmentCode     string
	Status             string
	StartedAt          time.Time
	LastSeenAt         time.Time
	EndedAt            *time.Time
	MinCelsius         Celsius
	MaxCelsius         Celsius
	ReadingCount       int
	LimitMin           *Celsius
	LimitMax           *Celsius
	ActionID           *int64
	InspectionID       *int64
	AcknowledgedBy     *int64
	AcknowledgedByName string
	AcknowledgedAt     *time.Time
	ClosedBy           *int64
	ClosedByName       string
	CloseNote          string
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (excursionRow) TableName() string { return "temperature_excursions" }

type maintenanceRow struct {
	ID            int64 `gorm:"primaryKey"`
	EquipmentID   int64
	StoreID       int64
	Kind          string
	DoneOn        civil.Date
	Vendor        string
	Note          string
	Cost          fixed.Money
	CostViaERP    bool `gorm:"column:cost_via_erp"`
	ExpensePosted bool
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

func (maintenanceRow) TableName() string { return "equipment_maintenance" }

// Models lists the module's GORM models, for the schema test.
func Models() []any {
	return []any{&equipmentRow{}, &logRow{}, &excursionRow{}, &maintenanceRow{}}
}

// logBulk writes new readings (those already stored are left out before, by their natural
// key); plain inserts, so MariaDB takes big batches through LOAD DATA.
var logBulk = database.Bulk{Table: "temperature_logs",
	Columns: []string{"equipment_id", "store_id", "recorded_at", "source", "celsius", "out_of_range", "note", "created_by", "created_at"}}
