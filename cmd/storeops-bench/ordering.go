package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Ordering bench sizes: the plan of 2,000 SKUs with a year of sales.
const (
	orderingSKUs     = 2000
	orderingCategory = "订货基准"
	orderingPlans    = 20  // plans created (and discarded) for the latency figures
	orderingEdits    = 200 // line edits
)

// orderingCase gives the dry department 2,000 more products with a supplier, loads a year of
// their daily sales into the first store through the sales feed, fits their forecasts (the
// nightly job's work, timed) and then times through HTTP: creating tomorrow's plan of the
// department (then discarding it, 20 times) and editing a line (200 times). Each figure is
// set beside the raw limit measured in the same run on the same database: inserting the
// plan's lines with one multi-row statement per 1,000 rows after reading the kept
// forecasts, and one UPDATE of a line by its primary key.
func orderingCase(ctx context.Context, e *env) error {
	c, _ := config.Load(func(string) string { return "" })
	a, err := app.New(app.Deps{Config: c, DB: e.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	products := make([]catalog.Product, orderingSKUs)
	supplier := "dry-goods"
	for i := range products {
		products[i] = catalog.Product{SKU: fmt.Sprintf("OR%05d", i), Name: fmt.Sprintf("订货基准商品 %d", i),
			DepartmentCode: "dry", Category: orderingCategory, Unit: catalog.UnitEach, CasePack: fixed.QtyOf(int64(1 + i%12)),
			ShelfLifeDays: 3 + i%20, Perishable: i%2 == 0, CostPrice: fixed.Money(250), RetailPrice: fixed.Money(390),
			Active: true, SupplierCode: &supplier}
	}
	if _, err := a.Catalog.EnsureProducts(ctx, authz.System("bench"), products); err != nil {
		return err
	}
	store := e.stores[0]
	client := &http.Client{Timeout: 10 * time.Minute}
	today := civil.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
	t0 := time.Now()
	const perRequest = 50000
	var lines []map[string]any
	flush := func() error {
		if len(lines) == 0 {
			return nil
		}
		_, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/sales", store), map[string]any{"lines": lines})
		lines = lines[:0]
		return err
	}
	total := 0
	for d := today.AddDays(-365); d < today; d++ {
		for i := range products {
			// Weekday pattern, slow sellers every 7th product, a gentle trend.
			base := 3 + i%25 + int(d-today.AddDays(-365))/120
			if d.Weekday() == 6 || d.Weekday() == 0 {
				base += base / 2
			}
			if i%7 == 0 && (int(d)+i)%5 != 0 {
				continue // sold on one day in five
			}
			lines = append(lines, map[string]any{"business_date": d.String(), "sku": products[i].SKU,
				"qty": fmt.Sprint(base), "net_sales": fmt.Sprintf("%d.90", base*3), "cost": fmt.Sprintf("%d.50", base*2)})
			total++
			if len(lines) == perRequest {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Printf("  sales history: %d lines of %d SKUs over 365 days loaded in %s\n", total, orderingSKUs, time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	fitted, _, err := a.Ordering.UpdateForecasts(ctx, store, today)
	if err != nil {
		return err
	}
	fmt.Printf("  forecasts fitted (the daily job's refit): %d products in %s\n", fitted, time.Since(t0).Round(time.Millisecond))

	var createLat, editLat []time.Duration
	var planLines int
	path := fmt.Sprintf("/api/v1/stores/%d/order-plans", store)
	body := map[string]any{"department_code": "dry", "delivery_date": today.AddDays(1).String()}
	var planID int64
	for i := range orderingPlans {
		t := time.Now()
		b, err := e.stCall(ctx, client, "POST", path, body)
		if err != nil {
			return err
		}
		createLat = append(createLat, time.Since(t))
		var pl struct {
			ID        int64 `json:"id"`
			LineCount int   `json:"line_count"`
			Version   int   `json:"version"`
		}
		if err := json.Unmarshal(b, &pl); err != nil {
			return err
		}
		planLines, planID = pl.LineCount, pl.ID
		if i < orderingPlans-1 {
			if _, err := e.stCall(ctx, client, "DELETE", fmt.Sprintf("/api/v1/order-plans/%d?version=%d", pl.ID, pl.Version), nil); err != nil {
				return err
			}
		}
	}
	for i := range orderingEdits {
		sku := products[(i*37)%orderingSKUs].SKU
		b, err := e.stCall(ctx, client, "GET", fmt.Sprintf("/api/v1/order-plans/%d/lines/%s", planID, sku), nil)
		if err != nil {
			return err
		}
		var l struct {
			CasePack string `json:"case_pack"`
			Version  int    `json:"version"`
		}
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		t := time.Now()
		if _, err := e.stCall(ctx, client, "PATCH", fmt.Sprintf("/api/v1/order-plans/%d/lines/%s", planID, sku), map[string]any{
			"ordered_qty": l.CasePack, "deviation_reason": "基准", "version": l.Version}); err != nil {
			return err
		}
		editLat = append(editLat, time.Since(t))
	}
	rawCreate, rawEdit, err := e.rawOrdering(ctx, store, planID, orderingPlans, orderingEdits)
	if err != nil {
		return err
	}
	fmt.Printf("  create a plan of %d lines: p50 %s p95 %s (target p95 < 300 ms); raw limit p95 %s: %.1f× raw\n", planLines,
		exact(createLat, 50), exact(createLat, 95), exact(rawCreate, 95), ratio(createLat, rawCreate))
	fmt.Printf("  edit a line: p50 %s p95 %s (target p95 < 20 ms); raw limit p95 %s: %.1f× raw\n",
		exact(editLat, 50), exact(editLat, 95), exact(rawEdit, 95), ratio(editLat, rawEdit))
	rss, peak := e.serverMemory()
	fmt.Printf("  server memory: rss %d MB, peak %d MB\n", rss/1024, peak/1024)
	return nil
}

// rawOrdering measures the floor of the two operations on the same database from this
// process: reading the store's kept forecasts and inserting the plan's lines (its own
// explanations, 1,000 rows a statement, in one transaction, rolled back) into a scratch copy
// of the lines table, and one UPDATE of a line by its primary key.
func (e *env) rawOrdering(ctx context.Context, store, planID int64, creates, edits int) (create, edit []time.Duration, err error) {
	var rows []struct {
		ProductID   int64
		Explanation string
	}
	if err := e.db.WithContext(ctx).Table("order_plan_lines").Select("product_id, explanation").
		Where("plan_id = ?", planID).Scan(&rows).Error; err != nil {
		return nil, nil, err
	}
	// A scratch copy of the lines table (same columns and keys, no foreign keys) takes the rows.
	if err := e.db.WithContext(ctx).Exec("CREATE TABLE IF NOT EXISTS bench_raw_plan_lines LIKE order_plan_lines").Error; err != nil {
		return nil, nil, err
	}
	cols := "plan_id, product_id, sku, name, unit, supplier_code, supplier_name, case_pack, min_order_qty, unit_cost, " +
		"forecast_qty, suggested_qty, ordered_qty, flags, explanation, days_since_sale, updated_at"
	for range creates {
		t := time.Now()
		var states []struct{ State string }
		if err := e.db.WithContext(ctx).Table("forecast_states").Select("state").Where("store_id = ?", store).Scan(&states).Error; err != nil {
			return nil, nil, err
		}
		tx := e.db.WithContext(ctx).Begin()
		for start := 0; start < len(rows); start += 1000 {
			chunk := rows[start:min(start+1000, len(rows))]
			var sb strings.Builder
			args := make([]any, 0, len(chunk)*17)
			sb.WriteString("INSERT INTO bench_raw_plan_lines (" + cols + ") VALUES ")
			for i, r := range chunk {
				if i > 0 {
					sb.WriteByte(',')
				}
				sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
				args = append(args, planID, r.ProductID, "RAW", "raw name", "each", "dry-goods", "干货经销商", "1.000",
					"0.000", "2.50", "10.000", "10.000", "10.000", "", r.Explanation, 1, time.Now())
			}
			if err := tx.Exec(sb.String(), args...).Error; err != nil {
				tx.Rollback()
				return nil, nil, err
			}
		}
		tx.Rollback()
		create = append(create, time.Since(t))
	}
	for i := range edits {
		t := time.Now()
		if err := e.db.WithContext(ctx).Exec("UPDATE order_plan_lines SET updated_at = ? WHERE plan_id = ? AND product_id = ?",
			time.Now(), planID, rows[(i*37)%len(rows)].ProductID).Error; err != nil {
			return nil, nil, err
		}
		edit = append(edit, time.Since(t))
	}
	return create, edit, nil
}

// exact is the p-th percentile, rounded to 0.1 ms.
func exact(d []time.Duration, p int) time.Duration {
	return percentile(d, p).Round(100 * time.Microsecond)
}

func ratio(d, raw []time.Duration) float64 {
	r := exact(raw, 95)
	if r == 0 {
		return 0
	}
	return float64(exact(d, 95)) / float64(r)
}
