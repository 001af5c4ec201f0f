package shrink

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
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

// Models lists the module's tables for the schema test.
func Models() []any {
	return []any{&settingsRow{}, &rulesRow{}, &layoutRow{}, &writeOffRow{}, &markdownRow{}}
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
