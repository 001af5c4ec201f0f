package feeds

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// DailySales is one store's sales of one department on one day, from the rollup.
type DailySales struct {
	StoreID        int64
	Date           civil.Date
	DepartmentCode string
	Qty            fixed.Qty
	NetSales       fixed.Money
	Cost           fixed.Money
}

// DailyLabour is one store's labour of one department on one day.
type DailyLabour struct {
	StoreID        int64
	Date           civil.Date
	DepartmentCode string
	Headcount      fixed.Qty
	Hours          fixed.Qty
	Cost           fixed.Money
}

// DailyExpense is one store's expenses of one department and category on one day.
type DailyExpense struct {
	StoreID        int64
	Date           civil.Date
	DepartmentCode string
	Category       string
	Amount         fixed.Money
}

// ProductSales is one product's sales over a period.
type ProductSales struct {
	ProductID int64
	Qty       fixed.Qty
	NetSales  fixed.Money
	Cost      fixed.Money
}

// between restricts a query to stores (nil: every store) and a date range, inclusive.
func between(q *gorm.DB, storeIDs []int64, from, to civil.Date) *gorm.DB {
	q = q.Where("business_date >= ? AND business_date <= ?", from, to)
	if storeIDs != nil {
		q = q.Where("store_id IN ?", storeIDs)
	}
	return q
}

