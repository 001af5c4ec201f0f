package promo_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

type campaignDetail struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	Status         string   `json:"status"`
	Version        int      `json:"version"`
	OwnerStoreID   *int64   `json:"owner_store_id"`
	TargetKind     string   `json:"target_kind"`
	TargetStoreIDs []int64  `json:"target_store_ids"`
	AllowedActions []string `json:"allowed_actions"`
	Items          []struct {
		SKU        string `json:"sku"`
		PromoPrice string `json:"promo_price"`
	} `json:"items"`
	Tasks []struct {
		ID int64 `json:"id"`
	} `json:"tasks"`
}

type revisionList struct {
	Items []struct {
		Version       int    `json:"version"`
		ChangedByName string `json:"changed_by_name"`
		Summary       struct {
			Fields []struct {
				Field, Before, After string
			} `json:"fields"`
			ItemsAdded    []struct{ SKU, After string } `json:"items_added"`
			ItemsRemoved  []struct{ SKU string }        `json:"items_removed"`
			ItemsRepriced []struct {
				SKU, Before, After string
			} `json:"items_repriced"`
			TasksAdded []string `json:"tasks_added"`
		} `json:"summary"`
	} `json:"items"`
}

type changedExecutions struct {
	Items []struct {
		CampaignID      int64 `json:"campaign_id"`
		ChangedSinceAck bool  `json:"changed_since_ack"`
		LatestRevision  *struct {
			Version int `json:"version"`
		} `json:"latest_revision"`
		Tasks []struct {
			ID int64 `json:"id"`
		} `json:"tasks"`
	} `json:"items"`
}

func money(m fixed.Money) string { return m.String() }

