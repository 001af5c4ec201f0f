package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// campaignFixture plans (as admin) a campaign for one store, publishes it and answers its id
// and the store's one task run: the fixtures of /campaigns/{campaign_id} and
// /campaign-tasks/{task_id}, which other stores' staff do not see.
func campaignFixture(t *testing.T, env *testutil.Env, storeCode string) (campaign, task string) {
	t.Helper()
	return plannedCampaign(t, env, storeCode, "admin")
}

// storeCampaignFixture is campaignFixture as the store's own in-store promotion, planned and
// published by its manager: its manager, supervisors and HQ all reach it, other stores' staff
// do not.
func storeCampaignFixture(t *testing.T, env *testutil.Env, storeCode, manager string) (campaign, task string) {
	t.Helper()
	return plannedCampaign(t, env, storeCode, manager)
}

func plannedCampaign(t *testing.T, env *testutil.Env, storeCode, planner string) (campaign, task string) {
	t.Helper()
	today := civil.Of(env.Clock.Now())
	store := storeID(t, env, storeCode)
	var price string
	env.DB.Table("products").Where("sku = ?", catalog.FirstDemoSKU).Pluck("cost_price", &price)
	body := map[string]any{"name": "walk " + storeCode, "mechanic": "price_cut", "starts_on": today.String(),
		"ends_on": today.AddDays(3).String(), "target_kind": "stores", "target_store_ids": []int64{store},
		"priority": 100, "items": []map[string]any{{"sku": catalog.FirstDemoSKU, "promo_price": price, "below_cost": true}},
		"tasks": []map[string]any{{"kind": "display", "title": "堆头", "due_hours": 12}}}
	admin := env.Login(planner)
	res := admin.Do("POST", "/api/v1/campaigns", body)
	if res.Status != http.StatusCreated {
		t.Fatalf("campaign fixture: %d %s", res.Status, res.Body)
	}
	var c struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &c)
	if res := admin.Do("POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", c.ID), nil); res.Status != http.StatusOK {
		t.Fatalf("campaign fixture publish: %d %s", res.Status, res.Body)
	}
	var run int64
	env.DB.Table("campaign_task_runs").Where("campaign_id = ? AND store_id = ?", c.ID, store).Pluck("id", &run)
	return fmt.Sprint(c.ID), fmt.Sprint(run)
}

// promoterFixture assigns (as admin) a promoter to the campaign in the store: the fixture of
// /campaign-promoters/{promoter_id}, which other stores' staff do not see.
func promoterFixture(t *testing.T, env *testutil.Env, campaign, storeCode string) string {
	t.Helper()
	res := env.Login("admin").Do("POST", "/api/v1/campaigns/"+campaign+"/promoters",
		map[string]any{"store_id": storeID(t, env, storeCode), "name": "促销员 " + storeCode})
	if res.Status != http.StatusCreated {
		t.Fatalf("promoter fixture: %d %s", res.Status, res.Body)
	}
	var p struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &p)
	return fmt.Sprint(p.ID)
}
