package feeds

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"gorm.io/gorm"
)

type salesRow struct {
	StoreID      int64      `gorm:"primaryKey;autoIncrement:false"`
	BusinessDate civil.Date `gorm:"primaryKey"`
	ProductID    int64      `gorm:"primaryKey;autoIncrement:false"`
	Qty          fixed.Qty
	NetSales     fixed.Money
	Cost         fixed.Money
	ImportID     int64
}

func (salesRow) TableName() string { return "sales_lines" }

type labourRow struct {
	StoreID        int64      `gorm:"primaryKey;autoIncrement:false"`
	BusinessDate   civil.Date `gorm:"primaryKey"`
	DepartmentCode string     `gorm:"primaryKey"`
	Headcount      fixed.Qty
	Hours          fixed.Qty
	Cost           fixed.Money
	ImportID       int64
}

func (labourRow) TableName() string { return "labour_lines" }

type expenseRow struct {
	StoreID        int64      `gorm:"primaryKey;autoIncrement:false"`
	BusinessDate   civil.Date `gorm:"primaryKey"`
	DepartmentCode string     `gorm:"primaryKey"`
	Category       string     `gorm:"primaryKey"`
	Note           string     `gorm:"primaryKey"`
	Amount         fixed.Money
	ImportID       int64
}

func (expenseRow) TableName() string { return "expense_lines" }

type importRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	Kind           string
	Source         string
	IdempotencyKey *string
	RequestHash    string
	Lines          int `gorm:"column:line_count"`
	Created        int
	Updated        int
	Unchanged      int
	ActorID        *int64
	ActorUsername  string
	ResponseJSON   string `gorm:"column:response_json"`
	CreatedAt      time.Time
}

func (importRow) TableName() string { return "feed_imports" }

// dailyRow is the sales rollup per store, date and department.
type dailyRow struct {
	StoreID        int64      `gorm:"primaryKey;autoIncrement:false"`
	BusinessDate   civil.Date `gorm:"primaryKey"`
	DepartmentCode string     `gorm:"primaryKey"`
	Qty            fixed.Qty
	NetSales       fixed.Money
	Cost           fixed.Money
	Lines          int `gorm:"column:line_count"`
	// Revision counts the imports that changed a line of the row's day and department: a
	// reader that keeps figures worked out from those lines (a campaign's effect) compares it.
	Revision int64
}

func (dailyRow) TableName() string { return "sales_daily" }

// Models lists the rows of this module for the schema test.
func Models() []any {
	return []any{&salesRow{}, &labourRow{}, &expenseRow{}, &importRow{}, &dailyRow{}}
}

var dailyBulk = database.Bulk{Table: "sales_daily",
	Columns:   []string{"store_id", "business_date", "department_code", "qty", "net_sales", "cost", "line_count", "revision"},
	Upsert:    []string{"store_id", "business_date", "department_code"},
	Update:    []string{"qty", "net_sales", "cost", "line_count", "revision"},
	Increment: true}

var salesBulk = database.Bulk{Table: "sales_lines",
	Columns: []string{"store_id", "business_date", "product_id", "qty", "net_sales", "cost", "import_id"},
	Upsert:  []string{"store_id", "business_date", "product_id"},
	Update:  []string{"qty", "net_sales", "cost", "import_id"}}

var labourBulk = database.Bulk{Table: "labour_lines",
	Columns: []string{"store_id", "business_date", "department_code", "headcount", "hours", "cost", "import_id"},
	Upsert:  []string{"store_id", "business_date", "department_code"},
	Update:  []string{"headcount", "hours", "cost", "import_id"}}

var expenseBulk = database.Bulk{Table: "expense_lines",
	Columns: []string{"store_id", "business_date", "department_code", "category", "note", "amount", "import_id"},
	Upsert:  []string{"store_id", "business_date", "department_code", "category", "note"},
	Update:  []string{"amount", "import_id"}}

// finishImport records an import's counts and answer on its row.
func finishImport(ctx context.Context, tx *gorm.DB, id int64, res Result) error {
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return tx.WithContext(ctx).Model(&importRow{}).Where("id = ?", id).Updates(map[string]any{"created": res.Created,
		"updated": res.Updated, "unchanged": res.Unchanged, "response_json": string(b)}).Error
}

func history(ctx context.Context, db *gorm.DB, storeID int64, kind string, offset, limit int) ([]Import, int64, error) {
	q := db.WithContext(ctx).Model(&importRow{}).Where("store_id = ?", storeID)
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []importRow
	if err := q.Order("id DESC").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Import, len(rows))
	for i, r := range rows {
		out[i] = Import{ID: r.ID, Kind: r.Kind, Source: r.Source, Lines: r.Lines, Created: r.Created, Updated: r.Updated,
			Unchanged: r.Unchanged, ActorUsername: r.ActorUsername, CreatedAt: r.CreatedAt, IdempotencyKey: r.IdempotencyKey}
	}
	return out, total, nil
}

// keyedReadMax is the most products whose booked lines are read by key; a larger upload
// (a store's whole day) reads its dates' lines in one range instead.
const keyedReadMax = 500

// bookedSales reads the sales lines already booked for the request's days and products: by
// key for a small upload, so a one-line correction costs one line however much the store
// sells, and by date range for a large one.
func bookedSales(ctx context.Context, tx *gorm.DB, storeID int64, lines []saleLine) ([]salesRow, error) {
	from, to := lines[0].date, lines[0].date
	dates, products := map[civil.Date]bool{}, map[int64]bool{}
	for _, l := range lines {
		from, to = min(from, l.date), max(to, l.date)
		dates[l.date], products[l.ref.ID] = true, true
	}
	var out []salesRow
	q := tx.WithContext(ctx).Where("store_id = ?", storeID)
	if len(products) <= keyedReadMax {
		q = q.Where("business_date IN ? AND product_id IN ?", slices.Collect(maps.Keys(dates)), slices.Collect(maps.Keys(products)))
	} else {
		q = q.Where("business_date >= ? AND business_date <= ?", from, to)
	}
	err := q.Find(&out).Error
	return out, err
}
