package promo

import (
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type campaignRow struct {
	ID           int64 `gorm:"primaryKey"`
	Name         string
	Mechanic     string
	StartsOn     civil.Date
	EndsOn       civil.Date
	Status       string
	OwnerStoreID *int64
	TargetKind   string
	TargetRegion string
	Priority     int
	Note         string
	CreatedBy    *int64
	PublishedAt  *time.Time
	EndedAt      *time.Time
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (campaignRow) TableName() string { return "campaigns" }

type itemRow struct {
	CampaignID   int64  `gorm:"primaryKey"`
	ProductID    int64  `gorm:"primaryKey"`
	SKU          string `gorm:"column:sku"`
	Name         string
	RegularPrice fixed.Money
	PromoPrice   fixed.Money
	CostPrice    fixed.Money
	BelowCost    bool
}

func (itemRow) TableName() string { return "campaign_items" }

type taskRow struct {
	ID            int64 `gorm:"primaryKey"`
	CampaignID    int64
	Position      int
	Kind          string
	Title         string
	Instructions  string
	DueHours      int
	PhotoRequired bool
}

func (taskRow) TableName() string { return "campaign_tasks" }

type targetRow struct {
	CampaignID int64 `gorm:"primaryKey"`
	StoreID    int64 `gorm:"primaryKey"`
}

func (targetRow) TableName() string { return "campaign_target_stores" }

type executionRow struct {
	CampaignID  int64 `gorm:"primaryKey"`
	StoreID     int64 `gorm:"primaryKey"`
	PublishedAt time.Time
	Review      string
	ReviewedBy  *int64
	ReviewedAt  *time.Time
	// ReviewVersion counts the review's writes: 0 while the store has written nothing.
	ReviewVersion int
}

func (executionRow) TableName() string { return "campaign_executions" }

type runRow struct {
	ID          int64 `gorm:"primaryKey"`
	CampaignID  int64
	StoreID     int64
	TaskID      int64
	DueAt       time.Time
	Status      string
	Note        string
	ProblemKind string
	Answer      string
	DoneBy      *int64
	DoneAt      *time.Time
	Version     int
	UpdatedAt   time.Time
}

func (runRow) TableName() string { return "campaign_task_runs" }

// Models lists the module's tables for the schema test.
func Models() []any {
	return []any{&campaignRow{}, &itemRow{}, &taskRow{}, &targetRow{}, &executionRow{}, &runRow{}}
}

func toRun(r runRow) Run {
	return Run{ID: r.ID, CampaignID: r.CampaignID, StoreID: r.StoreID, TaskID: r.TaskID, DueAt: r.DueAt, Status: r.Status,
		Note: r.Note, Problem: r.ProblemKind, Answer: r.Answer, DoneBy: r.DoneBy, DoneAt: r.DoneAt, Version: r.Version}
}
