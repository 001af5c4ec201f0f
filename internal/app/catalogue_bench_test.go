package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

// bigCatalogue is a hypermarket's catalogue and more: requests must cost what they touch.
const bigCatalogue = 100_000

// BenchmarkBigCatalogue times, on a 100,000-SKU catalogue with stock of every product in one
// store, a one-line sales post and an inventory page (first page and sorted by days of
// cover), through the real router with a bearer token, next to the raw figure of the same
// run: a Gin handler answering one primary-key SELECT on the same database. Each reports its
// p50 and p95 in milliseconds.
//
//	go test -run XXX -bench BigCatalogue -benchtime 200x ./internal/app/
func BenchmarkBigCatalogue(b *testing.B) {
	for _, dialect := range testutil.Dialects(b) {
		b.Run(dialect, func(b *testing.B) {
			env := testutil.NewEnv(b, dialect)
			storeID := bigStore(b, env)
			token := env.Login("manager1").Token
			sku := catalog.DemoProducts()[0].SKU
			b.Run("raw-pk-select", func(b *testing.B) {
				r := gin.New()
				r.GET("/raw/:id", func(c *gin.Context) {
					var u struct {
						ID       int64
						Username string
					}
					if err := env.DB.WithContext(c.Request.Context()).Table("users").Where("id = ?", c.Param("id")).Take(&u).Error; err != nil {
						c.Status(500)
						return
					}
					c.JSON(200, u)
				})
				timed(b, r, func(int) *http.Request { return httptest.NewRequest("GET", "/raw/1", nil) })
			})
			b.Run("one-line-sales-post", func(b *testing.B) {
				timed(b, env.App.Handler, func(i int) *http.Request {
					body := fmt.Sprintf(`{"lines":[{"business_date":"2026-11-01","sku":%q,"qty":"%d","net_sales":"%d.00","cost":"1.00"}]}`, sku, i%50+1, i%50+2)
					req := httptest.NewRequest("POST", fmt.Sprintf("/api/v1/stores/%d/sales", storeID), strings.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+token)
					return req
				})
			})
			for _, q := range []string{"", "&sort=days_of_cover"} {
				b.Run("inventory-page"+strings.ReplaceAll(q, "&sort=", "-by-"), func(b *testing.B) {
					timed(b, env.App.Handler, func(int) *http.Request {
						req := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/stores/%d/inventory?page_size=50%s", storeID, q), nil)
						req.Header.Set("Authorization", "Bearer "+token)
						return req
					})
				})
			}
		})
	}
}

// timed serves b.N requests one after the other and reports their p50 and p95.
func timed(b *testing.B, h http.Handler, next func(i int) *http.Request) {
	b.Helper()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := next(i)
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		took = append(took, time.Since(start))
		if rec.Code != 200 {
			b.Fatalf("%s %s: %d %s", req.Method, req.URL, rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
		}
	}
	b.StopTimer()
	slices.Sort(took)
	ms := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}

// bigStore adds bigCatalogue products to the demo catalogue and receives every one of them,
// with lots for the perishable ones, in the demo store sh-pudong.
func bigStore(b *testing.B, env *testutil.Env) int64 {
	b.Helper()
	ctx, sys := context.Background(), authz.System("bench")
	products := make([]catalog.Product, bigCatalogue)
	for i := range products {
		products[i] = catalog.Product{SKU: fmt.Sprintf("B%06d", i), Name: fmt.Sprintf("基准商品 %06d", i),
			DepartmentCode: []string{"produce", "meat", "dry"}[i%3], Category: fmt.Sprintf("类 %02d", i%40),
			Unit: catalog.UnitEach, CasePack: fixed.QtyOf(6), ShelfLifeDays: 3 + i%20, CostPrice: fixed.Money(100 + i%900),
			RetailPrice: fixed.Money(200 + i%900), Perishable: i%3 != 2, Location: fmt.Sprintf("A%02d", i%50), Active: true}
	}
	if _, err := env.App.Catalog.EnsureProducts(ctx, sys, products); err != nil {
		b.Fatal(err)
	}
	var storeID int64
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &storeID)
	admin := env.Login("admin")
	for start := 0; start < bigCatalogue; start += 50_000 {
		var body bytes.Buffer
		body.WriteString("business_date,sku,qty,cost\n")
		for i := start; i < min(start+50_000, bigCatalogue); i++ {
			fmt.Fprintf(&body, "2026-10-%02d,B%06d,%d,%d.00\n", 1+i%28, i, 10+i%40, 20+i%40)
		}
		admin.Headers = map[string]string{"Content-Type": "text/csv"}
		if res := admin.Do("POST", fmt.Sprintf("/api/v1/stores/%d/receipts", storeID), body.Bytes()); res.Status != 200 {
			b.Fatalf("receipts: %d %s", res.Status, res.Body[:min(300, len(res.Body))])
		}
	}
	return storeID
}
