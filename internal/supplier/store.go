package supplier

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// supplierRow is a row of suppliers. Only this file touches the table.
type supplierRow struct {
	ID           int64 `gorm:"primaryKey"`
	Code         string
	Name         string
	LeadTimeDays int
	OrderCutoff  string
	Contact      string
	Active       bool
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (supplierRow) TableName() string { return "suppliers" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&supplierRow{}} }

// Filter narrows a list: a code or name that contains Q, and active or not.
type Filter struct {
	Q      string
	Active *bool
}

var supplierSort = map[string]string{"code": "code", "name": "name", "lead_time_days": "lead_time_days",
	"order_cutoff": "order_cutoff", "created_at": "created_at", "": "code"}

func list(ctx context.Context, db *gorm.DB, f Filter, pg paging.Page) ([]Supplier, int64, error) {
	q := db.WithContext(ctx).Model(&supplierRow{})
	if f.Q != "" {
		like := "%" + database.EscapeLike(f.Q) + "%"
		q = q.Where("(code LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!')", like, like)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []supplierRow
	err := q.Order(pg.OrderBy(supplierSort)).Order("code").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	out := make([]Supplier, len(rows))
	for i, r := range rows {
		out[i] = Supplier(r)
	}
	return out, total, err
}

func load(ctx context.Context, db *gorm.DB, id int64) (Supplier, error) {
	var r supplierRow
	if err := db.WithContext(ctx).First(&r, id).Error; err != nil {
		return Supplier{}, database.Translate(err, fmt.Sprintf("supplier %d", id))
	}
	return Supplier(r), nil
}

// byCodes answers the suppliers with the given codes, keyed by code, in one query.
func byCodes(ctx context.Context, db *gorm.DB, codes []string) (map[string]Supplier, error) {
	out := make(map[string]Supplier, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	var rows []supplierRow
	if err := db.WithContext(ctx).Where("code IN ?", codes).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.Code] = Supplier(r)
	}
	return out, nil
}

// byIDs answers the suppliers with the given ids, keyed by id, in one query.
func byIDs(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]Supplier, error) {
	out := make(map[int64]Supplier, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []supplierRow
	if err := db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = Supplier(r)
	}
	return out, nil
}

func insert(ctx context.Context, tx *gorm.DB, s Supplier) (Supplier, error) {
	r := supplierRow(s)
	r.ID, r.Version = 0, 1
	if err := tx.WithContext(ctx).Create(&r).Error; err != nil {
		return Supplier{}, duplicate(err, s)
	}
	return Supplier(r), nil
}

// duplicate names the clash of a supplier with another of the same code (409 duplicate).
func duplicate(err error, s Supplier) error {
	return database.Translate(err, fmt.Sprintf("supplier %s", s.Code))
}
