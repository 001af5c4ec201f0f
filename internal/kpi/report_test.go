package kpi_test

import (
	"fmt"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// The figures below are worked out by hand from the cockpit's data. October's budgets are
// pro-rated to 10 of 31 days: produce's sales target 31,000.00 becomes 10,000.00.
func TestStoreKPIsAgainstBudget(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		c := newCockpit(t, dialect)
		r, kpi := c.kpis(t, "manager1", "")
		if r.From != "2026-10-01" || r.To != "2026-10-10" || r.Days != 10 || len(r.departments) != 6 {
			t.Fatalf("report %+v", r)
		}
		want := []struct{ dept, key, want string }{
			{"produce", "sales", "1800.00/10000.00/-8200.00/-82.00/off_track/900.00/800.00"},
			{"produce", "cogs", "1290.00/null/null/null/null/600.00/500.00"},
			{"produce", "gross_margin", "510.00/2500.00/-1990.00/-79.60/off_track/300.00/300.00"},
			{"produce", "gross_margin_pct", "28.33/25.00/3.33/13.32/on_track/33.33/37.50"},
			{"produce", "labour_cost", "1200.00/1000.00/200.00/20.00/off_track/null/null"},
			{"produce", "materials", "50.00/200.00/-150.00/-75.00/on_track/null/null"},
			{"produce", "repairs", "30.00/100.00/-70.00/-70.00/on_track/null/null"},
			{"produce", "shrink", "0.00/100.00/-100.00/-100.00/on_track/0.00/0.00"},
			{"produce", "shrink_pct", "0.00/1.00/-1.00/-100.00/on_track/0.00/0.00"},
			{"produce", "opex", "1300.00/1300.00/0.00/0.00/on_track/null/null"},
			{"produce", "sales_per_head", "600.00/5000.00/-4400.00/-88.00/off_track/null/null"},
			{"produce", "sales_per_labour_hour", "37.50/null/null/null/null/null/null"},
			{"meat", "sales", "2000.00/20000.00/-18000.00/-90.00/off_track/null/null"},
			{"meat", "gross_margin_pct", "25.00/20.00/5.00/25.00/on_track/null/null"},
			{"meat", "repairs", "0.00/0.00/0.00/null/on_track/null/null"},
			{"meat", "sales_per_head", "666.67/null/null/null/null/null/null"},
			{"meat", "sales_per_labour_hour", "83.33/null/null/null/null/null/null"},
			// No sales: the ratios are null, not zero, and have no status.
			{"seafood", "sales", "0.00/1000.00/-1000.00/-100.00/off_track/null/null"},
			{"seafood", "gross_margin_pct", "null/30.00/null/null/null/null/null"},
			{"seafood", "shrink_pct", "null/0.00/null/null/null/null/null"},
			{"dry", "sales", "400.00/null/null/null/null/null/null"},
			{"dry", "sales_per_head", "null/null/null/null/null/null/null"},
			// Dry goods, deli and bakery have no budget, so neither has the total.
			{"total", "sales", "4200.00/null/null/null/null/900.00/800.00"},
			{"total", "sales_per_head", "933.33/null/null/null/null/null/null"},
			{"total", "sales_per_labour_hour", "58.33/null/null/null/null/null/null"},
		}
		for _, w := range want {
			if got := kpi(w.dept, w.key); got != w.want {
				t.Errorf("%s %s = %s, want %s", w.dept, w.key, got, w.want)
			}
		}
	})
}

func TestSupervisorSeesTheirDepartmentsAndTheirTotal(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		c := newCockpit(t, dialect)
		r, kpi := c.kpis(t, "super1", "")
		if fmt.Sprint(r.departments) != "[meat produce seafood]" {
			t.Fatalf("departments %v", r.departments)
		}
		want := []struct{ key, want string }{
			{"sales", "3800.00/31000.00/-27200.00/-87.74/off_track/900.00/800.00"},
			// margin 1,010 ÷ 3,800; budget (2,500 + 4,000 + 300) ÷ 31,000
			{"gross_margin_pct", "26.58/21.94/4.64/21.15/on_track/33.33/37.50"},
			{"labour_cost", "1800.00/1500.00/300.00/20.00/off_track/null/null"},
			{"opex", "1940.00/1900.00/40.00/2.11/watch/null/null"},
			// 3,800 ÷ ((2 + 4 + 3) heads ÷ 2 days)
			{"sales_per_head", "844.44/null/null/null/null/null/null"},
			{"sales_per_labour_hour", "52.78/null/null/null/null/null/null"},
		}
		for _, w := range want {
			if got := kpi("total", w.key); got != w.want {
				t.Errorf("total %s = %s, want %s", w.key, got, w.want)
			}
		}
		if len(r.Series) != 10 {
			t.Fatalf("series %+v", r.Series)
		}
		first, fourth, last := r.Series[0], r.Series[3], r.Series[9]
		if first.Date != "2026-10-01" || first.Sales != "1000.00" || first.GrossMargin != "300.00" || first.LabourCost != "1000.00" ||
			first.Opex != "1000.00" || s(first.SalesBudget) != "3100.00" {
			t.Errorf("first day %+v", first)
		}
		if fourth.Sales != "0.00" || fourth.Opex != "50.00" { // dry goods' sales are not super1's
			t.Errorf("fourth day %+v", fourth)
		}
		if last.Date != "2026-10-10" || last.Sales != "0.00" || last.Opex != "0.00" || s(last.SalesBudget) != "3100.00" {
			t.Errorf("last day %+v", last)
		}

		r, kpi = c.kpis(t, "super1", "&department_code=produce")
		if fmt.Sprint(r.departments) != "[produce]" || kpi("total", "sales") != kpi("produce", "sales") {
			t.Errorf("one department: %v %s", r.departments, kpi("total", "sales"))
		}
		checks := []struct {
			user, path string
			status     int
		}{
			{"super1", c.base + "/kpis?department_code=dry", 404},
			{"super1", c.base + "/kpis?department_code=toys", 404},
			{"manager1", fmt.Sprintf("/api/v1/stores/%d/kpis", storeID(t, c.env, "gz-tianhe")), 404},
			{"hq1", c.base + "/kpis", 200},
			{"manager1", c.base + "/kpis?from=2026-10-05&to=2026-10-01", 400},
			{"manager1", c.base + "/kpis?from=2025-10-01&to=2026-10-02", 400},
			{"manager1", c.base + "/kpis?from=2026-10-32", 400},
			{"manager1", c.base + "/kpis?format=doc", 400},
		}
		for _, ck := range checks {
			if res := c.env.Login(ck.user).Do("GET", ck.path, nil); res.Status != ck.status {
				t.Errorf("%s %s: %d, want %d: %s", ck.user, ck.path, res.Status, ck.status, res.Body)
			}
		}
		var def report
		c.env.Login("manager1").Do("GET", c.base+"/kpis", nil).JSON(t, &def)
		if def.From != "2026-11-01" || def.To != "2026-11-02" || def.Days != 2 {
			t.Errorf("month to date: %s..%s (%d days)", def.From, def.To, def.Days)
		}
	})
}