// kinds lists the inbox kinds of a user's Today with their resource.
func kinds(t *testing.T, c *testutil.Client) []string {
	t.Helper()
	var today struct {
		Items []struct {
			Kind       string `json:"kind"`
			ResourceID *int64 `json:"resource_id"`
		} `json:"items"`
	}
	testutil.Must(t, c, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
	var out []string
	for _, it := range today.Items {
		if it.ResourceID != nil {
			out = append(out, fmt.Sprintf("%s#%d", it.Kind, *it.ResourceID))
		}
	}
	return out
}

func hasKind(list []string, want string) bool {
	for _, k := range list {
		if k == want {
			return true
		}
	}
	return false
}

func TestReviseAPublishedCampaign(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		hq := f.env.Login("hq1")
		var sku2 string
		f.env.DB.Table("products").Where("sku <> ?", catalog.FirstDemoSKU).Order("sku").Limit(1).Pluck("sku", &sku2)
		refs, err := f.env.App.Catalog.RefsBySKU(context.Background(), []string{sku2})
		if err != nil || refs[sku2].ID == 0 {
			t.Fatalf("second product %q: %v", sku2, err)
		}
		ref2 := refs[sku2]
		promo := money(f.ref.RetailPrice - 10)
		var c campaignDetail
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", f.campaign(promo, f.pudong, f.gz), http.StatusCreated).JSON(t, &c)
		path := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		testutil.Must(t, hq, "POST", path+"/publish", nil, http.StatusOK)
		testutil.Must(t, hq, "GET", path, nil, http.StatusOK).JSON(t, &c)
		if fmt.Sprint(c.AllowedActions) != "[edit publish end]" || c.OwnerStoreID != nil {
			t.Fatalf("published %+v", c)
		}
		// Another published campaign sells sku2 in sh-pudong at the cost price.
		other := f.campaign(promo, f.pudong)
		other["items"] = []map[string]any{{"sku": sku2, "promo_price": money(ref2.CostPrice), "below_cost": true}}
		var o campaignDetail
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", other, http.StatusCreated).JSON(t, &o)
		testutil.Must(t, hq, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", o.ID), nil, http.StatusOK)

		body := func(edit func(map[string]any)) map[string]any {
			b := f.campaign(promo, f.pudong, f.gz)
			b["version"] = c.Version
			edit(b)
			return b
		}
		tasks := f.campaign(promo)["tasks"].([]map[string]any)
		bad := []struct {
			name  string
			edit  func(map[string]any)
			field string
		}{
			{"mechanic", func(b map[string]any) { b["mechanic"] = "gift" }, "mechanic"},
			{"start", func(b map[string]any) { b["starts_on"] = f.today.AddDays(1).String() }, "starts_on"},
			{"targets", func(b map[string]any) { b["target_store_ids"] = []int64{f.pudong} }, "target_store_ids"},
			{"priority", func(b map[string]any) { b["priority"] = 5 }, "priority"},
			{"a task dropped", func(b map[string]any) { b["tasks"] = tasks[:1] }, "tasks[1]"},
			{"end before today", func(b map[string]any) { b["ends_on"] = f.today.AddDays(-1).String() }, "ends_on"},
			{"above the regular price", func(b map[string]any) {
				b["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": money(f.ref.RetailPrice + 100)}}
			}, "items[0].promo_price"},
			{"unknown sku", func(b map[string]any) {
				b["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": promo}, {"sku": "NOPE", "promo_price": "1.00"}}
			}, "items[1].sku"},
		}
		for _, tc := range bad {
			res := hq.Do("PATCH", path, body(tc.edit))
			if res.Status != http.StatusBadRequest || res.Fields()[tc.field] == "" {
				t.Errorf("%s: %d %s, want 400 naming %s", tc.name, res.Status, res.Body, tc.field)
			}
		}
		stale := body(func(b map[string]any) { b["name"] = "x"; b["version"] = c.Version - 1 })
		if res := hq.Do("PATCH", path, stale); res.Status != http.StatusConflict || res.ErrorCode() != "stale_version" {
			t.Errorf("a stale revision: %d %s", res.Status, res.Body)
		}
		// Adding sku2 at another price than the other campaign's in sh-pudong: 409, nothing written.
		clash := body(func(b map[string]any) {
			b["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": promo},
				{"sku": sku2, "promo_price": money(ref2.CostPrice - 1), "below_cost": true}}
		})
		if res := hq.Do("PATCH", path, clash); res.Status != http.StatusConflict || res.ErrorCode() != "conflicting_campaign" {
			t.Errorf("a revision clashing with another campaign: %d %s", res.Status, res.Body)
		}
		var n int64
		f.env.DB.Table("campaign_revisions").Count(&n)
		if n != 0 {
			t.Fatalf("refused revisions wrote %d rows", n)
		}
		// A revision: renamed, the item repriced, sku2 added at the other campaign's price, a task added.
		cheaper := money(f.ref.RetailPrice - 20)
		good := body(func(b map[string]any) {
			b["name"] = "双十二生鲜节（加码）"
			b["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": cheaper},
				{"sku": sku2, "promo_price": money(ref2.CostPrice), "below_cost": true}}
			b["tasks"] = append(tasks, map[string]any{"kind": "signage", "title": "张贴海报", "due_hours": 24})
		})
		var after campaignDetail
		testutil.Must(t, hq, "PATCH", path, good, http.StatusOK).JSON(t, &after)
		if after.Version != c.Version+1 || after.Status != "published" || len(after.Items) != 2 || len(after.Tasks) != 3 {
			t.Fatalf("revised %+v", after)
		}
		// The same body again changes nothing.
		good["version"] = after.Version
		testutil.Must(t, hq, "PATCH", path, good, http.StatusOK).JSON(t, &after)
		if after.Version != c.Version+1 {
			t.Errorf("an empty revision bumped the version to %d", after.Version)
		}
		var revs revisionList
		testutil.Must(t, f.env.Login("super1"), "GET", path+"/revisions", nil, http.StatusOK).JSON(t, &revs)
		if len(revs.Items) != 1 || revs.Items[0].ChangedByName == "" {
			t.Fatalf("revisions %+v", revs)
		}
		sum := revs.Items[0].Summary
		if revs.Items[0].Version != after.Version || len(sum.Fields) != 1 || sum.Fields[0].Field != "name" ||
			len(sum.ItemsRepriced) != 1 || sum.ItemsRepriced[0].Before != promo || sum.ItemsRepriced[0].After != cheaper ||
			len(sum.ItemsAdded) != 1 || sum.ItemsAdded[0].SKU != sku2 || len(sum.ItemsRemoved) != 0 ||
			fmt.Sprint(sum.TasksAdded) != "[张贴海报]" {
			t.Errorf("revision summary %+v", sum)
		}
		// The stores see the change and the new task until they acknowledge it.
		super1 := f.env.Login("super1")
		executions := fmt.Sprintf("/api/v1/stores/%d/campaign-executions?campaign_id=%d", f.pudong, c.ID)
		var ex changedExecutions
		testutil.Must(t, super1, "GET", executions, nil, http.StatusOK).JSON(t, &ex)
		if len(ex.Items) != 1 || !ex.Items[0].ChangedSinceAck || ex.Items[0].LatestRevision == nil ||
			ex.Items[0].LatestRevision.Version != after.Version || len(ex.Items[0].Tasks) != 3 {
			t.Fatalf("sh-pudong's execution after the change %+v", ex)
		}
		entry := fmt.Sprintf("campaign.changed#%d", c.ID)
		for _, u := range []string{"super1", "manager1"} {
			if !hasKind(kinds(t, f.env.Login(u)), entry) {
				t.Errorf("%s's inbox lacks %s", u, entry)
			}
		}
		if hasKind(kinds(t, hq), entry) {
			t.Errorf("HQ's inbox has %s", entry)
		}
		ack := fmt.Sprintf("/api/v1/stores/%d/campaign-executions/%d/ack", f.pudong, c.ID)
		testutil.Must(t, super1, "POST", ack, nil, http.StatusNoContent)
		testutil.Must(t, super1, "POST", ack, nil, http.StatusNoContent) // nothing new: a no-op
		testutil.Must(t, super1, "GET", executions, nil, http.StatusOK).JSON(t, &ex)
		if ex.Items[0].ChangedSinceAck || ex.Items[0].LatestRevision != nil {
			t.Errorf("acknowledged, still changed: %+v", ex)
		}
		if hasKind(kinds(t, f.env.Login("manager1")), entry) {
			t.Errorf("the acknowledged change is still in manager1's inbox")
		}
		var acks int64
		f.env.DB.Table("audit_log").Where("action = ?", "campaign.ack").Count(&acks)
		if acks != 1 {
			t.Errorf("%d ack audit entries, want 1", acks)
		}
		// gz-tianhe has not acknowledged; super1 cannot do it for them.
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/stores/%d/campaign-executions?campaign_id=%d", f.gz, c.ID), nil,
			http.StatusOK).JSON(t, &ex)
		if !ex.Items[0].ChangedSinceAck {
			t.Errorf("gz-tianhe's execution lost its change mark: %+v", ex)
		}
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/stores/%d/campaign-executions/%d/ack", f.gz, c.ID), nil); res.Status != http.StatusNotFound {
			t.Errorf("super1 acknowledging for gz-tianhe: %d", res.Status)
		}
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/stores/%d/campaign-executions/%d/ack", f.pudong, 424242), nil); res.Status != http.StatusNotFound {
			t.Errorf("acknowledging a campaign the store does not have: %d", res.Status)
		}
		// An ended campaign is not edited.
		testutil.Must(t, hq, "POST", path+"/end", map[string]any{"version": after.Version}, http.StatusOK).JSON(t, &after)
		good["version"] = after.Version
		good["name"] = "再改"
		if res := hq.Do("PATCH", path, good); res.Status != http.StatusConflict || res.ErrorCode() != "wrong_status" {
			t.Errorf("editing an ended campaign: %d %s", res.Status, res.Body)
		}
	})
}

