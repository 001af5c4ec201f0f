package complaints

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

type complaintRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	Channel        string
	Category       string
	DepartmentCode string
	ProductID      *int64
	SKU            string `gorm:"column:sku"`
	ProductName    string
	Description    string
	ReceivedAt     time.Time
	Status         string
	Resolution     string
	Compensation   fixed.Money
	ResolvedAt     *time.Time
	ResolvedBy     *int64
	CreatedBy      *int64
	CreatedByName  string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (complaintRow) TableName() string { return "complaints" }

type stepRow struct {
	ID            int64 `gorm:"primaryKey"`
	ComplaintID   int64
	Note          string
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

func (stepRow) TableName() string { return "complaint_steps" }

// Models lists the module's tables for the schema test.
func Models() []any { return []any{&complaintRow{}, &stepRow{}} }

func toComplaint(r complaintRow) Complaint {
	return Complaint{ID: r.ID, StoreID: r.StoreID, Channel: r.Channel, Category: r.Category, DepartmentCode: r.DepartmentCode,
		ProductID: r.ProductID, SKU: r.SKU, Name: r.ProductName, Description: r.Description, ReceivedAt: r.ReceivedAt,
		Status: r.Status, Resolution: r.Resolution, Compensation: r.Compensation, ResolvedAt: r.ResolvedAt,
		ResolvedBy: r.ResolvedBy, CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func toStep(r stepRow) Step { return Step(r) }

func filtered(q *gorm.DB, f Filter) *gorm.DB {
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Category != "" {
		q = q.Where("category = ?", f.Category)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.From != nil {
		q = q.Where("received_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("received_at < ?", *f.To)
	}
	return q
}

// page reads one page of a store's complaints, newest received first.
func page(ctx context.Context, db *gorm.DB, storeID int64, f Filter, pg paging.Page) ([]complaintRow, int64, error) {
	q := filtered(db.WithContext(ctx).Model(&complaintRow{}).Where("store_id = ?", storeID), f)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []complaintRow
	err := q.Order("received_at DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// maxReportRows bounds the complaints one report reads.
const maxReportRows = 200000

// all reads the complaints of the stores (nil: every store) received in [from, to).
func all(ctx context.Context, db *gorm.DB, storeID *int64, from, to time.Time) ([]complaintRow, error) {
	q := db.WithContext(ctx).Select("store_id, category, department_code, compensation, received_at, resolved_at").
		Where("received_at >= ? AND received_at < ?", from, to)
	if storeID != nil {
		q = q.Where("store_id = ?", *storeID)
	}
	var rows []complaintRow
	err := q.Limit(maxReportRows).Find(&rows).Error
	return rows, err
}
