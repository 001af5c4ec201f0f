package stocktake

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type stocktakeRow struct {
	ID               int64 `gorm:"primaryKey"`
	StoreID          int64
	DepartmentCode   string
	Scope            string
	CategoriesJSON   string `gorm:"column:categories_json"`
	ZonesJSON        string `gorm:"column:zones_json"`
	Blind            bool
	TolerancePct     fixed.Money
	ToleranceValue   fixed.Money
	Note             string
	Status           string
	RejectReason     string
	ItemCount        int
	FrozenSeq        *int64
	CreatedBy        *int64
	StartedAt        *time.Time
	SubmittedAt      *time.Time
	ApprovedAt       *time.Time
	ApprovedBy       *int64
	PostedDate       *civil.Date
	BookValue        *fixed.Money
	VarianceAbsValue *fixed.Money
	Accuracy         *Ratio
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (stocktakeRow) TableName() string { return "stocktakes" }

type itemRow struct {
	StocktakeID      int64 `gorm:"primaryKey;autoIncrement:false"`
	ProductID        int64 `gorm:"primaryKey;autoIncrement:false"`
	StoreID          int64
	SKU              string `gorm:"column:sku"`
	Name             string
	DepartmentCode   string
	Location         string
	UnitCost         fixed.Money
	Perishable       bool
	ShelfLifeDays    int
	BookQty          fixed.Qty
	ZeroConfirmed    bool
	RecountRequested bool
	RecountAssignee  *int64
}

func (itemRow) TableName() string { return "stocktake_items" }

type sheetRow struct {
	ID          int64 `gorm:"primaryKey"`
	StocktakeID int64
	ZoneName    string
	CounterID   int64
	Kind        string
	LineCount   int
	Source      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (sheetRow) TableName() string { return "stocktake_sheets" }

type countLineRow struct {
	SheetID     int64 `gorm:"primaryKey;autoIncrement:false"`
	ProductID   int64 `gorm:"primaryKey;autoIncrement:false"`
	StocktakeID int64
	Kind        string
	CounterID   int64
	Qty         fixed.Qty
}

func (countLineRow) TableName() string { return "stocktake_count_lines" }

type adjustmentRow struct {
	StocktakeID    int64 `gorm:"primaryKey;autoIncrement:false"`
	ProductID      int64 `gorm:"primaryKey;autoIncrement:false"`
	StoreID        int64
	DepartmentCode string
	PostedDate     civil.Date
	BookQty        fixed.Qty
	CountedQty     fixed.Qty
	VarianceQty    fixed.Qty
	VarianceValue  fixed.Money
}

func (adjustmentRow) TableName() string { return "stocktake_adjustments" }

type toleranceRow struct {
	DepartmentCode string `gorm:"primaryKey"`
	TolerancePct   fixed.Money
	ToleranceValue fixed.Money
	UpdatedAt      time.Time
}

func (toleranceRow) TableName() string { return "stocktake_tolerances" }

// Models lists the rows of this module for the schema test.
func Models() []any {
	return []any{&stocktakeRow{}, &itemRow{}, &sheetRow{}, &countLineRow{}, &adjustmentRow{}, &toleranceRow{}}
}

var itemBulk = database.Bulk{Table: "stocktake_items",
	Columns: []string{"stocktake_id", "product_id", "store_id", "sku", "name", "department_code", "location",
		"unit_cost", "perishable", "shelf_life_days", "book_qty"},
	Upsert: []string{"stocktake_id", "product_id"}, Update: []string{"book_qty"}}

var countLineBulk = database.Bulk{Table: "stocktake_count_lines",
	Columns: []string{"sheet_id", "product_id", "stocktake_id", "kind", "counter_id", "qty"}}

var adjustmentBulk = database.Bulk{Table: "stocktake_adjustments",
	Columns: []string{"stocktake_id", "product_id", "store_id", "department_code", "posted_date",
		"book_qty", "counted_qty", "variance_qty", "variance_value"}}

func toStocktake(r stocktakeRow) Stocktake {
	st := Stocktake{ID: r.ID, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, Scope: r.Scope, Blind: r.Blind,
		TolerancePct: r.TolerancePct, ToleranceValue: r.ToleranceValue, Note: r.Note, Status: r.Status,
		RejectReason: r.RejectReason, ItemCount: r.ItemCount, FrozenSeq: r.FrozenSeq,
		CreatedBy: r.CreatedBy, StartedAt: r.StartedAt, SubmittedAt: r.SubmittedAt, ApprovedAt: r.ApprovedAt,
		ApprovedBy: r.ApprovedBy, BookValue: r.BookValue, VarianceAbsValue: r.VarianceAbsValue,
		Accuracy: r.Accuracy, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	_ = json.Unmarshal([]byte(r.CategoriesJSON), &st.Categories)
	_ = json.Unmarshal([]byte(r.ZonesJSON), &st.Zones)
	return st
}

func mustJSON(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func loadStocktake(ctx context.Context, db *gorm.DB, id int64) (stocktakeRow, error) {
	var r stocktakeRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return r, database.Translate(err, fmt.Sprintf("stocktake %d", id))
}

// lockStocktake takes the stocktake's row lock until tx ends, so that counts, recounts,
// submission and approval of one stocktake happen one after the other.
func lockStocktake(ctx context.Context, tx *gorm.DB, id int64) (stocktakeRow, error) {
	if err := tx.WithContext(ctx).Exec("UPDATE stocktakes SET version = version WHERE id = ?", id).Error; err != nil {
		return stocktakeRow{}, err
	}
	return loadStocktake(ctx, tx, id)
}

// transition moves the stocktake from status from to status to if it is still in from; a
// second approval racing the first finds nothing to move and is told so.
func transition(ctx context.Context, tx *gorm.DB, id int64, from, to string, changes map[string]any, now time.Time) error {
	changes["status"] = to
	changes["updated_at"] = now
	changes["version"] = gorm.Expr("version + 1")
	res := tx.WithContext(ctx).Model(&stocktakeRow{}).Where("id = ? AND status = ?", id, from).Updates(changes)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return wrongState(from, "")
	}
	return nil
}

func wrongState(want, have string) error {
	msg := "the stocktake is no longer " + want
	if have != "" {
		msg = "the stocktake is " + have + ", this needs it " + want
	}
	return apperr.New(apperr.ErrConflict, "wrong_state", msg)
}

func loadItems(ctx context.Context, db *gorm.DB, stocktakeID int64) ([]itemRow, error) {
	var rows []itemRow
	err := db.WithContext(ctx).Where("stocktake_id = ?", stocktakeID).Order("location, sku").Find(&rows).Error
	return rows, err
}

// itemsBySKU answers the stocktake's items among skus, keyed by SKU.
func itemsBySKU(ctx context.Context, db *gorm.DB, stocktakeID int64, skus []string) (map[string]itemRow, error) {
	out := make(map[string]itemRow, len(skus))
	for start := 0; start < len(skus); start += 1000 {
		var rows []itemRow
		part := skus[start:min(start+1000, len(skus))]
		if err := db.WithContext(ctx).Where("stocktake_id = ? AND sku IN ?", stocktakeID, part).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.SKU] = r
		}
	}
	return out, nil
}

// sums is what the count sheets say about one product.
type sums struct {
	count, recount       fixed.Qty
	counted, recounted   bool
	counters, recounters []int64
}

// countSums adds up the count lines of a stocktake per product and kind; productIDs limits
// it to some products (nil: all).
func countSums(ctx context.Context, db *gorm.DB, stocktakeID int64, productIDs []int64) (map[int64]*sums, error) {
	var rows []struct {
		ProductID int64
		Kind      string
		CounterID int64
		Qty       fixed.Qty
	}
	q := db.WithContext(ctx).Model(&countLineRow{}).Select("product_id, kind, counter_id, SUM(qty) AS qty").
		Where("stocktake_id = ?", stocktakeID)
	if productIDs != nil {
		q = q.Where("product_id IN ?", productIDs)
	}
	if err := q.Group("product_id, kind, counter_id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := map[int64]*sums{}
	for _, r := range rows {
		s := out[r.ProductID]
		if s == nil {
			s = &sums{}
			out[r.ProductID] = s
		}
		if r.Kind == KindRecount {
			s.recount += r.Qty
			s.recounted = true
			s.recounters = append(s.recounters, r.CounterID)
		} else {
			s.count += r.Qty
			s.counted = true
			s.counters = append(s.counters, r.CounterID)
		}
	}
	return out, nil
}

// lineOf joins an item and its counts: a recount replaces the first count, and a product
// nobody counted is zero only when that was confirmed.
func lineOf(it itemRow, s *sums, t Tolerance) Line {
	l := Line{ProductID: it.ProductID, SKU: it.SKU, Name: it.Name, Location: it.Location,
		DepartmentCode: it.DepartmentCode, UnitCost: it.UnitCost, Perishable: it.Perishable,
		ShelfLifeDays: it.ShelfLifeDays, Book: it.BookQty,
		ZeroConfirmed: it.ZeroConfirmed, RecountAsked: it.RecountRequested}
	switch {
	case s != nil && s.recounted:
		l.Counted, l.HasCount, l.Recounted = s.recount, true, true
	case s != nil && s.counted:
		l.Counted, l.HasCount = s.count, true
	case it.ZeroConfirmed:
		l.HasCount = true
	}
	return Evaluate(l, t)
}

func toleranceOf(r stocktakeRow) Tolerance {
	return Tolerance{Pct: r.TolerancePct, Value: r.ToleranceValue}
}