func TestInStorePromotion(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		manager1 := f.env.Login("manager1")
		body := f.campaign(money(f.ref.RetailPrice-10), f.gz)
		body["target_kind"] = "all" // a store manager's promotion is their store's whatever they ask
		var c campaignDetail
		testutil.Must(t, manager1, "POST", "/api/v1/campaigns", body, http.StatusCreated).JSON(t, &c)
		if c.OwnerStoreID == nil || *c.OwnerStoreID != f.pudong || c.TargetKind != "stores" ||
			fmt.Sprint(c.TargetStoreIDs) != fmt.Sprint([]int64{f.pudong}) || fmt.Sprint(c.AllowedActions) != "[edit publish]" {
			t.Fatalf("in-store draft %+v", c)
		}
		path := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		for _, u := range []string{"super1", "manager2", "super2"} {
			if res := f.env.Login(u).Do("GET", path, nil); res.Status != http.StatusNotFound {
				t.Errorf("%s reads sh-pudong's draft promotion: %d", u, res.Status)
			}
		}
		// Same checks as HQ's campaigns.
		bad := f.campaign("0.00", f.pudong)
		if res := manager1.Do("POST", "/api/v1/campaigns", bad); res.Status != http.StatusBadRequest || res.Fields()["items[0].promo_price"] == "" {
			t.Errorf("a zero promo price: %d %s", res.Status, res.Body)
		}
		body["version"] = c.Version
		body["name"] = "店内周末特价"
		testutil.Must(t, manager1, "PATCH", path, body, http.StatusOK).JSON(t, &c)
		// HQ may edit it, but it stays sh-pudong's promotion.
		hqEdit := f.campaign(money(f.ref.RetailPrice-10), f.gz)
		hqEdit["name"], hqEdit["version"] = "店内周末特价", c.Version
		testutil.Must(t, f.env.Login("hq1"), "PATCH", path, hqEdit, http.StatusOK).JSON(t, &c)
		if c.OwnerStoreID == nil || *c.OwnerStoreID != f.pudong || fmt.Sprint(c.TargetStoreIDs) != fmt.Sprint([]int64{f.pudong}) {
			t.Errorf("HQ's edit moved the store's promotion: %+v", c)
		}
		var pub struct {
			StoresAdded int `json:"stores_added"`
		}
		testutil.Must(t, manager1, "POST", path+"/publish", nil, http.StatusOK).JSON(t, &pub)
		if pub.StoresAdded != 1 {
			t.Errorf("published to %d stores", pub.StoresAdded)
		}
		// Supervisors read it like any campaign of their store; another store's staff do not.
		testutil.Must(t, f.env.Login("super1"), "GET", path, nil, http.StatusOK).JSON(t, &c)
		if len(c.AllowedActions) != 0 || c.Name != "店内周末特价" {
			t.Errorf("super1 sees %+v", c)
		}
		manager2 := f.env.Login("manager2")
		for _, try := range []struct{ method, path string }{{"GET", path}, {"POST", path + "/publish"}, {"PATCH", path}} {
			if res := manager2.Do(try.method, try.path, body); res.Status != http.StatusNotFound {
				t.Errorf("manager2 %s %s: %d", try.method, try.path, res.Status)
			}
		}
		// HQ sees it among the stores' promotions, and may manage it.
		hq := f.env.Login("hq1")
		var list struct {
			Items []campaignDetail `json:"items"`
		}
		testutil.Must(t, hq, "GET", "/api/v1/campaigns?owner=store", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != c.ID || fmt.Sprint(list.Items[0].AllowedActions) != "[edit publish end]" {
			t.Errorf("HQ's list of stores' promotions %+v", list)
		}
		testutil.Must(t, hq, "GET", "/api/v1/campaigns?owner=hq", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 0 {
			t.Errorf("HQ's own campaigns list the store's: %+v", list)
		}
		if res := hq.Do("GET", "/api/v1/campaigns?owner=mine", nil); res.Status != http.StatusBadRequest || res.Fields()["owner"] == "" {
			t.Errorf("a bad owner filter: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, manager1, "GET", "/api/v1/campaigns", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 1 || fmt.Sprint(list.Items[0].AllowedActions) != "[edit publish end]" {
			t.Errorf("manager1's list %+v", list)
		}
		testutil.Must(t, manager1, "POST", path+"/end", map[string]any{"version": c.Version}, http.StatusOK).JSON(t, &c)
		if c.Status != "ended" {
			t.Errorf("ended %+v", c)
		}
		var audited int64
		f.env.DB.Table("audit_log").Where("entity_type = ? AND entity_id = ? AND store_id = ?", "campaign",
			fmt.Sprint(c.ID), f.pudong).Count(&audited)
		if audited != 5 {
			t.Errorf("%d audit entries of the store's promotion with its store, want 5 (create, 2 updates, publish, end)", audited)
		}
	})
}
