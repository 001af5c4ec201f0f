package safety

import (
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type templateRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        *int64
	Title          string
	Area           string
	DepartmentCode string
	PassScore      int
	CurrentVersion int
	Active         bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (templateRow) TableName() string { return "checklist_templates" }

type versionRow struct {
	TemplateID     int64 `gorm:"primaryKey"`
	Version        int   `gorm:"primaryKey"`
	Title          string
	Area           string
	DepartmentCode string
	PassScore      int
	Items          string
	CreatedBy      *int64
	CreatedByName  string
	CreatedAt      time.Time
}

func (versionRow) TableName() string { return "checklist_template_versions" }

type scheduleRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	TemplateID     int64
	DepartmentCode string
	Frequency      string
	Weekday        int
	SinceDate      civil.Date
	Version        int
	UpdatedBy      *int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (scheduleRow) TableName() string { return "inspection_schedules" }

type inspectionRow struct {
	ID              int64 `gorm:"primaryKey"`
	StoreID         int64
	DepartmentCode  string
	Area            string
	TemplateID      int64
	TemplateVersion int
	Title           string
	BusinessDate    civil.Date
	Score           fixed.Money
	PassScore       int
	Passed          bool
	CriticalFailed  bool
	FailedCount     int
	Note            string
	InspectorID     *int64
	InspectorName   string
	CreatedAt       time.Time
}

func (inspectionRow) TableName() string { return "inspections" }

type answerRow struct {
	InspectionID int64 `gorm:"primaryKey"`
	ItemID       int   `gorm:"primaryKey"`
	Kind         string
	BoolValue    *bool
	NumberValue  *fixed.Money
	TextValue    string
	ChoiceValue  string
	Photos       string
	Note         string
	Failed       bool
}

func (answerRow) TableName() string { return "inspection_answers" }

type actionRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	DepartmentCode string
	InspectionID   *int64
	ItemID         int
	Title          string
	Finding        string
	Critical       bool
	OwnerID        *int64
	OwnerName      string
	DueDate        civil.Date
	Status         string
	Note           string
	DoneBy         *int64
	DoneByName     string
	DoneAt         *time.Time
	VerifiedBy     *int64
	VerifiedByName string
	VerifiedAt     *time.Time
	RejectReason   string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (actionRow) TableName() string { return "corrective_actions" }

// Models lists the module's GORM models, for the schema test.
func Models() []any {
	return []any{&templateRow{}, &versionRow{}, &scheduleRow{}, &inspectionRow{}, &answerRow{}, &actionRow{}}
}
