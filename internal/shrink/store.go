package shrink

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

type settingsRow struct {
	StoreID           int64 `gorm:"primaryKey"`
	WriteOffThreshold fixed.Money
	Version           int
	UpdatedAt         time.Time
}

func (settingsRow) TableName() string { return "shrink_settings" }

type rulesRow struct {
	StoreID        int64  `gorm:"primaryKey"`
	DepartmentCode string `gorm:"primaryKey"`
	Ladder         string
	MaxDiscountPct fixed.Money
	WindowDays     int
	Schedule       string
	Version        int
	UpdatedAt      time.Time
}

func (rulesRow) TableName() string { return "markdown_rules" }

type layoutRow struct {
	ID          int `gorm:"primaryKey"`
	Enabled     bool
	Prefix      string
	ItemDigits  int
	PriceDigits int
	Version     int
	UpdatedAt   time.Time
}

func (layoutRow) TableName() string { return "label_layouts" }

type writeOffRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	DepartmentCode string
	ProductID      int64
	SKU            string `gorm:"column:sku"`
	Name           string
	Unit           string
	LotID          *int64
	Qty            fixed.Qty
	UnitCost       fixed.Money
	Value          fixed.Money
	Reason         string
	Note           string
	Status         string
	BusinessDate   civil.Date
	RejectReason   string
	CreatedBy      *int64
	CreatedByName  string
	DecidedBy      *int64
	DecidedAt      *time.Time
	RecallID       *int64
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (writeOffRow) TableName() string { return "write_offs" }

func (r writeOffRow) scope() (int64, string) { return r.StoreID, r.DepartmentCode }

type markdownRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	DepartmentCode string
	ProductID      int64
	SKU            string `gorm:"column:sku"`
	Name           string
	Unit           string
	LotID          *int64
	ExpiryDate     *civil.Date
	Qty            fixed.Qty
	RegularPrice   fixed.Money
	MarkdownPrice  fixed.Money
	DiscountPct    fixed.Money
	Loss           fixed.Money
	OnLadder       bool
	Reason         string
	Note           string
	Status         string
	BusinessDate   civil.Date
	RejectReason   string
	CreatedBy      *int64
	CreatedByName  string
	DecidedBy      *int64
	DecidedAt      *time.Time
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (markdownRow) TableName() string { return "markdowns" }

func (r markdownRow) scope() (int64, string) { return r.StoreID, r.DepartmentCode }

// record is a write-off or a markdown row: a store's record of one department.
type record interface {
	writeOffRow | markdownRow
	scope() (storeID int64, department string)
}

// Filter narrows a store's write-offs or markdowns (Reason: write-offs only).
type Filter struct {
	Status, DepartmentCode, Reason string
	From, To                       *civil.Date
}

// pageOf answers one page of a store's records in the departments named (nil: all), newest
// first.
func pageOf[R record](ctx context.Context, db *gorm.DB, storeID int64, depts []string, f Filter, pg paging.Page) ([]R, int64, error) {
	q := db.WithContext(ctx).Model(new(R)).Where("store_id = ?", storeID)
	if depts != nil {
		q = q.Where("department_code IN ?", depts)
	}
	for _, c := range []struct{ col, v string }{{"status", f.Status}, {"department_code", f.DepartmentCode}, {"reason", f.Reason}} {
		if c.v != "" {
			q = q.Where(c.col+" = ?", c.v)
		}
	}
	if f.From != nil {
		q = q.Where("business_date >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("business_date <= ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []R
	err := q.Order("created_at DESC").Order("id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// loadRecord reads record id, answering notFound when there is none.
func loadRecord[R record](ctx context.Context, db *gorm.DB, id int64, notFound error) (R, error) {
	var r R
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, notFound
	}
	return r, err
}

// decide moves a pending record to status to, only where it is still pending: of two
// approvals at once, the second finds nothing to change (false) under the row's lock.
func decide[R record](ctx context.Context, tx *gorm.DB, id int64, to, reason string, by *int64, now time.Time) (bool, error) {
	res := tx.WithContext(ctx).Model(new(R)).Where("id = ? AND status = ?", id, WriteOffPending).Updates(map[string]any{
		"status": to, "reject_reason": reason, "decided_by": by, "decided_at": now,
		"version": gorm.Expr("version + 1"), "updated_at": now})
	return res.RowsAffected == 1, res.Error
}

// Models lists the module's tables for the schema test.
func Models() []any {
	return []any{&settingsRow{}, &rulesRow{}, &layoutRow{}, &writeOffRow{}, &markdownRow{}, &recallRow{}}
}

func loadThreshold(ctx context.Context, db *gorm.DB, storeID int64) (fixed.Money, int, error) {
	var rows []settingsRow
	if err := db.WithContext(ctx).Where("store_id = ?", storeID).Limit(1).Find(&rows).Error; err != nil {
		return 0, 0, err
	}
	if len(rows) == 0 {
		return DefaultThreshold, 0, nil
	}
	return rows[0].WriteOffThreshold, rows[0].Version, nil
}

// loadRules answers the rules of the departments named (every stored one when depts is nil),
// defaults filled in for those without a row.
func loadRules(ctx context.Context, db *gorm.DB, storeID int64, depts []string) (map[string]Rules, error) {
	q := db.WithContext(ctx).Where("store_id = ?", storeID)
	if depts != nil {
		q = q.Where("department_code IN ?", append([]string{""}, depts...))
	}
	var rows []rulesRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]Rules, len(depts))
	for _, d := range depts {
		out[d] = DefaultRules(d)
	}
	for _, r := range rows {
		rules, err := toRules(r)
		if err != nil {
			return nil, err
		}
		out[r.DepartmentCode] = rules
	}
	return out, nil
}

func toRules(r rulesRow) (Rules, error) {
	ladder, err := ParseLadder(r.Ladder)
	if err != nil {
		return Rules{}, err
	}
	schedule, err := ParseSchedule(r.Schedule)
	return Rules{DepartmentCode: r.DepartmentCode, Ladder: ladder, MaxDiscount: r.MaxDiscountPct,
		WindowDays: r.WindowDays, Schedule: schedule, Version: r.Version}, err
}

func loadLayout(ctx context.Context, db *gorm.DB) (Layout, error) {
	var rows []layoutRow
	if err := db.WithContext(ctx).Where("id = 1").Limit(1).Find(&rows).Error; err != nil {
		return Layout{}, err
	}
	if len(rows) == 0 {
		return DefaultLayout, nil
	}
	r := rows[0]
	return Layout{Enabled: r.Enabled, Prefix: r.Prefix, ItemDigits: r.ItemDigits, PriceDigits: r.PriceDigits,
		Version: r.Version}, nil
}

// markdownsOfLots answers the live (pending or applied) markdowns of the lots named.
func markdownsOfLots(ctx context.Context, db *gorm.DB, storeID int64, lotIDs []int64) (map[int64][]markdownRow, error) {
	out := map[int64][]markdownRow{}
	for start := 0; start < len(lotIDs); start += 1000 {
		part := lotIDs[start:min(start+1000, len(lotIDs))]
		var rows []markdownRow
		err := db.WithContext(ctx).Select("lot_id", "qty", "markdown_price", "regular_price").
			Where("store_id = ? AND lot_id IN ? AND status IN ?", storeID, part,
				[]string{MarkdownPending, MarkdownApplied}).Find(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[*r.LotID] = append(out[*r.LotID], r)
		}
	}
	return out, nil
}
