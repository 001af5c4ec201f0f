package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/fixed"
)

const (
	shrinkSKUs        = 1000 // perishable products …
	shrinkLotsPer     = 5    // … with 5 open lots each expiring today or tomorrow: 5,000 lots
	shrinkSuggestions = 100  // suggestion pages read
	shrinkWriteOffs   = 200  // write-offs posted
)

// shrinkCase gives the first store 5,000 open lots of 1,000 produce products, all expiring
// within the markdown window, and times through HTTP: reading the first page of markdown
// suggestions (100 times) and posting a write-off that moves stock at once (200 times, as
// the admin, one lot-tracked product each). Each figure is set beside the raw limit measured
// in the same run on the same database: the index range read of the store's expiring lots
// with their products, and one transaction that takes the store's stock lock, inserts a
// write-off row and a movement row (into scratch copies) and updates a balance and a lot.
func shrinkCase(ctx context.Context, e *env) error {
	c, _ := config.Load(func(string) string { return "" })
	a, err := app.New(app.Deps{Config: c, DB: e.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	products := make([]catalog.Product, shrinkSKUs)
	for i := range products {
		products[i] = catalog.Product{SKU: fmt.Sprintf("SH%05d", i), Name: fmt.Sprintf("损耗基准商品 %d", i),
			DepartmentCode: "produce", Category: "损耗基准", Unit: catalog.UnitKg, CasePack: fixed.QtyOf(5),
			ShelfLifeDays: 3, Perishable: true, CostPrice: fixed.Money(250), RetailPrice: fixed.Money(490), Active: true}
	}
	if _, err := a.Catalog.EnsureProducts(ctx, authz.System("bench"), products); err != nil {
		return err
	}
	store := e.stores[0]
	client := &http.Client{Timeout: 10 * time.Minute}
	today := civil.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
	var lines []map[string]any
	for i, p := range products {
		for k := range shrinkLotsPer {
			lines = append(lines, map[string]any{"business_date": today.AddDays(-1 - k).String(), "sku": p.SKU,
				"qty": "20", "cost": "50.00", "expiry_date": today.AddDays((i + k) % 2).String()})
		}
	}
	t0 := time.Now()
	if _, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/receipts", store), map[string]any{"lines": lines}); err != nil {
		return err
	}
	fmt.Printf("  %d lots of %d products received in %s\n", len(lines), shrinkSKUs, time.Since(t0).Round(time.Millisecond))

	var suggestLat, postLat []time.Duration
	var total int
	for range shrinkSuggestions {
		t := time.Now()
		b, err := e.stCall(ctx, client, "GET", fmt.Sprintf("/api/v1/stores/%d/markdown-suggestions?page_size=50", store), nil)
		if err != nil {
			return err
		}
		suggestLat = append(suggestLat, time.Since(t))
		var page struct {
			Total int `json:"total"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			return err
		}
		total = page.Total
	}
	for i := range shrinkWriteOffs {
		t := time.Now()
		if _, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/write-offs", store), map[string]any{
			"sku": products[(i*37)%shrinkSKUs].SKU, "qty": "0.5", "reason": "spoiled"}); err != nil {
			return err
		}
		postLat = append(postLat, time.Since(t))
	}
	rawSuggest, rawPost, err := e.rawShrink(ctx, store, today, shrinkSuggestions, shrinkWriteOffs)
	if err != nil {
		return err
	}
	fmt.Printf("  markdown suggestions over %d lots in the window: p50 %s p95 %s (target p95 < 100 ms); raw limit p95 %s: %.1f× raw\n",
		total, exact(suggestLat, 50), exact(suggestLat, 95), exact(rawSuggest, 95), ratio(suggestLat, rawSuggest))
	fmt.Printf("  post a write-off: p50 %s p95 %s (target p95 < 30 ms); raw limit p95 %s: %.1f× raw\n",
		exact(postLat, 50), exact(postLat, 95), exact(rawPost, 95), ratio(postLat, rawPost))
	rss, peak := e.serverMemory()
	fmt.Printf("  server memory: rss %d MB, peak %d MB\n", rss/1024, peak/1024)
	return nil
}

// rawShrink measures the floor of the two operations from this process on the same database.
func (e *env) rawShrink(ctx context.Context, store int64, today civil.Date, reads, posts int) (read, post []time.Duration, err error) {
	db := e.db.WithContext(ctx)
	for range reads {
		t := time.Now()
		var lots []struct {
			ID, ProductID int64
			QtyRemaining  string
		}
		if err := db.Table("stock_lots").Select("id, product_id, qty_remaining").
			Where("store_id = ? AND expiry_date < ? AND qty_remaining > 0", store, today.AddDays(2)).
			Order("expiry_date, id").Scan(&lots).Error; err != nil {
			return nil, nil, err
		}
		ids := make([]int64, len(lots))
		for i, l := range lots {
			ids[i] = l.ProductID
		}
		var names []struct{ ID int64 }
		if err := db.Table("products").Select("id").Where("id IN ?", ids).Scan(&names).Error; err != nil {
			return nil, nil, err
		}
		read = append(read, time.Since(t))
	}
	for _, q := range []string{"CREATE TABLE IF NOT EXISTS bench_raw_write_offs LIKE write_offs",
		"CREATE TABLE IF NOT EXISTS bench_raw_movements LIKE inventory_movements"} {
		if err := db.Exec(q).Error; err != nil {
			return nil, nil, err
		}
	}
	var lot struct{ ID, ProductID int64 }
	if err := db.Table("stock_lots").Select("id, product_id").Where("store_id = ? AND qty_remaining > 10", store).
		Limit(1).Scan(&lot).Error; err != nil {
		return nil, nil, err
	}
	for range posts {
		t := time.Now()
		tx := db.Begin()
		steps := []func() error{
			func() error {
				return tx.Exec("UPDATE stock_locks SET n = n + 1, seq = seq + 1 WHERE store_id = ?", store).Error
			},
			func() error {
				return tx.Exec("INSERT INTO bench_raw_write_offs (store_id, department_code, product_id, sku, name, unit, qty, "+
					"unit_cost, value, reason, status, business_date, version, created_at, updated_at) VALUES "+
					"(?, 'produce', ?, 'RAW', 'raw', 'kg', 0.5, 2.50, 1.25, 'spoiled', 'posted', ?, 1, ?, ?)",
					store, lot.ProductID, today, time.Now(), time.Now()).Error
			},
			func() error {
				return tx.Exec("INSERT INTO bench_raw_movements (store_id, seq, product_id, business_date, kind, qty, ref_type, "+
					"ref_id, created_at) VALUES (?, ?, ?, ?, 'write_off', -0.5, 'write_off', 'raw', ?)",
					store, time.Now().UnixNano(), lot.ProductID, today, time.Now()).Error
			},
			func() error {
				return tx.Exec("UPDATE stock_balances SET on_hand = on_hand WHERE store_id = ? AND product_id = ?", store, lot.ProductID).Error
			},
			func() error {
				return tx.Exec("UPDATE stock_lots SET qty_remaining = qty_remaining WHERE id = ?", lot.ID).Error
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				tx.Rollback()
				return nil, nil, err
			}
		}
		if err := tx.Commit().Error; err != nil {
			return nil, nil, err
		}
		post = append(post, time.Since(t))
	}
	return read, post, nil
}
