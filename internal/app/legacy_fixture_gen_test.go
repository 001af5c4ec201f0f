//go:build legacyfixture

package app_test

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

// TestWriteLegacySQLiteFixture writes testdata/sqlite-glebarez.db.gz, a small StoreOps
// database written by the glebarez SQLite driver through the real API, and
// testdata/sqlite-glebarez.json, what a reader must find in it. It ran once, at the commit
// that still used that driver:
//
//	go test -tags legacyfixture -run TestWriteLegacySQLiteFixture ./internal/app
func TestWriteLegacySQLiteFixture(t *testing.T) {
	env := testutil.NewEnv(t, database.SQLite)
	env.Clock.Advance(123456 * time.Microsecond) // timestamps with a fraction of a second
	var store int64
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &store)
	var fresh, dry catalog.Product
	for _, p := range catalog.DemoProducts() {
		if fresh.SKU == "" && p.Perishable && p.Unit == catalog.UnitKg {
			fresh = p
		}
		if dry.SKU == "" && p.DepartmentCode == "dry" {
			dry = p
		}
	}
	admin := env.Login("admin")
	post := func(path string, body any) {
		t.Helper()
		if res := admin.Do(http.MethodPost, path, body); res.Status != http.StatusOK && res.Status != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, res.Status, res.Body)
		}
	}
	post(fmt.Sprintf("/api/v1/stores/%d/receipts", store), map[string]any{"lines": []map[string]any{
		{"business_date": "2026-10-30", "sku": fresh.SKU, "qty": "120.250", "cost": "1080.75", "expiry_date": "2026-11-20"},
		{"business_date": "2026-10-30", "sku": dry.SKU, "qty": "40", "cost": "1596.00"},
	}})
	env.Clock.Advance(90 * time.Minute)
	post(fmt.Sprintf("/api/v1/stores/%d/sales", store), map[string]any{"lines": []map[string]any{
		{"business_date": "2026-10-31", "sku": fresh.SKU, "qty": "20.125", "net_sales": "241.50", "cost": "181.13"},
		{"business_date": "2026-10-31", "sku": dry.SKU, "qty": "3", "net_sales": "179.70", "cost": "119.70"},
	}})
	manager := env.Login("manager1")
	body := map[string]any{"sales_target": "1234567.89", "gross_margin_pct_target": "25.50", "labour_budget": "99999.99",
		"materials_budget": nil, "repairs_budget": nil, "shrink_budget": "0.01", "sales_per_head_target": nil, "version": 0}
	if res := manager.Do(http.MethodPut, fmt.Sprintf("/api/v1/stores/%d/budgets/2026-11/produce", store), body); res.Status != http.StatusOK {
		t.Fatalf("budget: %d %s", res.Status, res.Body)
	}

	var version string
	env.DB.Raw("SELECT sqlite_version()").Scan(&version)
	out := filepath.Join("testdata", "sqlite-glebarez.db")
	raw := filepath.Join(t.TempDir(), "fixture.db")
	testutil.MustExec(t, env.DB, "VACUUM INTO ?", raw)
	data, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("testdata", 0o750); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(out + ".gz")
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	meta, _ := json.MarshalIndent(map[string]any{
		"written_by":      fmt.Sprintf("%T, SQLite %s", env.DB.Dialector, version),
		"store_id":        store,
		"manager1_token":  manager.Token,
		"fresh_sku":       fresh.SKU,
		"dry_sku":         dry.SKU,
		"clock_at_finish": env.Clock.Now(),
	}, "", "  ")
	if err := os.WriteFile(filepath.Join("testdata", "sqlite-glebarez.json"), append(meta, '\n'), 0o640); err != nil {
		t.Fatal(err)
	}
}
