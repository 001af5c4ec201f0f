package seed_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/kpi"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/shrink"
	"github.com/storeops/storeops/internal/shrinkfeed"
	"github.com/storeops/storeops/internal/stocktake"
	"github.com/storeops/storeops/internal/testutil"
)

// demoDays of history reach back into last month from the middle of this one.
const demoDays = 20

var page = paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "username"}

// seedDemo loads the whole demo (history, stocktakes, budgets) on the 16th of the test
// clock's month, as `storeops seed --demo` does.
func seedDemo(t *testing.T, env *testutil.Env) (civil.Date, map[string]int64) {
	t.Helper()
	env.Clock.Advance(14 * 24 * time.Hour) // 2026-11-16, 16:00 in Shanghai
	ctx := context.Background()
	_, today := loadHistory(t, env, demoDays)
	st, err := seed.Stocktakes(ctx, stocktakeServices(env))
	if err != nil || st != (seed.StocktakeResult{Approved: 3}) {
		t.Fatalf("stocktakes: %+v %v", st, err)
	}
	sh, err := seed.Shrink(ctx, shrinkServices(env), today)
	if err != nil || sh.WriteOffs < 3*2*28 || sh.Markdowns < 3*28 || sh.SkippedStores != 0 || sh.Recalls != 1 {
		t.Fatalf("shrink: %+v %v, want at least 2 write-offs and a markdown a day for 4 weeks in 3 stores", sh, err)
	}
	b, err := seed.Budgets(ctx, budgetServices(env), today)
	if err != nil || b.Budgets != 3*6*2 {
		t.Fatalf("budgets: %+v %v, want 3 stores × 6 departments × 2 months", b, err)
	}
	stores, _, err := env.App.Org.ListStores(ctx, authz.System("test"), org.StoreFilter{}, paging.Page{Page: 1, PageSize: 10, Sort: "code"})
	must(t, err)
	ids := map[string]int64{}
	for _, s := range stores {
		ids[s.Code] = s.ID
	}
	return today, ids
}

func stocktakeServices(env *testutil.Env) seed.StocktakeServices {
	return seed.StocktakeServices{Org: env.App.Org, Stocktake: env.App.Stocktake}
}

func budgetServices(env *testutil.Env) seed.BudgetServices {
	return seed.BudgetServices{Org: env.App.Org, Feeds: env.App.Feeds, Budget: env.App.Budget,
		Shrink: []shrinkfeed.Source{env.App.Stocktake, env.App.Shrink}}
}

func shrinkServices(env *testutil.Env) seed.ShrinkServices {
	return seed.ShrinkServices{Org: env.App.Org, Catalog: env.App.Catalog, Inventory: env.App.Inventory, Shrink: env.App.Shrink}
}

// TestDemoShowsTheProduct: the seeded demo has budgets for every store, department and
// month (some departments clearly off track this month, most on track), two supervisors
// with fresh departments per store who count and recount each other's lines, and a
// finished stocktake per store that the history, variance and accuracy views can show. A
// second run changes nothing.
func TestDemoShowsTheProduct(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		today, ids := seedDemo(t, env)
		t.Run("budgets", func(t *testing.T) { checkBudgets(t, env, today, ids) })
		t.Run("supervisors", func(t *testing.T) { checkSupervisors(t, env, ids) })
		t.Run("stocktakes", func(t *testing.T) { checkStocktakes(t, env, ids) })
		t.Run("shrink", func(t *testing.T) { checkShrink(t, env, ids) })
		t.Run("ledger", func(t *testing.T) {
			refs, err := env.App.Catalog.AllRefs(ctx)
			must(t, err)
			perishable := map[int64]bool{}
			for _, r := range refs {
				perishable[r.ID] = r.Perishable
			}
			problems, err := env.App.Inventory.Check(ctx, func(id int64) bool { return perishable[id] })
			must(t, err)
			for _, p := range problems {
				t.Error(p)
			}
		})
		t.Run("second run", func(t *testing.T) {
			var audit int64
			must(t, env.DB.Table("audit_log").Count(&audit).Error)
			st, err := seed.Stocktakes(ctx, stocktakeServices(env))
			if err != nil || st != (seed.StocktakeResult{SkippedStores: 3}) {
				t.Errorf("stocktakes again: %+v %v", st, err)
			}
			sh, err := seed.Shrink(ctx, shrinkServices(env), today)
			if err != nil || sh != (seed.ShrinkResult{SkippedStores: 3}) {
				t.Errorf("shrink again: %+v %v", sh, err)
			}
			b, err := seed.Budgets(ctx, budgetServices(env), today)
			if err != nil || b.Budgets != 0 {
				t.Errorf("budgets again: %+v %v", b, err)
			}
			var after int64
			must(t, env.DB.Table("audit_log").Count(&after).Error)
			if after != audit {
				t.Errorf("second run wrote %d audit entries", after-audit)
			}
		})
	})
}

