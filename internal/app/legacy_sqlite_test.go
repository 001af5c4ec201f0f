package app_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

// legacyFixture describes testdata/sqlite-glebarez.db.gz: a small database written through the
// API by the previous SQLite driver (github.com/glebarez/sqlite v1.11.0), made by
// legacy_fixture_gen_test.go in the commit that added it, the last one on that driver.
type legacyFixture struct {
	StoreID       int64     `json:"store_id"`
	ManagerToken  string    `json:"manager1_token"`
	FreshSKU      string    `json:"fresh_sku"`
	DrySKU        string    `json:"dry_sku"`
	ClockAtFinish time.Time `json:"clock_at_finish"`
}

// openLegacyFixture unpacks the fixture into a temporary file and runs the application on it,
// with the clock a minute after the fixture's last write.
func openLegacyFixture(t *testing.T) (*testutil.Env, legacyFixture) {
	t.Helper()
	var fx legacyFixture
	meta, err := os.ReadFile(filepath.Join("testdata", "sqlite-glebarez.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(meta, &fx); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(filepath.Join("testdata", "sqlite-glebarez.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "legacy.db")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(database.Options{Driver: database.SQLite, DSN: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	if _, err := database.Migrate(context.Background(), db); err != nil {
		t.Fatalf("migrate the old file: %v", err)
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.BcryptCost = 4
	gin.SetMode(gin.ReleaseMode)
	clock := testutil.NewClock()
	clock.Advance(fx.ClockAtFinish.Sub(clock.Now()) + time.Minute)
	a, err := app.New(app.Deps{Config: cfg, DB: db, Now: clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return &testutil.Env{TB: t, DB: db, App: a, Clock: clock, Config: cfg}, fx
}

// TestReadsAndWritesAFileOfThePreviousSQLiteDriver proves that a database written by the
// previous driver opens, migrates, reads back exactly (times, dates, booleans, decimals) and
// takes new writes in the same formats, so that old and new rows compare and sort together.
func TestReadsAndWritesAFileOfThePreviousSQLiteDriver(t *testing.T) {
	env, fx := openLegacyFixture(t)

	// The old session still signs in: its times are read and compared in Go.
	old := env.Anonymous()
	old.Token = fx.ManagerToken
	if res := old.Do(http.MethodGet, "/api/v1/me", nil); res.Status != http.StatusOK {
		t.Fatalf("old session: %d %s", res.Status, res.Body)
	}

	var product struct {
		CostPrice   string    `json:"cost_price"`
		RetailPrice string    `json:"retail_price"`
		CasePack    string    `json:"case_pack"`
		Perishable  bool      `json:"perishable"`
		CreatedAt   time.Time `json:"created_at"`
	}
	var want catalog.Product
	for _, p := range catalog.DemoProducts() {
		if p.SKU == fx.FreshSKU {
			want = p
		}
	}
	res := old.Do(http.MethodGet, "/api/v1/products/"+fx.FreshSKU, nil)
	res.JSON(t, &product)
	if product.CostPrice != want.CostPrice.String() || product.RetailPrice != want.RetailPrice.String() ||
		product.CasePack != want.CasePack.String() || !product.Perishable ||
		!product.CreatedAt.Equal(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("product read back as %+v, want %s/%s/%s perishable", product, want.CostPrice, want.RetailPrice, want.CasePack)
	}

	var budget struct {
		SalesTarget          *string   `json:"sales_target"`
		GrossMarginPctTarget *string   `json:"gross_margin_pct_target"`
		LabourBudget         *string   `json:"labour_budget"`
		ShrinkBudget         *string   `json:"shrink_budget"`
		MaterialsBudget      *string   `json:"materials_budget"`
		Version              int       `json:"version"`
		UpdatedAt            time.Time `json:"updated_at"`
	}
	budgetPath := fmt.Sprintf("/api/v1/stores/%d/budgets/2026-11/produce", fx.StoreID)
	old.Do(http.MethodGet, budgetPath, nil).JSON(t, &budget)
	amounts := fmt.Sprint(*budget.SalesTarget, " ", *budget.GrossMarginPctTarget, " ", *budget.LabourBudget, " ", *budget.ShrinkBudget)
	if amounts != "1234567.89 25.50 99999.99 0.01" || budget.MaterialsBudget != nil || budget.Version != 1 ||
		!budget.UpdatedAt.Equal(fx.ClockAtFinish) {
		t.Errorf("budget read back as %s, %+v", amounts, budget)
	}

	// New writes on top of the old rows: a budget edit, a second login, a sales day that adds
	// to the old daily rollup.
	edit := map[string]any{"sales_target": "1234567.90", "gross_margin_pct_target": "25.50", "labour_budget": "99999.99",
		"materials_budget": nil, "repairs_budget": nil, "shrink_budget": "0.01", "sales_per_head_target": nil, "version": 1}
	if res := old.Do(http.MethodPut, budgetPath, edit); res.Status != http.StatusOK {
		t.Fatalf("edit old budget: %d %s", res.Status, res.Body)
	}
	env.Clock.Advance(time.Second)
	env.Login("manager1")
	admin := env.Login("admin")
	sales := map[string]any{"lines": []map[string]any{
		{"business_date": "2026-10-31", "sku": fx.FreshSKU, "qty": "20.125", "net_sales": "241.50", "cost": "181.13"},
		{"business_date": "2026-10-31", "sku": "P10002", "qty": "1.001", "net_sales": "0.01", "cost": "0.01"},
	}}
	res = admin.Do(http.MethodPost, fmt.Sprintf("/api/v1/stores/%d/sales", fx.StoreID), sales)
	var counts struct{ Created, Updated, Unchanged int }
	res.JSON(t, &counts)
	if res.Status != http.StatusOK || counts.Created != 1 || counts.Unchanged != 1 {
		t.Fatalf("sales on the old file (the old line compares equal, the new one is created): %d %s", res.Status, res.Body)
	}

	// Every timestamp, old or new, has the one text format, and text order is time order.
	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})?\+00:00$`)
	var texts []string
	env.DB.Raw("SELECT CAST(created_at AS TEXT) FROM sessions ORDER BY created_at").Scan(&texts)
	var times []time.Time
	env.DB.Raw("SELECT created_at FROM sessions ORDER BY created_at").Scan(&times)
	if len(texts) != 4 || len(times) != 4 {
		t.Fatalf("sessions %q", texts)
	}
	for i, s := range texts {
		if !stamp.MatchString(s) {
			t.Errorf("session %d created_at %q is not in the stored format", i, s)
		}
		if i > 0 && times[i].Before(times[i-1]) {
			t.Errorf("text order is not time order: %q", texts)
		}
	}
	if !times[3].Equal(env.Clock.Now()) {
		t.Errorf("newest session at %s, want %s", times[3], env.Clock.Now())
	}
	var since int64
	env.DB.Table("sessions").Where("created_at >= ?", fx.ClockAtFinish).Count(&since)
	if since != 3 {
		t.Errorf("%d sessions created since the fixture's last write, want 3 (the fixture's second and the new two)", since)
	}

	// The stock ledger and the daily rollups still agree with their sources.
	checkLedger(t, env)
}

// checkLedger runs `storeops check`'s invariants.
func checkLedger(t *testing.T, env *testutil.Env) {
	t.Helper()
	ctx := context.Background()
	refs, err := env.App.Catalog.AllRefs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perishable, department := map[int64]bool{}, map[int64]string{}
	for _, r := range refs {
		perishable[r.ID], department[r.ID] = r.Perishable, r.DepartmentCode
	}
	problems, err := env.App.Inventory.Check(ctx, func(id int64) bool { return perishable[id] })
	if err != nil || len(problems) > 0 {
		t.Errorf("stock ledger: %v %v", problems, err)
	}
	rollups, err := env.App.Feeds.CheckRollups(ctx, func(id int64) string { return department[id] })
	if err != nil || len(rollups) > 0 {
		t.Errorf("daily rollups: %v %v", rollups, err)
	}
}
