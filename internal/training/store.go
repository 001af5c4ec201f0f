package training

import (
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
)

type employeeRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	Name           string
	DepartmentCode string
	RoleTitle      string
	FoodHandler    bool
	Active         bool
	UserID         *int64
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (employeeRow) TableName() string { return "employees" }

type sessionRow struct {
	ID           int64 `gorm:"primaryKey"`
	StoreID      int64
	Topic        string
	Title        string
	ScheduledOn  civil.Date
	Departments  string
	FoodHandlers bool
	Trainer      string
	Notes        string
	CreatedBy    *int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (sessionRow) TableName() string { return "training_sessions" }

type attendanceRow struct {
	SessionID  int64 `gorm:"primaryKey;autoIncrement:false"`
	EmployeeID int64 `gorm:"primaryKey;autoIncrement:false"`
	Status     string
	Score      *int
	RecordedBy *int64
	RecordedAt time.Time
}

func (attendanceRow) TableName() string { return "training_attendance" }

type ruleRow struct {
	Topic          string `gorm:"primaryKey"`
	ValidityMonths int
	FoodHandlers   bool
}

func (ruleRow) TableName() string { return "training_rules" }

type certificateRow struct {
	ID         int64 `gorm:"primaryKey"`
	StoreID    int64
	EmployeeID int64
	Number     string
	IssuedOn   civil.Date
	ExpiresOn  civil.Date
	Version    int
	CreatedBy  *int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (certificateRow) TableName() string { return "health_certificates" }

// Models lists the module's tables for the schema test.
func Models() []any {
	return []any{&employeeRow{}, &sessionRow{}, &attendanceRow{}, &ruleRow{}, &certificateRow{}}
}

func toEmployee(r employeeRow) Employee { return Employee(r) }

func toSession(r sessionRow) Session {
	var depts []string
	if r.Departments != "" {
		depts = strings.Split(r.Departments, ",")
	}
	return Session{ID: r.ID, StoreID: r.StoreID, Topic: r.Topic, Title: r.Title, ScheduledOn: r.ScheduledOn,
		Departments: depts, FoodHandlers: r.FoodHandlers, Trainer: r.Trainer, Notes: r.Notes, CreatedAt: r.CreatedAt}
}

func toCertificate(r certificateRow) Certificate {
	return Certificate{ID: r.ID, StoreID: r.StoreID, EmployeeID: r.EmployeeID, Number: r.Number, IssuedOn: r.IssuedOn,
		ExpiresOn: r.ExpiresOn, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}
