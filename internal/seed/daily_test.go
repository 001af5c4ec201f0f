package seed_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

func dailyServices(env *testutil.Env) seed.DailyServices {
	return seed.DailyServices{Org: env.App.Org, Catalog: env.App.Catalog, Complaints: env.App.Complaints,
		PriceSurveys: env.App.PriceSurveys}
}

// TestDemoDailyWork: every demo store has three weeks of complaints, some open and some
// resolved with compensation; sh-pudong has three surveys with gaps, one line a draft
// in-store promotion of the store, and gz-tianhe two (HQ's chain gaps show both stores); and the manager's inbox shows an old open complaint and
// the waiting price-change request. A second run changes nothing.
func TestDemoDailyWork(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		res, err := seed.Daily(ctx, dailyServices(env), env.Clock.Now())
		if err != nil || res.Complaints < 3*7 || res.Open < 3 || res.Surveys != 5 || res.Promoted != 1 || res.SkippedStores != 0 {
			t.Fatalf("daily: %+v %v", res, err)
		}
		var pudong int64
		env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &pudong)
		base := fmt.Sprintf("/api/v1/stores/%d", pudong)
		manager := env.Login("manager1")

		var report struct {
			Total struct {
				Count        int    `json:"count"`
				Resolved     int    `json:"resolved"`
				Compensation string `json:"compensation"`
			} `json:"total"`
			ByCategory []struct {
				Key string `json:"key"`
			} `json:"by_category"`
		}
		from := env.Clock.Now().AddDate(0, 0, -30).Format("2006-01-02")
		day := env.Clock.Now().Format("2006-01-02")
		testutil.Must(t, manager, "GET", base+"/complaint-report?from="+from+"&to="+day, nil, http.StatusOK).JSON(t, &report)
		if report.Total.Count < 7 || report.Total.Resolved == 0 || report.Total.Compensation == "0.00" || len(report.ByCategory) < 3 {
			t.Fatalf("sh-pudong's complaint report: %+v", report)
		}

		var gaps struct {
			Items []struct {
				Gap string `json:"gap"`
			} `json:"items"`
		}
		testutil.Must(t, manager, "GET", base+"/price-gaps?from="+from+"&to="+day, nil, http.StatusOK).JSON(t, &gaps)
		if len(gaps.Items) < 6 || gaps.Items[0].Gap <= "0.00" {
			t.Fatalf("gaps: %+v", gaps.Items)
		}
		var chain struct {
			Items []struct {
				StoreID int64 `json:"store_id"`
			} `json:"items"`
		}
		testutil.Must(t, env.Login("hq1"), "GET", "/api/v1/price-gaps?from="+from+"&to="+day, nil, http.StatusOK).JSON(t, &chain)
		gapStores := map[int64]bool{}
		for _, it := range chain.Items {
			gapStores[it.StoreID] = true
		}
		if len(gapStores) != 2 || !gapStores[pudong] {
			t.Fatalf("chain gaps' stores: %v", gapStores)
		}
		var campaigns struct {
			Items []struct {
				Status       string `json:"status"`
				OwnerStoreID *int64 `json:"owner_store_id"`
			} `json:"items"`
		}
		testutil.Must(t, manager, "GET", "/api/v1/campaigns?owner=store", nil, http.StatusOK).JSON(t, &campaigns)
		drafts := 0
		for _, c := range campaigns.Items {
			if c.Status == "draft" && c.OwnerStoreID != nil && *c.OwnerStoreID == pudong {
				drafts++
			}
		}
		if drafts != 1 {
			t.Fatalf("in-store draft promotions of sh-pudong: %d (%+v)", drafts, campaigns.Items)
		}

		var today struct {
			Items []struct {
				Kind string `json:"kind"`
			} `json:"items"`
		}
		testutil.Must(t, manager, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		kinds := map[string]bool{}
		for _, it := range today.Items {
			kinds[it.Kind] = true
		}
		if !kinds["complaint.open_overdue"] || !kinds["price_change.decide"] {
			t.Fatalf("manager1's inbox: %v", kinds)
		}

		var audit int64
		env.DB.Table("audit_log").Count(&audit)
		again, err := seed.Daily(ctx, dailyServices(env), env.Clock.Now())
		if err != nil || again != (seed.DailyResult{SkippedStores: 3}) {
			t.Fatalf("second run: %+v %v", again, err)
		}
		var after int64
		env.DB.Table("audit_log").Count(&after)
		if after != audit {
			t.Fatalf("second run wrote %d audit entries", after-audit)
		}
	})
}
