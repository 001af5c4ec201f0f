package catalog

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
	"gorm.io/gorm"
)

// RefsBySKU answers the products with these exact SKUs, keyed by SKU; unknown SKUs are
// simply absent.
func (s *Service) RefsBySKU(ctx context.Context, skus []string) (map[string]Ref, error) {
	want := make(map[string]bool, len(skus))
	for _, sku := range skus {
		want[sku] = true
	}
	rows, err := rowsWhere(ctx, s.db, "sku", slices.Sorted(maps.Keys(want)))
	out := make(map[string]Ref, len(rows))
	for _, r := range rows {
		if want[r.SKU] { // MySQL matches regardless of letter case; SKUs are exact
			out[r.SKU] = RefOf(toProduct(r))
		}
	}
	return out, err
}

// RefsByID answers the products with these ids, keyed by id; unknown ids are absent.
func (s *Service) RefsByID(ctx context.Context, ids []int64) (map[int64]Ref, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	rows, err := rowsWhere(ctx, s.db, "id", ids)
	out := make(map[int64]Ref, len(rows))
	for _, r := range rows {
		out[r.ID] = RefOf(toProduct(r))
	}
	return out, err
}

// AllRefs answers the whole catalogue keyed by SKU, for bulk work that looks SKUs up in
// memory.
func (s *Service) AllRefs(ctx context.Context) (map[string]Ref, error) {
	rows, err := allRows(ctx, s.db)
	out := make(map[string]Ref, len(rows))
	for _, r := range rows {
		out[r.SKU] = RefOf(toProduct(r))
	}
	return out, err
}

// FindRefs answers every product matching f, sorted by SKU, without paging.
func (s *Service) FindRefs(ctx context.Context, f Filter) ([]Ref, error) {
	var out []Ref
	err := eachProduct(ctx, s.db, f, func(ps []Product) error {
		for _, p := range ps {
			out = append(out, RefOf(p))
		}
		return nil
	})
	return out, err
}

// EnsureProducts creates the products whose SKU is missing and leaves existing ones
// untouched, so seeding twice changes nothing. All of them are checked first and created in
// one transaction; problems are named "<sku>.field". It answers how many it created.
func (s *Service) EnsureProducts(ctx context.Context, p *authz.Principal, products []Product) (created int, err error) {
	skus := make([]string, len(products))
	for i, prod := range products {
		skus[i] = prod.SKU
	}
	have, err := s.RefsBySKU(ctx, skus)
	if err != nil {
		return 0, err
	}
	var lines []ImportLine
	for _, prod := range products {
		if _, ok := have[prod.SKU]; ok {
			continue
		}
		sku := prod.SKU
		lines = append(lines, ImportLine{Product: prod, HasBarcode: true, HasLocation: true, HasActive: true,
			HasSupplier: true, HasMinOrderQty: true,
			label: func(field string) string { return fmt.Sprintf("%s.%s", sku, field) }})
	}
	if len(lines) == 0 {
		return 0, nil
	}
	res, err := s.importLines(ctx, p, lines, upload.NewProblems(), false, idempotency.Key{})
	return res.Created, err
}

// RefsByIDTx is RefsByID inside the caller's transaction: a module that books something
// about products (stock moves) reads their facts on the connection it already holds.
func (s *Service) RefsByIDTx(ctx context.Context, tx *gorm.DB, ids []int64) (map[int64]Ref, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	rows, err := rowsWhere(ctx, tx, "id", ids)
	out := make(map[int64]Ref, len(rows))
	for _, r := range rows {
		out[r.ID] = RefOf(toProduct(r))
	}
	return out, err
}

// RefColumns are the columns of Subquery, named as in Ref.
var RefColumns = []string{"id", "sku", "name", "department_code", "category", "unit", "case_pack",
	"shelf_life_days", "cost_price", "retail_price", "perishable", "active", "location"}

// Subquery answers a read-only query of the products matching f, with RefColumns, for
// another module to join in SQL (a stock list pages, filters and sorts products together
// with their balances). It is the catalogue's door to its table: the caller neither names
// the table nor writes to it.
func (s *Service) Subquery(db *gorm.DB, f Filter) *gorm.DB {
	return f.apply(db.Model(&productRow{}).Select(RefColumns))
}

// CountRefs answers how many products match f; narrowed by department alone it reads the
// kept per-department counts instead of counting the catalogue.
func (s *Service) CountRefs(ctx context.Context, f Filter) (int64, error) {
	return countProducts(ctx, s.db, f)
}

// CheckCounts reports where the kept per-department counts differ from the catalogue.
func (s *Service) CheckCounts(ctx context.Context) ([]string, error) { return checkCounts(ctx, s.db) }

// SupplierIDs answers, per department, the suppliers its active products are ordered from
// (the ordering module's cut-off warnings). It reads the supplier index, one row per product.
func (s *Service) SupplierIDs(ctx context.Context, departments []string) (map[string][]int64, error) {
	var rows []struct {
		DepartmentCode string
		SupplierID     int64
	}
	err := s.db.WithContext(ctx).Model(&productRow{}).Distinct("department_code", "supplier_id").
		Where("department_code IN ? AND active = ? AND supplier_id IS NOT NULL", departments, true).Scan(&rows).Error
	out := map[string][]int64{}
	for _, r := range rows {
		out[r.DepartmentCode] = append(out[r.DepartmentCode], r.SupplierID)
	}
	return out, err
}
