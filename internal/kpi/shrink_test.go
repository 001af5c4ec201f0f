package kpi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/kpi"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/shrinkfeed"
	"github.com/storeops/storeops/internal/testutil"
)

// writeOffs stands in for the write-off and markdown module: it answers fixed rows, in
// every store whatever it is asked (the cockpit must keep to its store).
type writeOffs []shrinkfeed.Daily

func (w writeOffs) DailyShrink(_ context.Context, _ []int64, from, to civil.Date) ([]shrinkfeed.Daily, error) {
	var out []shrinkfeed.Daily
	for _, r := range w {
		if r.Date >= from && r.Date <= to {
			out = append(out, r)
		}
	}
	return out, nil
}

func day(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func money(s string) fixed.Money {
	m, err := fixed.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// loseStock posts a stocktake loss in one department of the cockpit's store: received on
// 2026-11-01 (on top of October's sales, booked without receipts), counted as counted on
// the test clock's today, 2026-11-02, and approved.
func (c *cockpit) loseStock(t *testing.T, dept, sku, received, counted string) {
	t.Helper()
	mgr := c.env.Login("manager1")
	do := func(method, path string, body any, want int) *testutil.Response {
		t.Helper()
		res := mgr.Do(method, path, body)
		if res.Status != want {
			t.Fatalf("%s %s: %d %s", method, path, res.Status, res.Body)
		}
		return res
	}
	do("POST", c.base+"/receipts", map[string]any{"lines": []any{map[string]any{"business_date": "2026-11-01",
		"sku": sku, "qty": received, "cost": "10.00"}}}, http.StatusOK)
	var st struct {
		ID int64 `json:"id"`
	}
	do("POST", c.base+"/stocktakes", map[string]any{"scope": "cycle", "department_code": dept, "skus": []string{sku},
		"blind": false, "zones": []string{"销售区"}, "tolerance_pct": "1000", "tolerance_value": "100000"},
		http.StatusCreated).JSON(t, &st)
	path := fmt.Sprintf("/api/v1/stocktakes/%d", st.ID)
	do("POST", path+"/start", map[string]any{}, http.StatusOK)
	do("POST", path+"/counts", map[string]any{"zone": "销售区", "lines": []any{map[string]any{"sku": sku, "qty": counted}}},
		http.StatusCreated)
	do("POST", path+"/submit", map[string]any{}, http.StatusOK)
	do("POST", path+"/approve", map[string]any{}, http.StatusOK)
}

// TestShrinkSumsItsSources: the cockpit's shrink is the sum of every shrink source per
// store, day and department, and its breakdown shows each reason.
func TestShrinkSumsItsSources(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		c := newCockpit(t, dialect)
		ctx := context.Background()
		c.loseStock(t, "produce", c.leafy.SKU, "40", "6") // 40 − 32 sold since 2025 = 8 on hand
		c.loseStock(t, "meat", c.pork.SKU, "40", "19")    // 40 − 20 sold = 20 on hand
		losses, err := c.env.App.Stocktake.DailyShrink(ctx, []int64{c.storeID}, day("2026-11-01"), day("2026-11-02"))
		if err != nil || len(losses) != 2 {
			t.Fatalf("stocktake losses: %+v %v", losses, err)
		}
		stocktake := map[string]fixed.Money{}
		for _, l := range losses {
			if l.Reason != shrinkfeed.ReasonStocktake || l.Date != day("2026-11-02") || l.Amount <= 0 {
				t.Errorf("stocktake loss %+v", l)
			}
			stocktake[l.DepartmentCode] = l.Amount
		}
		other := storeID(t, c.env, "sh-xuhui")
		second := writeOffs{
			{StoreID: c.storeID, Date: day("2026-11-02"), DepartmentCode: "produce", Reason: shrinkfeed.ReasonWriteOff, Amount: money("12.34")},
			{StoreID: c.storeID, Date: day("2026-11-01"), DepartmentCode: "meat", Reason: shrinkfeed.ReasonMarkdown, Amount: money("5.00")},
			{StoreID: c.storeID, Date: day("2026-11-02"), DepartmentCode: "bakery", Reason: shrinkfeed.ReasonWriteOff, Amount: money("7.00")},
			{StoreID: other, Date: day("2026-11-02"), DepartmentCode: "produce", Reason: shrinkfeed.ReasonWriteOff, Amount: money("900.00")},
			{StoreID: c.storeID, Date: day("2026-10-31"), DepartmentCode: "produce", Reason: shrinkfeed.ReasonWriteOff, Amount: money("80.00")},
		}
		svc := kpi.NewService(c.env.App.Feeds, c.env.App.Budget, c.env.App.Catalog, c.env.App.Org,
			[]shrinkfeed.Source{c.env.App.Stocktake, second}, c.env.Clock.Now)
		principal := func(username string) *authz.Principal {
			var id int64
			c.env.DB.Table("users").Where("username = ?", username).Pluck("id", &id)
			p, err := c.env.App.Org.PrincipalOf(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		shrinkOf := func(p *authz.Principal, from, to string) map[string]string {
			t.Helper()
			f, l := day(from), day(to)
			rep, err := svc.Report(ctx, p, c.storeID, kpi.Query{From: &f, To: &l})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, row := range append(rep.Departments, rep.Total) {
				if a := row.KPIs[kpi.Shrink].Actual; a != nil && *a != 0 {
					out[row.Department] = a.String()
				}
			}
			return out
		}
		sp, sm := stocktake["produce"], stocktake["meat"]
		cases := []struct {
			user, from, to string
			want           map[string]fixed.Money
		}{
			{"manager1", "2026-11-01", "2026-11-02", map[string]fixed.Money{"produce": sp + money("12.34"),
				"meat": sm + money("5.00"), "bakery": money("7.00"), "total": sp + sm + money("24.34")}},
			{"super1", "2026-11-01", "2026-11-02", map[string]fixed.Money{"produce": sp + money("12.34"),
				"meat": sm + money("5.00"), "total": sp + sm + money("17.34")}},
			// One day at a time: each row counts on its own day only.
			{"manager1", "2026-11-01", "2026-11-01", map[string]fixed.Money{"meat": money("5.00"), "total": money("5.00")}},
			{"manager1", "2026-11-02", "2026-11-02", map[string]fixed.Money{"produce": sp + money("12.34"), "meat": sm,
				"bakery": money("7.00"), "total": sp + sm + money("19.34")}},
		}
		for _, tc := range cases {
			want := map[string]string{}
			for d, v := range tc.want {
				want[d] = v.String()
			}
			if got := shrinkOf(principal(tc.user), tc.from, tc.to); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s %s..%s: shrink %v, want %v", tc.user, tc.from, tc.to, got, want)
			}
		}

		// The breakdown splits shrink by reason (and by department without one asked for).
		parts := func(dept string) string {
			t.Helper()
			f, l := day("2026-11-01"), day("2026-11-02")
			b, err := svc.Breakdown(ctx, principal("manager1"), c.storeID, kpi.Shrink, kpi.Query{From: &f, To: &l, Department: dept}, "zh-CN")
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, p := range b.Parts {
				out = append(out, p.Key+" "+p.Label+" "+p.Actual.String())
			}
			return strings.Join(out, "; ")
		}
		byReason := fmt.Sprintf("write_off 报损 12.34; stocktake 盘点损耗 %s", sp)
		if sp > money("12.34") {
			byReason = fmt.Sprintf("stocktake 盘点损耗 %s; write_off 报损 12.34", sp)
		}
		if got := parts("produce"); got != byReason {
			t.Errorf("produce breakdown: %s, want %s", got, byReason)
		}
		if got := parts(""); !strings.Contains(got, "meat.markdown 肉类 · 降价损失 5.00") ||
			!strings.Contains(got, "bakery.write_off 面包 · 报损 7.00") || !strings.Contains(got, "produce.stocktake 果蔬 · 盘点损耗 "+sp.String()) ||
			strings.Count(got, ";") != 4 {
			t.Errorf("store breakdown: %s", got)
		}
	})
}
