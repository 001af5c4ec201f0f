package catalog

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
)

// countRow is how many products a department has, kept in the transactions that change it.
type countRow struct {
	DepartmentCode string `gorm:"primaryKey"`
	N              int64
}

func (countRow) TableName() string { return "product_counts" }

var countBulk = database.Bulk{Table: "product_counts", Columns: []string{"department_code", "n"},
	Upsert: []string{"department_code"}, Update: []string{"n"}, Increment: true}

// adjustCounts adds delta (products per department) to the counts inside tx. Adding is
// commutative, so concurrent imports on a multi-primary cluster never lose one another's.
func adjustCounts(ctx context.Context, tx *gorm.DB, delta map[string]int64) error {
	codes := slices.Sorted(maps.Keys(delta))
	live := codes[:0]
	for _, c := range codes {
		if delta[c] != 0 {
			live = append(live, c)
		}
	}
	return countBulk.Insert(ctx, tx, len(live), func(i int, a []any) []any { return append(a, live[i], delta[live[i]]) })
}

// departmentOnly reports whether f narrows by department alone, which the counts answer.
func (f Filter) departmentOnly() bool {
	return f.Q == "" && f.Category == "" && f.Perishable == nil && f.Active == nil
}

// countProducts counts the products matching f: from the department counts when f narrows
// by department alone, else with a COUNT over the filter.
func countProducts(ctx context.Context, db *gorm.DB, f Filter) (int64, error) {
	var n int64
	if !f.departmentOnly() {
		err := f.apply(db.WithContext(ctx).Model(&productRow{})).Count(&n).Error
		return n, err
	}
	q := db.WithContext(ctx).Model(&countRow{}).Select("COALESCE(SUM(n), 0)")
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.DepartmentCodes != nil {
		if len(f.DepartmentCodes) == 0 {
			return 0, nil
		}
		q = q.Where("department_code IN ?", f.DepartmentCodes)
	}
	err := q.Scan(&n).Error
	return n, err
}

// checkCounts compares the kept counts with the catalogue, for storeops check.
func checkCounts(ctx context.Context, db *gorm.DB) ([]string, error) {
	var real []countRow
	if err := db.WithContext(ctx).Model(&productRow{}).Select("department_code, COUNT(*) AS n").
		Group("department_code").Scan(&real).Error; err != nil {
		return nil, err
	}
	var kept []countRow
	if err := db.WithContext(ctx).Find(&kept).Error; err != nil {
		return nil, err
	}
	have := map[string]int64{}
	for _, k := range kept {
		have[k.DepartmentCode] = k.N
	}
	var out []string
	for _, r := range real {
		if have[r.DepartmentCode] != r.N {
			out = append(out, fmt.Sprintf("department %s has %d products, the kept count says %d", r.DepartmentCode, r.N, have[r.DepartmentCode]))
		}
		delete(have, r.DepartmentCode)
	}
	for code, n := range have {
		if n != 0 {
			out = append(out, fmt.Sprintf("department %s has no product, the kept count says %d", code, n))
		}
	}
	return out, nil
}