func checkBudgets(t *testing.T, env *testutil.Env, today civil.Date, ids map[string]int64) {
	ctx := context.Background()
	sys := authz.System("test")
	months := []string{today.AddDays(-demoDays).String()[:7], today.String()[:7]}
	if months[0] == months[1] {
		t.Fatalf("the history should reach into last month: %v", months)
	}
	for _, s := range seed.Stores {
		for _, month := range months {
			list, err := env.App.Budget.Month(ctx, sys, ids[s.Code], month)
			must(t, err)
			if len(list) != len(seed.Departments) {
				t.Errorf("%s %s: %d departments", s.Code, month, len(list))
			}
			for _, b := range list {
				if b.Version == 0 || b.SalesTarget == nil || b.GrossMarginPctTarget == nil || b.LabourBudget == nil ||
					b.MaterialsBudget == nil || b.RepairsBudget == nil || b.ShrinkBudget == nil || b.SalesPerHeadTarget == nil {
					t.Errorf("%s %s %s: budget %+v is missing or incomplete", s.Code, month, b.DepartmentCode, b.Amounts)
				}
			}
		}
		// The cockpit of this month, as the store's manager opens it.
		r, err := env.App.KPI.Report(ctx, sys, ids[s.Code], kpi.Query{})
		must(t, err)
		for k, v := range r.Total.KPIs {
			if v.Budget == nil && k != int(kpi.COGS) && k != int(kpi.SalesPerLabourHour) {
				t.Errorf("%s: total %s has no budget", s.Code, kpi.Keys[k])
			}
		}
		var off, onTrack []string
		for _, d := range r.Departments {
			offKPIs := offTrackKPIs(d.KPIs)
			switch {
			case len(offKPIs) > 0:
				off = append(off, d.Department+":"+offKPIs[0])
			case d.KPIs[kpi.Sales].Status == kpi.OnTrack:
				onTrack = append(onTrack, d.Department)
			}
		}
		t.Logf("%s: off track %v, on track %v", s.Code, off, onTrack)
		if len(off) == 0 || len(off) > 2 || len(onTrack) < 4 {
			t.Errorf("%s: off track %v, on track %v: want one or two departments off track and most on track", s.Code, off, onTrack)
		}
	}
	for _, want := range []struct{ store, dept, kpi string }{
		{"sh-pudong", "seafood", "sales"}, {"gz-tianhe", "bakery", "shrink"}, {"sh-xuhui", "deli", "gross_margin_pct"},
	} {
		r, err := env.App.KPI.Report(ctx, sys, ids[want.store], kpi.Query{Department: want.dept})
		must(t, err)
		k, _ := kpi.KeyOf(want.kpi)
		if got := r.Departments[0].KPIs[k].Status; got != kpi.OffTrack {
			t.Errorf("%s %s %s is %q, want off_track", want.store, want.dept, want.kpi, got)
		}
	}
}

func offTrackKPIs(s kpi.Set) []string {
	var out []string
	for k, v := range s {
		if v.Status == kpi.OffTrack {
			out = append(out, kpi.Keys[k])
		}
	}
	return out
}

var fresh = []string{"produce", "meat", "seafood", "deli", "bakery"}

func checkSupervisors(t *testing.T, env *testutil.Env, ids map[string]int64) {
	ctx := context.Background()
	for _, s := range seed.Stores {
		id := ids[s.Code]
		role := string(authz.RoleSupervisor)
		sups, _, err := env.App.Org.ListUsers(ctx, authz.System("test"), org.UserFilter{StoreID: &id, Role: role}, page)
		must(t, err)
		if len(sups) != 2 {
			t.Errorf("%s has %d supervisors, want 2", s.Code, len(sups))
			continue
		}
		shared := slices.DeleteFunc(slices.Clone(fresh), func(d string) bool {
			return !slices.Contains(sups[0].DepartmentCodes, d) || !slices.Contains(sups[1].DepartmentCodes, d)
		})
		if len(shared) == 0 {
			t.Errorf("%s: supervisors %v and %v share no fresh department: neither can recount the other's count",
				s.Code, sups[0].DepartmentCodes, sups[1].DepartmentCodes)
		}
		for _, u := range sups {
			env.Login(u.Username) // the documented password works
			// On a counting stocktake of a shared department each of them may count and recount.
			p, err := env.App.Org.PrincipalOf(ctx, u.ID)
			must(t, err)
			acts := stocktake.AllowedActions(stocktake.Stocktake{StoreID: id, DepartmentCode: shared[0],
				Status: stocktake.StatusCounting}, stocktake.Relation{Role: p.Role})
			if !p.CanSeeDepartment(id, shared[0]) || !slices.Contains(acts, stocktake.ActionCount) ||
				!slices.Contains(acts, stocktake.ActionRecount) {
				t.Errorf("%s: %s cannot count and recount %s: %v", s.Code, u.Username, shared[0], acts)
			}
		}
	}
}

