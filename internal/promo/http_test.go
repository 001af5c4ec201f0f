package promo_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

type fixture struct {
	env        *testutil.Env
	today      civil.Date
	pudong, gz int64
	ref        catalog.Ref
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	f := &fixture{env: env, today: civil.Of(env.Clock.Now())}
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &f.pudong)
	env.DB.Table("stores").Where("code = ?", "gz-tianhe").Pluck("id", &f.gz)
	refs, err := env.App.Catalog.RefsBySKU(context.Background(), []string{catalog.FirstDemoSKU})
	if err != nil {
		t.Fatal(err)
	}
	f.ref = refs[catalog.FirstDemoSKU]
	return f
}

// campaign is a body for two stores with two tasks due at the start of today (store time):
// a display with a photo and a price label.
func (f *fixture) campaign(price string, stores ...int64) map[string]any {
	return map[string]any{"name": "双十二生鲜节", "mechanic": "price_cut", "starts_on": f.today.String(),
		"ends_on": f.today.AddDays(6).String(), "target_kind": "stores", "target_store_ids": stores,
		"items": []map[string]any{{"sku": f.ref.SKU, "promo_price": price}},
		"tasks": []map[string]any{{"kind": "display", "title": "堆头陈列", "due_hours": 0, "photo_required": true},
			{"kind": "price_label", "title": "更换价签", "due_hours": 0}}}
}

