package seed_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// historyTables are the tables a history run writes to.
var historyTables = []string{"sales_lines", "inventory_movements", "stock_lots", "stock_balances", "labour_lines",
	"expense_lines", "feed_imports", "audit_log"}

func countRows(env *testutil.Env) map[string]int64 {
	out := map[string]int64{}
	for _, table := range historyTables {
		var n int64
		if err := env.DB.Table(table).Count(&n).Error; err != nil {
			env.TB.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func loadHistory(t *testing.T, env *testutil.Env, days int) (seed.HistoryResult, civil.Date) {
	t.Helper()
	today, err := seed.DemoToday(env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	res, err := seed.History(context.Background(), seed.HistoryServices{Org: env.App.Org, Catalog: env.App.Catalog,
		Feeds: env.App.Feeds, Days: days}, today)
	if err != nil {
		t.Fatal(err)
	}
	return res, today
}

// TestHistoryLoadsAConsistentPastOnce: a short history lands in every feed, ends
// yesterday, keeps the stock ledger's invariants, and a second run writes nothing at all.
func TestHistoryLoadsAConsistentPastOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		const days = 31 // two sales uploads per store, and the first of a month
		res, today := loadHistory(t, env, days)
		if res.Stores != 3 || res.SkippedStores != 0 || res.Sales == 0 || res.Receipts == 0 || res.Labour == 0 || res.Expenses == 0 {
			t.Fatalf("first run: %+v", res)
		}
		rows := countRows(env)
		if rows["sales_lines"] != int64(res.Sales) || rows["labour_lines"] != int64(res.Labour) ||
			rows["expense_lines"] != int64(res.Expenses) || rows["inventory_movements"] != int64(res.Sales+res.Receipts) {
			t.Errorf("rows %v do not match the result %+v", rows, res)
		}
		if res.Labour != 3*6*days {
			t.Errorf("labour lines = %d, want one per store, department and day", res.Labour)
		}
		if rows["feed_imports"] != 3*5 {
			t.Errorf("%d feed imports, want 5 per store: receipts, sales in two parts, labour, expenses", rows["feed_imports"])
		}
		var categories []string
		must(t, env.DB.Table("expense_lines").Distinct("category").Order("category").Pluck("category", &categories).Error)
		if !slices.Equal(categories, []string{"materials", "other", "repairs"}) {
			t.Errorf("expense categories %v", categories)
		}

		var span struct{ First, Last civil.Date }
		must(t, env.DB.Table("sales_lines").Select("MIN(business_date) AS first, MAX(business_date) AS last").Scan(&span).Error)
		if span.First != today.AddDays(-days) || span.Last != today.AddDays(-1) {
			t.Errorf("sales from %s to %s, want %s to %s", span.First, span.Last, today.AddDays(-days), today.AddDays(-1))
		}
		var opening civil.Date
		must(t, env.DB.Table("inventory_movements").Select("MIN(business_date)").Where("kind = 'receipt'").Scan(&opening).Error)
		if opening != today.AddDays(-days-1) {
			t.Errorf("opening receipt on %s, want %s", opening, today.AddDays(-days-1))
		}

		refs, err := env.App.Catalog.AllRefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		caseOf := map[int64]fixed.Qty{}
		perishable := map[int64]bool{}
		for _, r := range refs {
			caseOf[r.ID], perishable[r.ID] = r.CaseContents, r.Perishable
		}
		var receipts []struct {
			ProductID int64
			Qty       fixed.Qty
		}
		must(t, env.DB.Table("inventory_movements").Select("product_id, qty").Where("kind = 'receipt'").Scan(&receipts).Error)
		for _, r := range receipts {
			if r.Qty <= 0 || r.Qty%caseOf[r.ProductID] != 0 {
				t.Fatalf("product %d received %s, not whole cases of %s", r.ProductID, r.Qty, caseOf[r.ProductID])
			}
		}
		problems, err := env.App.Inventory.Check(ctx, func(id int64) bool { return perishable[id] })
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
		var negative int64
		must(t, env.DB.Table("stock_balances").Where("on_hand < 0").Count(&negative).Error)
		if negative != 0 {
			t.Errorf("%d balances below zero: sales should stop when the shelf is empty", negative)
		}

		checkShape(t, env, today, days)

		again, err := seed.History(ctx, seed.HistoryServices{Org: env.App.Org, Catalog: env.App.Catalog,
			Feeds: env.App.Feeds, Days: days}, today)
		if err != nil {
			t.Fatal(err)
		}
		if again != (seed.HistoryResult{SkippedStores: 3}) {
			t.Errorf("second run: %+v", again)
		}
		for table, n := range countRows(env) {
			if n != rows[table] {
				t.Errorf("second run: %s %d → %d rows", table, rows[table], n)
			}
		}
	})
}

// checkShape: the bigger store sells more, and Saturdays beat Mondays.
func checkShape(t *testing.T, env *testutil.Env, today civil.Date, days int) {
	t.Helper()
	var byStore []struct {
		Code  string
		Sales fixed.Money
	}
	must(t, env.DB.Table("sales_lines").Select("stores.code AS code, SUM(sales_lines.net_sales) AS sales").
		Joins("JOIN stores ON stores.id = sales_lines.store_id").Group("stores.code").Scan(&byStore).Error)
	sales := map[string]fixed.Money{}
	for _, s := range byStore {
		sales[s.Code] = s.Sales
	}
	if !(sales["sh-pudong"] > sales["sh-xuhui"] && sales["sh-xuhui"] > sales["gz-tianhe"]) {
		t.Errorf("net sales by store %v: want 浦东 > 徐汇 > 天河", sales)
	}
	var byDay []struct {
		BusinessDate civil.Date
		Sales        fixed.Money
	}
	must(t, env.DB.Table("sales_lines").Select("business_date, SUM(net_sales) AS sales").Group("business_date").Scan(&byDay).Error)
	var saturday, monday fixed.Money
	for _, d := range byDay {
		switch d.BusinessDate.Weekday() {
		case time.Saturday:
			saturday = max(saturday, d.Sales)
		case time.Monday:
			if monday == 0 || d.Sales < monday {
				monday = d.Sales
			}
		}
	}
	if days >= 7 && !(saturday > monday && monday > 0) {
		t.Errorf("Saturday %s vs Monday %s: want the weekend busier", saturday, monday)
	}
}

// TestHistoryIsDeterministic: two fresh databases get exactly the same history.
func TestHistoryIsDeterministic(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		type fingerprint struct {
			N              int64
			NetSales, Cost fixed.Money
			Moved          fixed.Qty
			Labour, Spent  fixed.Money
		}
		take := func() fingerprint {
			env := testutil.NewEnv(t, dialect)
			loadHistory(t, env, 8)
			var f fingerprint
			for _, err := range []error{
				env.DB.Table("sales_lines").Select("COUNT(*) AS n, SUM(net_sales) AS net_sales, SUM(cost) AS cost").Scan(&f).Error,
				env.DB.Table("inventory_movements").Select("SUM(qty)").Scan(&f.Moved).Error,
				env.DB.Table("labour_lines").Select("SUM(cost)").Scan(&f.Labour).Error,
				env.DB.Table("expense_lines").Select("SUM(amount)").Scan(&f.Spent).Error,
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			return f
		}
		first, second := take(), take()
		if first != second || first.NetSales == 0 {
			t.Errorf("two runs differ: %+v vs %+v", first, second)
		}
	})
}

// TestFullHistoryTiming loads the whole 120 days and reports how long it took. It is slow
// (tens of seconds), so it runs only with STOREOPS_TEST_FULL_HISTORY=1.
func TestFullHistoryTiming(t *testing.T) {
	if os.Getenv("STOREOPS_TEST_FULL_HISTORY") != "1" {
		t.Skip("set STOREOPS_TEST_FULL_HISTORY=1 to load the full demo history")
	}
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		start := time.Now()
		res, _ := loadHistory(t, env, 0)
		took := time.Since(start)
		t.Logf("%s: full history %+v in %s", dialect, res, took.Round(time.Millisecond))
		refs, err := env.App.Catalog.AllRefs(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		perishable := map[int64]bool{}
		for _, r := range refs {
			perishable[r.ID] = r.Perishable
		}
		problems, err := env.App.Inventory.Check(context.Background(), func(id int64) bool { return perishable[id] })
		if err != nil || len(problems) > 0 {
			t.Fatalf("check: %v %v", err, problems)
		}
	})
}