func checkStocktakes(t *testing.T, env *testutil.Env, ids map[string]int64) {
	ctx := context.Background()
	for _, s := range seed.Stores {
		id := ids[s.Code]
		managers, _, err := env.App.Org.ListUsers(ctx, authz.System("test"),
			org.UserFilter{StoreID: &id, Role: string(authz.RoleStoreManager)}, page)
		must(t, err)
		if len(managers) == 0 {
			t.Errorf("%s has no store manager to approve its stocktakes", s.Code)
			continue
		}
		manager, err := env.App.Org.PrincipalOf(ctx, managers[0].ID)
		must(t, err)
		list, n, err := env.App.Stocktake.List(ctx, manager, id, stocktake.ListFilter{Status: stocktake.StatusApproved},
			paging.Page{Page: 1, PageSize: 10})
		must(t, err)
		if n == 0 {
			t.Errorf("%s has no approved stocktake", s.Code)
			continue
		}
		st, sum, err := env.App.Stocktake.Get(ctx, manager, list[0].ID)
		must(t, err)
		if st.ApprovedBy == nil || *st.ApprovedBy != managers[0].ID || st.Accuracy == nil || st.VarianceAbsValue == nil ||
			*st.VarianceAbsValue <= 0 || sum.Uncounted != 0 || sum.Counted != sum.Items || sum.Items == 0 {
			t.Errorf("%s: stocktake %+v, summary %+v", s.Code, st, sum)
		}
		counters := map[int64]bool{}
		recounts := 0
		for _, sh := range sum.Sheets {
			if sh.Kind == stocktake.KindRecount {
				recounts++
			} else {
				counters[sh.CounterID] = true
			}
		}
		if len(counters) != 2 || recounts == 0 {
			t.Errorf("%s: sheets %+v: want counts by two counters and a recount", s.Code, sum.Sheets)
		}
		lines, _, totals, err := env.App.Stocktake.Variance(ctx, manager, st.ID, stocktake.VarianceFilter{},
			paging.Page{Page: 1, PageSize: paging.MaxPageSize})
		must(t, err)
		var recounted, short int
		for _, l := range lines {
			if l.Recounted {
				recounted++
			}
			if l.Variance < 0 {
				short++
			}
		}
		if recounted == 0 || short == 0 || totals.VarianceAbsValue == 0 {
			t.Errorf("%s: %d lines, %d recounted, %d short: want a recount and some stock missing", s.Code, len(lines), recounted, short)
		}
		points, err := env.App.Stocktake.Accuracy(ctx, manager, id, "")
		must(t, err)
		if len(points) == 0 {
			t.Errorf("%s: no accuracy to chart", s.Code)
		}
	}
}

// checkShrink: every store's write-offs and markdowns fill its shrink report, and sh-pudong's
// manager has super1's write-off and off-ladder markdown to approve, the write-off's stock
// still on hand.
func checkShrink(t *testing.T, env *testutil.Env, ids map[string]int64) {
	ctx := context.Background()
	sys := authz.System("test")
	for _, s := range seed.Stores {
		rep, err := env.App.Shrink.Report(ctx, sys, ids[s.Code], shrink.ReportQuery{})
		must(t, err)
		if rep.Totals.WriteOff <= 0 || rep.Totals.Markdown <= 0 || len(rep.ByReason) < 4 || len(rep.Top) == 0 {
			t.Errorf("%s: shrink report %+v", s.Code, rep.Totals)
		}
	}
	page := paging.Page{Page: 1, PageSize: 10}
	wos, _, err := env.App.Shrink.ListWriteOffs(ctx, sys, ids["sh-pudong"], shrink.WriteOffFilter{Status: shrink.WriteOffPending}, page)
	must(t, err)
	mds, _, err := env.App.Shrink.ListMarkdowns(ctx, sys, ids["sh-pudong"], shrink.MarkdownFilter{Status: shrink.MarkdownPending}, page)
	must(t, err)
	if len(wos) != 1 || wos[0].CreatedByName != "super1" || wos[0].Value <= shrink.DefaultThreshold || len(mds) != 1 ||
		mds[0].OnLadder {
		t.Errorf("pending at sh-pudong: %+v %+v", wos, mds)
	}
	recalls, _, err := env.App.Shrink.ListRecalls(ctx, sys, page)
	must(t, err)
	if len(recalls) != 1 || recalls[0].StoreCount < 2 || recalls[0].Qty <= 0 {
		t.Errorf("demo recall: %+v", recalls)
	}
	for _, code := range []string{"sh-xuhui", "gz-tianhe"} {
		wos, _, err := env.App.Shrink.ListWriteOffs(ctx, sys, ids[code], shrink.WriteOffFilter{Status: shrink.WriteOffPending}, page)
		must(t, err)
		if len(wos) != 0 {
			t.Errorf("%s: history left %d write-offs pending", code, len(wos))
		}
	}
}

