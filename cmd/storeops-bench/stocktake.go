package main

import (
	"bytes"
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
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Stocktake bench sizes: the 20,000-line stocktake counted in 2,000-line sheets.
const (
	stocktakeSKUs      = 20000
	stocktakeSheetSize = 2000
	stocktakeCategory  = "盘点基准"
	stocktakeReads     = 10
)

// stocktakeCase creates a 20,000-SKU category in the dry department, stocks it in the first
// store through receipts, and times through HTTP: each 2,000-line count sheet, the variance
// computation (a page of the whole variance) and the approval that posts the adjustments.
func stocktakeCase(ctx context.Context, e *env) error {
	if err := e.ensureStocktakeProducts(ctx); err != nil {
		return err
	}
	store := e.stores[0]
	client := &http.Client{Timeout: 10 * time.Minute}
	skus := make([]string, stocktakeSKUs)
	receipts := make([]map[string]any, stocktakeSKUs)
	day := e.o.endDate.AddDate(0, 0, -1).Format("2006-01-02")
	for i := range skus {
		skus[i] = fmt.Sprintf("ST%06d", i)
		receipts[i] = map[string]any{"business_date": day, "sku": skus[i], "qty": "100", "cost": "250.00"}
	}
	t0 := time.Now()
	if _, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/receipts", store), map[string]any{"lines": receipts}); err != nil {
		return err
	}
	fmt.Printf("  receipts of %d SKUs: %s\n", stocktakeSKUs, time.Since(t0).Round(time.Millisecond))
	zones := make([]string, stocktakeSKUs/stocktakeSheetSize)
	for i := range zones {
		zones[i] = fmt.Sprintf("区%02d", i+1)
	}
	b, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/stocktakes", store), map[string]any{
		"scope": "cycle", "department_code": "dry", "categories": []string{stocktakeCategory}, "blind": true, "zones": zones})
	if err != nil {
		return err
	}
	var st struct {
		ID        int64 `json:"id"`
		ItemCount int   `json:"item_count"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return err
	}
	path := fmt.Sprintf("/api/v1/stocktakes/%d", st.ID)
	if _, err := e.stCall(ctx, client, "POST", path+"/start", map[string]any{}); err != nil {
		return err
	}
	var sheetLat []time.Duration
	for z, zone := range zones {
		lines := make([]map[string]any, stocktakeSheetSize)
		for i := range lines {
			n := z*stocktakeSheetSize + i
			qty := "100"
			if n%10 == 0 {
				qty = "99" // 1 %: a variance inside the tolerance
			}
			lines[i] = map[string]any{"sku": skus[n], "qty": qty}
		}
		t := time.Now()
		if _, err := e.stCall(ctx, client, "POST", path+"/counts", map[string]any{"zone": zone, "lines": lines}); err != nil {
			return err
		}
		sheetLat = append(sheetLat, time.Since(t))
	}
	var varLat []time.Duration
	for i := 0; i < stocktakeReads; i++ {
		t := time.Now()
		if _, err := e.stCall(ctx, client, "GET", path+"/variance?over_tolerance=false&page_size=500", nil); err != nil {
			return err
		}
		varLat = append(varLat, time.Since(t))
	}
	if _, err := e.stCall(ctx, client, "POST", path+"/submit", map[string]any{}); err != nil {
		return err
	}
	ta := time.Now()
	if _, err := e.stCall(ctx, client, "POST", path+"/approve", map[string]any{}); err != nil {
		return err
	}
	approve := time.Since(ta)
	var moved int64
	e.db.WithContext(ctx).Table("inventory_movements").Where("kind = ? AND ref_id = ?", "stocktake_adjustment", fmt.Sprint(st.ID)).Count(&moved)
	rss, peak := e.serverMemory()
	fmt.Printf("  stocktake %d: %d lines in %d sheets\n", st.ID, st.ItemCount, len(zones))
	fmt.Printf("  count sheet of %d lines: p50 %s p95 %s (target < 1 s)\n", stocktakeSheetSize, pct(sheetLat, 50), pct(sheetLat, 95))
	fmt.Printf("  variance of %d lines: p50 %s p95 %s (target p95 < 1 s)\n", st.ItemCount, pct(varLat, 50), pct(varLat, 95))
	fmt.Printf("  approval posting %d adjustments: %s (target < 3 s)\n", moved, approve.Round(time.Millisecond))
	fmt.Printf("  server memory: rss %d MB, peak %d MB\n", rss/1024, peak/1024)
	return nil
}

// ensureStocktakeProducts adds the bench category's 20,000 products (idempotent).
func (e *env) ensureStocktakeProducts(ctx context.Context) error {
	c, _ := config.Load(func(string) string { return "" })
	a, err := app.New(app.Deps{Config: c, DB: e.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	products := make([]catalog.Product, stocktakeSKUs)
	for i := range products {
		products[i] = catalog.Product{SKU: fmt.Sprintf("ST%06d", i), Name: fmt.Sprintf("盘点基准商品 %d", i),
			DepartmentCode: "dry", Category: stocktakeCategory, Unit: catalog.UnitEach, CasePack: fixed.QtyOf(12),
			ShelfLifeDays: 365, CostPrice: fixed.Money(250), RetailPrice: fixed.Money(390),
			Location: fmt.Sprintf("B%02d-%03d", i/1000, i%1000), Active: true}
	}
	_, err = a.Catalog.EnsureProducts(ctx, authz.System("bench"), products)
	return err
}

// stCall sends one API request as the admin and answers the body of a 200, 201 or 204.
func (e *env) stCall(ctx context.Context, c *http.Client, method, path string, body any) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, e.base+path, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusNoContent {
		err = fmt.Errorf("%s %s: %d %.300s", method, path, res.StatusCode, b)
	}
	return b, err
}