type campaign struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	Version        int      `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
}

type execution struct {
	Items []struct {
		CampaignID int64 `json:"campaign_id"`
		Tasks      []struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
			Task  struct {
				Kind string `json:"kind"`
			} `json:"task"`
		} `json:"tasks"`
	} `json:"items"`
}

type compliance struct {
	Total struct {
		Done          int     `json:"done"`
		Late          int     `json:"late"`
		Overdue       int     `json:"overdue"`
		Problem       int     `json:"problem"`
		CompliancePct *string `json:"compliance_pct"`
	} `json:"total"`
	Stores []struct {
		StoreID       int64   `json:"store_id"`
		StoreCode     string  `json:"store_code"`
		Done          int     `json:"done"`
		Problem       int     `json:"problem"`
		CompliancePct *string `json:"compliance_pct"`
		Cells         []struct {
			TaskRunID int64  `json:"task_run_id"`
			State     string `json:"state"`
		} `json:"cells"`
	} `json:"stores"`
}

// tasksDue answers the count and priority of the caller's campaign.tasks_due entry of a
// campaign (0 and "" without one).
func tasksDue(t *testing.T, c *testutil.Client, campaignID int64) (int, string) {
	t.Helper()
	var today struct {
		Items []struct {
			Kind       string `json:"kind"`
			ResourceID *int64 `json:"resource_id"`
			Count      int    `json:"count"`
			Priority   string `json:"priority"`
		} `json:"items"`
	}
	testutil.Must(t, c, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
	for _, it := range today.Items {
		if it.Kind == "campaign.tasks_due" && it.ResourceID != nil && *it.ResourceID == campaignID {
			return it.Count, it.Priority
		}
	}
	return 0, ""
}

func photo(t *testing.T, c *testutil.Client) int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	res := c.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "p.png", Data: buf.Bytes()})
	var a struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &a)
	return a.ID
}

func TestPublishCompleteAndCompliance(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		hq := f.env.Login("hq1")
		promo := fmt.Sprintf("%d.%02d", (int64(f.ref.RetailPrice)-10)/100, (int64(f.ref.RetailPrice)-10)%100)
		var c campaign
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", f.campaign(promo, f.pudong, f.gz), http.StatusCreated).JSON(t, &c)
		if c.Status != "draft" || fmt.Sprint(c.AllowedActions) != "[edit publish]" {
			t.Fatalf("draft %+v", c)
		}
		path := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		// A store's staff do not see a draft, nor plan.
		if res := f.env.Login("super1").Do("GET", path, nil); res.Status != http.StatusNotFound {
			t.Errorf("super1 reads a draft: %d", res.Status)
		}
		// A store manager manages only their store's in-store promotions: HQ's are 404 to them.
		if res := f.env.Login("manager1").Do("POST", path+"/publish", nil); res.Status != http.StatusNotFound {
			t.Errorf("a store manager publishing HQ's campaign: %d", res.Status)
		}
		if res := f.env.Login("super1").Do("POST", path+"/publish", nil); res.Status != http.StatusForbidden {
			t.Errorf("a supervisor publishing: %d", res.Status)
		}
		var pub struct {
			StoresAdded int `json:"stores_added"`
			TasksAdded  int `json:"tasks_added"`
		}
		testutil.Must(t, hq, "POST", path+"/publish", nil, http.StatusOK).JSON(t, &pub)
		if pub.StoresAdded != 2 || pub.TasksAdded != 4 {
			t.Fatalf("first publish %+v", pub)
		}
		testutil.Must(t, hq, "POST", path+"/publish", nil, http.StatusOK).JSON(t, &pub)
		if pub.StoresAdded != 0 || pub.TasksAdded != 0 {
			t.Fatalf("publishing twice added %+v", pub)
		}
		super1 := f.env.Login("super1")
		var ex execution
		testutil.Must(t, super1, "GET", fmt.Sprintf("/api/v1/stores/%d/campaign-executions", f.pudong), nil, http.StatusOK).JSON(t, &ex)
		if len(ex.Items) != 1 || len(ex.Items[0].Tasks) != 2 || ex.Items[0].Tasks[0].State != "overdue" {
			t.Fatalf("sh-pudong's executions %+v", ex)
		}
		// Both tasks are overdue: one high entry in the store staff's Today, none for HQ.
		if n, priority := tasksDue(t, super1, c.ID); n != 2 || priority != "high" {
			t.Errorf("super1's campaign.tasks_due: %d tasks, %q", n, priority)
		}
		if n, _ := tasksDue(t, hq, c.ID); n != 0 {
			t.Errorf("HQ's inbox has campaign.tasks_due with %d tasks", n)
		}
		var display, label int64
		for _, tk := range ex.Items[0].Tasks {
			if tk.Task.Kind == "display" {
				display = tk.ID
			} else {
				label = tk.ID
			}
		}
		// The display needs a photo.
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/complete", display), map[string]any{"note": "好了"}); res.Status != http.StatusUnprocessableEntity || res.ErrorCode() != "photo_required" {
			t.Fatalf("completing without the photo: %d %s", res.Status, res.Body)
		}
		pic := photo(t, super1)
		testutil.Must(t, super1, "POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/complete", display),
			map[string]any{"note": "堆头已陈列", "photos": []int64{pic}}, http.StatusOK)
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/complete", display), nil); res.Status != http.StatusConflict {
			t.Errorf("completing twice: %d", res.Status)
		}
		if n, _ := tasksDue(t, f.env.Login("manager1"), c.ID); n != 1 {
			t.Errorf("after one task done, manager1's campaign.tasks_due counts %d", n)
		}
		// gz-tianhe's tasks are not super1's: 404.
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/stores/%d/campaign-executions", f.gz), nil, http.StatusOK).JSON(t, &ex)
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/complete", ex.Items[0].Tasks[0].ID), nil); res.Status != http.StatusNotFound {
			t.Errorf("super1 completing another store's task: %d", res.Status)
		}
		// HQ sees 50 % in sh-pudong (one done, late, of two due), the photo, nothing done in gz-tianhe.
		var co compliance
		testutil.Must(t, hq, "GET", path+"/compliance", nil, http.StatusOK).JSON(t, &co)
		if len(co.Stores) != 2 || co.Total.Late != 1 || co.Total.Done != 0 || co.Total.Overdue != 3 || *co.Total.CompliancePct != "25.00" {
			t.Fatalf("compliance %+v", co)
		}
		for _, s := range co.Stores {
			want := map[int64]string{f.pudong: "50.00", f.gz: "0.00"}[s.StoreID]
			code := map[int64]string{f.pudong: "sh-pudong", f.gz: "gz-tianhe"}[s.StoreID]
			if s.CompliancePct == nil || *s.CompliancePct != want || len(s.Cells) != 2 || s.StoreCode != code {
				t.Errorf("store %d: %+v, want %s %%", s.StoreID, s, want)
			}
		}
		var task struct {
			State  string `json:"state"`
			Photos []struct {
				ID int64 `json:"id"`
			} `json:"photos"`
		}
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/campaign-tasks/%d", display), nil, http.StatusOK).JSON(t, &task)
		if task.State != "late" || len(task.Photos) != 1 || task.Photos[0].ID != pic {
			t.Errorf("HQ's drill into the task: %+v", task)
		}
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/attachments/%d", pic), nil, http.StatusOK)
		// A problem, and HQ's answer.
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/problem", label), map[string]any{"kind": "broken"}); res.Status != http.StatusBadRequest {
			t.Errorf("a problem without a known kind and a note: %d", res.Status)
		}
		testutil.Must(t, super1, "POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/problem", label),
			map[string]any{"kind": "price_wrong", "note": "价签模板缺货"}, http.StatusOK)
		var answered struct {
			State  string `json:"state"`
			Answer string `json:"answer"`
		}
		testutil.Must(t, hq, "POST", fmt.Sprintf("/api/v1/campaign-tasks/%d/answer", label), map[string]any{"answer": "明天补发"},
			http.StatusOK).JSON(t, &answered)
		if answered.State != "problem" || answered.Answer != "明天补发" {
			t.Errorf("answered %+v", answered)
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", path+"/compliance", nil, http.StatusOK).JSON(t, &co)
		if len(co.Stores) != 1 || co.Stores[0].StoreID != f.pudong || co.Stores[0].Problem != 1 {
			t.Errorf("the store manager's compliance: %+v", co)
		}
		// The forecast's promotion days.
		days, err := f.env.App.Promo.PromotionDays(context.Background(), f.pudong, []int64{f.ref.ID}, f.today.AddDays(-3), f.today.AddDays(2))
		if err != nil || len(days[f.ref.ID]) != 3 || days[f.ref.ID][0] != f.today {
			t.Errorf("promotion days %v %v", days, err)
		}
		// Ending it: then nothing more is published.
		testutil.Must(t, hq, "GET", path, nil, http.StatusOK).JSON(t, &c)
		testutil.Must(t, hq, "POST", path+"/end", map[string]any{"version": c.Version}, http.StatusOK).JSON(t, &c)
		if c.Status != "ended" {
			t.Errorf("ended %+v", c)
		}
		if res := hq.Do("POST", path+"/publish", nil); res.Status != http.StatusConflict {
			t.Errorf("publishing an ended campaign: %d", res.Status)
		}
	})
}

func TestCampaignBadInputAndConflicts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		hq := f.env.Login("hq1")
		below := fmt.Sprintf("%d.%02d", (int64(f.ref.CostPrice)-1)/100, (int64(f.ref.CostPrice)-1)%100)
		cases := []struct {
			edit  func(map[string]any)
			field string
		}{
			{func(b map[string]any) { b["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": "9999.00"}} }, "items[0].promo_price"},
			{func(b map[string]any) { b["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": below}} }, "items[0].promo_price"},
			{func(b map[string]any) { b["items"] = []map[string]any{{"sku": "NOPE", "promo_price": "1.00"}} }, "items[0].sku"},
			{func(b map[string]any) { b["ends_on"] = f.today.AddDays(-1).String() }, "ends_on"},
			{func(b map[string]any) { b["target_store_ids"] = []int64{424242} }, "target_store_ids[0]"},
			{func(b map[string]any) { b["mechanic"] = "bogof" }, "mechanic"},
			{func(b map[string]any) {
				b["tasks"] = []map[string]any{{"kind": "dance", "title": "x"}}
			}, "tasks[0].kind"},
		}
		promo := fmt.Sprintf("%d.%02d", (int64(f.ref.RetailPrice)-10)/100, (int64(f.ref.RetailPrice)-10)%100)
		for i, c := range cases {
			body := f.campaign(promo, f.pudong)
			c.edit(body)
			res := hq.Do("POST", "/api/v1/campaigns", body)
			if res.Status != http.StatusBadRequest || res.Fields()[c.field] == "" {
				t.Errorf("case %d: %d %s, want 400 naming %s", i, res.Status, res.Body, c.field)
			}
		}
		var n int64
		f.env.DB.Table("campaigns").Count(&n)
		if n != 0 {
			t.Fatalf("bad input wrote %d campaigns", n)
		}
		// Below cost is fine when meant.
		body := f.campaign(below, f.pudong)
		body["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": below, "below_cost": true}}
		var first, second campaign
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", body, http.StatusCreated).JSON(t, &first)
		testutil.Must(t, hq, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", first.ID), nil, http.StatusOK)
		// Another campaign selling the SKU in sh-pudong on shared days at another price: 409 …
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", f.campaign(promo, f.pudong, f.gz), http.StatusCreated).JSON(t, &second)
		res := hq.Do("POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", second.ID), nil)
		if res.Status != http.StatusConflict || res.ErrorCode() != "conflicting_campaign" {
			t.Fatalf("a conflicting campaign: %d %s", res.Status, res.Body)
		}
		var runs int64
		f.env.DB.Table("campaign_task_runs").Where("campaign_id = ?", second.ID).Count(&runs)
		if runs != 0 {
			t.Fatalf("a refused publish left %d task runs", runs)
		}
		// … unless it states a higher priority.
		testutil.Must(t, hq, "GET", fmt.Sprintf("/api/v1/campaigns/%d", second.ID), nil, http.StatusOK).JSON(t, &second)
		body = f.campaign(promo, f.pudong, f.gz)
		body["priority"] = 10
		body["version"] = second.Version
		testutil.Must(t, hq, "PATCH", fmt.Sprintf("/api/v1/campaigns/%d", second.ID), body, http.StatusOK)
		testutil.Must(t, hq, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", second.ID), nil, http.StatusOK)
		// Revising the published campaign with the version read before publishing: stale.
		body["version"] = second.Version + 1
		if res := hq.Do("PATCH", fmt.Sprintf("/api/v1/campaigns/%d", second.ID), body); res.Status != http.StatusConflict || res.ErrorCode() != "stale_version" {
			t.Errorf("revising a published campaign with a stale version: %d %s", res.Status, res.Body)
		}
	})
}