// TestDemoCampaigns: over a history long enough for its baseline, the finished demo campaign
// shows the uplift the simulator sold on its days and two stores' reviews; the running one
// has its tasks done, late, overdue, pending and one problem; a second run changes nothing.
func TestDemoCampaigns(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		_, today := loadHistory(t, env, 64)
		services := seed.PromoServices{Org: env.App.Org, Promo: env.App.Promo}
		res, err := seed.Promo(ctx, services, today)
		if err != nil || res != (seed.PromoResult{Campaigns: 2, TasksDone: 11, Reviews: 2}) {
			t.Fatalf("promo: %+v %v", res, err)
		}
		hq := env.Login("hq1")
		var list struct {
			Items []struct {
				ID     int64  `json:"id"`
				Name   string `json:"name"`
				Status string `json:"status"`
			} `json:"items"`
		}
		testutil.Must(t, hq, "GET", "/api/v1/campaigns", nil, http.StatusOK).JSON(t, &list)
		ids := map[string]int64{}
		for _, c := range list.Items {
			ids[c.Status] = c.ID
		}
		if len(list.Items) != 2 || ids["ended"] == 0 || ids["published"] == 0 {
			t.Fatalf("campaigns %+v", list)
		}
		var effect struct {
			Days  int `json:"days"`
			Total struct {
				UpliftPct *string `json:"uplift_pct"`
				Margin    string  `json:"incremental_margin"`
			} `json:"total"`
			Stores []struct {
				StoreCode string  `json:"store_code"`
				UpliftPct *string `json:"uplift_pct"`
				Review    struct {
					Review         string `json:"review"`
					ReviewedByName string `json:"reviewed_by_name"`
				} `json:"review"`
			} `json:"stores"`
			Items []struct {
				UpliftPct *string `json:"uplift_pct"`
			} `json:"items"`
		}
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/campaigns/%d/effect", ids["ended"]), nil, http.StatusOK).JSON(t, &effect)
		uplift := func(s *string) float64 {
			if s == nil {
				return -1
			}
			v, _ := strconv.ParseFloat(*s, 64)
			return v
		}
		if effect.Days != 14 || uplift(effect.Total.UpliftPct) < 40 || uplift(effect.Total.UpliftPct) > 120 || len(effect.Items) != 6 {
			t.Errorf("the finished campaign's effect: %d days, uplift %v, margin %s", effect.Days, uplift(effect.Total.UpliftPct), effect.Total.Margin)
		}
		t.Logf("the finished campaign: uplift %v %%, incremental margin %s", uplift(effect.Total.UpliftPct), effect.Total.Margin)
		reviews := 0
		for _, s := range effect.Stores {
			t.Logf("%s: uplift %v %%", s.StoreCode, uplift(s.UpliftPct))
			if uplift(s.UpliftPct) < 30 {
				t.Errorf("%s: uplift %v", s.StoreCode, uplift(s.UpliftPct))
			}
			if s.Review.Review != "" && s.Review.ReviewedByName != "" {
				reviews++
			}
		}
		if len(effect.Stores) != 3 || reviews != 2 {
			t.Errorf("stores %+v", effect.Stores)
		}
		type counts struct {
			Done    int `json:"done"`
			Late    int `json:"late"`
			Overdue int `json:"overdue"`
			Problem int `json:"problem"`
			Pending int `json:"pending"`
		}
		var co struct {
			Total counts `json:"total"`
		}
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/campaigns/%d/compliance", ids["ended"]), nil, http.StatusOK).JSON(t, &co)
		if co.Total != (counts{Done: 5, Late: 1}) {
			t.Errorf("the finished campaign's tasks %+v", co.Total)
		}
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/campaigns/%d/compliance", ids["published"]), nil, http.StatusOK).JSON(t, &co)
		if co.Total != (counts{Done: 4, Late: 1, Overdue: 1, Problem: 1, Pending: 2}) {
			t.Errorf("the running campaign's tasks %+v", co.Total)
		}
		var audit, after int64
		must(t, env.DB.Table("audit_log").Count(&audit).Error)
		if res, err := seed.Promo(ctx, services, today); err != nil || res != (seed.PromoResult{Skipped: 2}) {
			t.Errorf("promo again: %+v %v", res, err)
		}
		must(t, env.DB.Table("audit_log").Count(&after).Error)
		if after != audit {
			t.Errorf("second run wrote %d audit entries", after-audit)
		}
	})
}
