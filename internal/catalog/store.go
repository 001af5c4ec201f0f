package catalog

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// productRow is the products table. Only this file touches it.
type productRow struct {
	ID             int64  `gorm:"primaryKey"`
	SKU            string `gorm:"column:sku"`
	Name           string
	DepartmentCode string
	Category       string
	Unit           string
	CasePack       fixed.Qty
	ShelfLifeDays  int
	CostPrice      fixed.Money
	RetailPrice    fixed.Money
	Perishable     bool
	Barcode        *string
	Location       string
	Active         bool
	SupplierID     *int64
	MinOrderQty    fixed.Qty
	// SupplierCode is no column: the service fills it in from the supplier module.
	SupplierCode *string `gorm:"-"`
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (productRow) TableName() string { return "products" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&productRow{}, &countRow{}} }

func toProduct(r productRow) Product { return Product(r) }

func toRow(p Product) productRow { return productRow(p) }

// chunk is how many values go into one IN list.
const chunk = 500

var productSort = map[string]string{"sku": "sku", "name": "name",
	"department_code": "department_code", "category": "category"}

func (f Filter) apply(q *gorm.DB) *gorm.DB {
	if f.Q != "" {
		esc := database.EscapeLike(f.Q)
		q = q.Where("(sku LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!' OR barcode = ?)", esc+"%", "%"+esc+"%", f.Q)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.DepartmentCodes != nil {
		if len(f.DepartmentCodes) == 0 {
			return q.Where("1 = 0")
		}
		q = q.Where("department_code IN ?", f.DepartmentCodes)
	}
	if f.Category != "" {
		q = q.Where("category = ?", f.Category)
	}
	if f.Perishable != nil {
		q = q.Where("perishable = ?", *f.Perishable)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	return q
}

func findProducts(ctx context.Context, db *gorm.DB, f Filter, p paging.Page) ([]Product, int64, error) {
	q := f.apply(db.WithContext(ctx).Model(&productRow{}))
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []productRow
	err := q.Order(p.OrderBy(productSort)).Order("id").Offset(p.Offset()).Limit(p.PageSize).Find(&rows).Error
	return toProducts(rows), total, err
}

// eachProduct calls fn with the products matching f in SKU order, a batch at a time, so a
// large catalogue is never held in memory at once.
func eachProduct(ctx context.Context, db *gorm.DB, f Filter, fn func([]Product) error) error {
	after := ""
	for {
		var rows []productRow
		err := f.apply(db.WithContext(ctx).Model(&productRow{})).Where("sku > ?", after).
			Order("sku").Limit(1000).Find(&rows).Error
		if err != nil || len(rows) == 0 {
			return err
		}
		if err := fn(toProducts(rows)); err != nil {
			return err
		}
		after = rows[len(rows)-1].SKU
	}
}

func toProducts(rows []productRow) []Product {
	out := make([]Product, len(rows))
	for i, r := range rows {
		out[i] = toProduct(r)
	}
	return out
}

// loadBySKU finds a product by its exact SKU. MySQL compares case-insensitively, so the
// match is checked again here: both databases then agree that "p1" is not "P1".
func loadBySKU(ctx context.Context, db *gorm.DB, sku string) (productRow, error) {
	var rows []productRow
	if err := db.WithContext(ctx).Where("sku = ?", sku).Find(&rows).Error; err != nil {
		return productRow{}, err
	}
	for _, r := range rows {
		if r.SKU == sku {
			return r, nil
		}
	}
	return productRow{}, fmt.Errorf("product %s: %w", sku, apperr.ErrNotFound)
}

// rowsWhere loads the rows whose column is in values, in IN lists of at most chunk values.
func rowsWhere[T any](ctx context.Context, db *gorm.DB, column string, values []T) ([]productRow, error) {
	var out []productRow
	for start := 0; start < len(values); start += chunk {
		var rows []productRow
		part := values[start:min(start+chunk, len(values))]
		if err := db.WithContext(ctx).Where(column+" IN ?", part).Find(&rows).Error; err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// allRows loads the whole catalogue.
func allRows(ctx context.Context, db *gorm.DB) ([]productRow, error) {
	var rows []productRow
	err := db.WithContext(ctx).Order("sku").Find(&rows).Error
	return rows, err
}

// conflicts refuses a SKU that differs only in letter case from another product's (MySQL's
// unique index would refuse it; SQLite's would not) and a barcode another product has.
func conflicts(ctx context.Context, db *gorm.DB, p Product) error {
	var other []productRow
	err := db.WithContext(ctx).Select("id", "sku").Where("LOWER(sku) = ?", strings.ToLower(p.SKU)).
		Where("id <> ?", p.ID).Limit(1).Find(&other).Error
	if err != nil {
		return err
	}
	if len(other) > 0 {
		return apperr.New(apperr.ErrConflict, "duplicate", "product "+other[0].SKU+" already exists")
	}
	if p.Barcode == nil {
		return nil
	}
	err = db.WithContext(ctx).Select("id", "sku").Where("barcode = ? AND id <> ?", *p.Barcode, p.ID).
		Limit(1).Find(&other).Error
	if err == nil && len(other) > 0 {
		return apperr.New(apperr.ErrConflict, "duplicate",
			"barcode "+*p.Barcode+" already belongs to product "+other[0].SKU)
	}
	return err
}

// contentColumns are the editable columns of a product, as an update writes them.
func contentColumns(p Product) map[string]any {
	return map[string]any{"name": p.Name, "department_code": p.DepartmentCode, "category": p.Category,
		"unit": p.Unit, "case_pack": p.CasePack, "shelf_life_days": p.ShelfLifeDays,
		"cost_price": p.CostPrice, "retail_price": p.RetailPrice, "perishable": p.Perishable,
		"barcode": p.Barcode, "location": p.Location, "active": p.Active, "supplier_id": p.SupplierID,
		"min_order_qty": p.MinOrderQty}
}

// updateVersioned writes p's editable columns if the row still has version, bumping it. A
// stale version is a conflict.
func updateVersioned(ctx context.Context, tx *gorm.DB, p Product, version int, now time.Time) error {
	changes := contentColumns(p)
	changes["version"] = gorm.Expr("version + 1")
	changes["updated_at"] = now
	res := tx.WithContext(ctx).Model(&productRow{}).Where("id = ? AND version = ?", p.ID, version).Updates(changes)
	if res.Error != nil {
		return database.Translate(res.Error, "product "+p.SKU)
	}
	if res.RowsAffected == 0 {
		return apperr.New(apperr.ErrConflict, "stale_version",
			"product "+p.SKU+" was changed by someone else: reload it and try again")
	}
	return nil
}

// insertProducts creates products with multi-row INSERTs and answers them with their ids.
func insertProducts(ctx context.Context, tx *gorm.DB, ps []Product, now time.Time) ([]Product, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	bulk := database.Bulk{Table: "products", Columns: []string{"sku", "name", "department_code", "category",
		"unit", "case_pack", "shelf_life_days", "cost_price", "retail_price", "perishable", "barcode",
		"location", "active", "supplier_id", "min_order_qty", "version", "created_at", "updated_at"}}
	err := bulk.Insert(ctx, tx, len(ps), func(i int, args []any) []any {
		p := ps[i]
		return append(args, p.SKU, p.Name, p.DepartmentCode, p.Category, p.Unit, p.CasePack, p.ShelfLifeDays,
			p.CostPrice, p.RetailPrice, p.Perishable, p.Barcode, p.Location, p.Active, p.SupplierID, p.MinOrderQty, 1, now, now)
	})
	if err != nil {
		return nil, database.Translate(err, "product")
	}
	skus := make([]string, len(ps))
	for i, p := range ps {
		skus[i] = p.SKU
	}
	rows, err := rowsWhere(ctx, tx, "sku", skus)
	byKey := make(map[string]productRow, len(rows))
	for _, r := range rows {
		byKey[r.SKU] = r
	}
	out := make([]Product, len(ps))
	for i, p := range ps {
		out[i] = toProduct(byKey[p.SKU])
	}
	return out, err
}