// DailySales reads the sales rollup; storeIDs nil means every store. Rows are scanned
// straight into the result: the KPI screens read tens of thousands of them per request.
func (s *Service) DailySales(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]DailySales, error) {
	rows, err := between(s.db.WithContext(ctx).Model(&dailyRow{}), storeIDs, from, to).
		Select("store_id, business_date, department_code, qty, net_sales, cost").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DailySales
	for rows.Next() {
		var d DailySales
		if err := rows.Scan(&d.StoreID, &d.Date, &d.DepartmentCode, &d.Qty, &d.NetSales, &d.Cost); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DailyLabour reads labour lines; storeIDs nil means every store.
func (s *Service) DailyLabour(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]DailyLabour, error) {
	rows, err := between(s.db.WithContext(ctx).Model(&labourRow{}), storeIDs, from, to).
		Select("store_id, business_date, department_code, headcount, hours, cost").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DailyLabour
	for rows.Next() {
		var d DailyLabour
		if err := rows.Scan(&d.StoreID, &d.Date, &d.DepartmentCode, &d.Headcount, &d.Hours, &d.Cost); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DailyExpenses reads expenses summed per store, day, department and category.
func (s *Service) DailyExpenses(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]DailyExpense, error) {
	var rows []struct {
		StoreID        int64
		BusinessDate   civil.Date
		DepartmentCode string
		Category       string
		Amount         fixed.Money
	}
	err := between(s.db.WithContext(ctx).Model(&expenseRow{}), storeIDs, from, to).
		Select("store_id, business_date, department_code, category, SUM(amount) AS amount").
		Group("store_id, business_date, department_code, category").Scan(&rows).Error
	out := make([]DailyExpense, len(rows))
	for i, r := range rows {
		out[i] = DailyExpense{StoreID: r.StoreID, Date: r.BusinessDate, DepartmentCode: r.DepartmentCode, Category: r.Category, Amount: r.Amount}
	}
	return out, err
}

// SalesByProduct sums one store's sales per product over a period (drill-downs).
func (s *Service) SalesByProduct(ctx context.Context, storeID int64, from, to civil.Date) ([]ProductSales, error) {
	var out []ProductSales
	err := between(s.db.WithContext(ctx).Model(&salesRow{}), []int64{storeID}, from, to).
		Select("product_id, SUM(qty) AS qty, SUM(net_sales) AS net_sales, SUM(cost) AS cost").
		Group("product_id").Scan(&out).Error
	return out, err
}

// CheckRollups proves the daily rollup equals the raw sales lines, reading every line once.
// departmentOf maps a product to its department.
func (s *Service) CheckRollups(ctx context.Context, departmentOf func(productID int64) string) ([]string, error) {
	type key struct {
		store int64
		date  civil.Date
		dept  string
	}
	raw := map[key]*dailyRow{}
	rows, err := s.db.WithContext(ctx).Model(&salesRow{}).
		Select("store_id, business_date, product_id, qty, net_sales, cost").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r salesRow
		if err := rows.Scan(&r.StoreID, &r.BusinessDate, &r.ProductID, &r.Qty, &r.NetSales, &r.Cost); err != nil {
			return nil, err
		}
		k := key{r.StoreID, r.BusinessDate, departmentOf(r.ProductID)}
		d := raw[k]
		if d == nil {
			d = &dailyRow{}
			raw[k] = d
		}
		d.Qty += r.Qty
		d.NetSales += r.NetSales
		d.Cost += r.Cost
		d.Lines++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var rolled []dailyRow
	if err := s.db.WithContext(ctx).Find(&rolled).Error; err != nil {
		return nil, err
	}
	var problems []string
	for _, r := range rolled {
		k := key{r.StoreID, r.BusinessDate, r.DepartmentCode}
		want := raw[k]
		delete(raw, k)
		if want == nil {
			want = &dailyRow{}
		}
		if want.Qty != r.Qty || want.NetSales != r.NetSales || want.Cost != r.Cost || want.Lines != r.Lines {
			problems = append(problems, fmt.Sprintf("store %d %s %s: rollup %s/%s/%s in %d lines, raw lines add up to %s/%s/%s in %d",
				r.StoreID, r.BusinessDate, r.DepartmentCode, r.Qty, r.NetSales, r.Cost, r.Lines, want.Qty, want.NetSales, want.Cost, want.Lines))
		}
	}
	for k, d := range raw {
		problems = append(problems, fmt.Sprintf("store %d %s %s: %d raw lines but no rollup", k.store, k.date, k.dept, d.Lines))
	}
	return problems, nil
}

// ProductDay is one product's sales in one store on one day.
type ProductDay struct {
	ProductID int64
	Date      civil.Date
	Qty       fixed.Qty
}

// EachProductDay streams one store's sales lines from..to (inclusive), of the products named
// (nil: all of them), ordered by product and day, to fn; it stops at fn's first error. The
// forecast reads a store's history through it without holding the lines twice.
func (s *Service) EachProductDay(ctx context.Context, storeID int64, productIDs []int64, from, to civil.Date, fn func(ProductDay) error) error {
	if productIDs != nil && len(productIDs) == 0 {
		return nil
	}
	q := between(s.db.WithContext(ctx).Model(&salesRow{}), []int64{storeID}, from, to)
	if productIDs != nil {
		q = q.Where("product_id IN ?", productIDs)
	}
	rows, err := q.Select("product_id, business_date, qty").Order("product_id, business_date").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d ProductDay
		if err := rows.Scan(&d.ProductID, &d.Date, &d.Qty); err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// StoreProductSales is one product's sales in one store, summed over the days asked.
type StoreProductSales struct {
	StoreID   int64
	ProductID int64
	Qty       fixed.Qty
	NetSales  fixed.Money
	Cost      fixed.Money
}

// salesChunk bounds the ids of one IN list.
const salesChunk = 500

// WeightedSales sums the sales lines of the stores and products named per store and product
// over from..to (inclusive), the line of day from+i counted weights[i] times (a weight of 0
// leaves the day out; weights nil counts every day once). The sums run in the database as
// plain SUMs, one query per distinct weight (a report's weights take one or two values), so a
// report over thousands of store-product pairs reads one row per pair and query; the id lists
// are read in chunks. Pairs without a sale are left out.
func (s *Service) WeightedSales(ctx context.Context, storeIDs, productIDs []int64, from, to civil.Date, weights []int) ([]StoreProductSales, error) {
	if len(storeIDs) == 0 || len(productIDs) == 0 || to < from {
		return nil, nil
	}
	if weights == nil {
		return s.sumSales(ctx, storeIDs, productIDs, from, to, nil, 1, nil)
	}
	if len(weights) != int(to-from+1) {
		return nil, fmt.Errorf("feeds: %d weights for %d days", len(weights), to-from+1)
	}
	// Σ w(d)·x(d) = Σ over the weight levels L of (L − previous level) × Σ of x(d) with w(d) ≥ L.
	set := map[int]bool{}
	for _, w := range weights {
		if w < 0 {
			return nil, fmt.Errorf("feeds: a negative weight")
		}
		if w > 0 {
			set[w] = true
		}
	}
	levels := slices.Sorted(maps.Keys(set))
	sums := map[[2]int64]*StoreProductSales{}
	var order [][2]int64
	prev := 0
	for _, level := range levels {
		var days []civil.Date
		for i, w := range weights {
			if w >= level {
				days = append(days, from.AddDays(i))
			}
		}
		if len(days) == len(weights) {
			days = nil // the whole range
		}
		if _, err := s.sumSales(ctx, storeIDs, productIDs, from, to, days, int64(level-prev), func(r StoreProductSales) {
			k := [2]int64{r.StoreID, r.ProductID}
			if have := sums[k]; have != nil {
				have.Qty += r.Qty
				have.NetSales += r.NetSales
				have.Cost += r.Cost
				return
			}
			sums[k] = &r
			order = append(order, k)
		}); err != nil {
			return nil, err
		}
		prev = level
	}
	out := make([]StoreProductSales, len(order))
	for i, k := range order {
		out[i] = *sums[k]
	}
	return out, nil
}

// sumSales sums lines per store and product over from..to (only the days listed when days is
// not nil), times times; each row goes to fn, or into the answer when fn is nil.
func (s *Service) sumSales(ctx context.Context, storeIDs, productIDs []int64, from, to civil.Date, days []civil.Date,
	times int64, fn func(StoreProductSales)) ([]StoreProductSales, error) {
	var out []StoreProductSales
	if fn == nil {
		fn = func(r StoreProductSales) { out = append(out, r) }
	}
	for i := 0; i < len(storeIDs); i += salesChunk {
		stores := storeIDs[i:min(i+salesChunk, len(storeIDs))]
		for j := 0; j < len(productIDs); j += salesChunk {
			products := productIDs[j:min(j+salesChunk, len(productIDs))]
			q := between(s.db.WithContext(ctx).Model(&salesRow{}), stores, from, to).Where("product_id IN ?", products)
			if days != nil {
				q = q.Where("business_date IN ?", days)
			}
			rows, err := q.Select("store_id, product_id, SUM(qty), SUM(net_sales), SUM(cost)").Group("store_id, product_id").Rows()
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var r StoreProductSales
				if err := rows.Scan(&r.StoreID, &r.ProductID, &r.Qty, &r.NetSales, &r.Cost); err != nil {
					rows.Close()
					return nil, err
				}
				r.Qty *= fixed.Qty(times)
				r.NetSales *= fixed.Money(times)
				r.Cost *= fixed.Money(times)
				fn(r)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// SalesRevisions answers, per store, the sum of the revisions of its sales days from..to
// (inclusive): it grows with every import that changes a line of those days, so figures kept
// from the lines stay good while it stays the same. Stores without sales then are left out.
func (s *Service) SalesRevisions(ctx context.Context, storeIDs []int64, from, to civil.Date) (map[int64]int64, error) {
	out := make(map[int64]int64, len(storeIDs))
	if len(storeIDs) == 0 || to < from {
		return out, nil
	}
	var rows []struct {
		StoreID  int64
		Revision int64
	}
	for part := range slices.Chunk(storeIDs, salesChunk) {
		rows = rows[:0]
		err := between(s.db.WithContext(ctx).Model(&dailyRow{}), part, from, to).
			Select("store_id, SUM(revision) AS revision").Group("store_id").Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.StoreID] = r.Revision
		}
	}
	return out, nil
}
