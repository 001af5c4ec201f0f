package safety_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

type checklist struct {
	ID             int64    `json:"id"`
	Scope          string   `json:"scope"`
	Version        int      `json:"version"`
	CurrentVersion int      `json:"current_version"`
	AllowedActions []string `json:"allowed_actions"`
	Items          []struct {
		Title string `json:"title"`
		Max   any    `json:"max"`
	} `json:"items"`
}

func chainColdRoom(maxTemp string) map[string]any {
	return map[string]any{"title": "冷库卫生与温度检查", "area": "cold_room", "pass_score": 80, "items": []map[string]any{
		{"title": "冷藏库温度", "kind": "number", "unit": "°C", "min": "0", "max": maxTemp, "weight": 20, "critical": true},
		{"title": "地面清洁", "kind": "bool"}}}
}

// TestChainTemplatesAreVersionedAndKeptByInspections: HQ quality edits a chain template, which
// saves a new version; an inspection made before keeps the version it was filled with.
// Supervisors and store managers do not edit chain templates; a store's own template is its
// manager's and nobody else's store sees it.
func TestChainTemplatesAreVersionedAndKeptByInspections(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		var list struct {
			Items []checklist `json:"items"`
			Total int         `json:"total"`
		}
		testutil.Must(t, f.env.Login("super1"), "GET", "/api/v1/checklists", nil, http.StatusOK).JSON(t, &list)
		if list.Total != 6 {
			t.Fatalf("preloaded checklists: %d, want 6", list.Total)
		}
		before := f.inspect(t, "super1", f.pudong, "produce", "3")
		body := chainColdRoom("5")
		if res := f.env.Login("qa1").Do("PUT", "/api/v1/checklists/1", body); res.Status != 400 || res.Fields()["version"] == "" {
			t.Errorf("an edit without a version: %d %s", res.Status, res.Body)
		}
		body["version"] = 1
		for _, user := range []string{"super1", "manager1", "hq1"} {
			if res := f.env.Login(user).Do("PUT", "/api/v1/checklists/1", body); res.Status != 403 {
				t.Errorf("%s editing a chain template: %d %s, want 403", user, res.Status, res.Body)
			}
		}
		unknown := chainColdRoom("4")
		unknown["department_code"] = "toys"
		if res := f.env.Login("qa1").Do("POST", "/api/v1/checklists", unknown); res.Status != 400 || res.Fields()["department_code"] == "" {
			t.Errorf("a template for an unknown department: %d %s", res.Status, res.Body)
		}
		if res := f.env.Login("super1").Do("POST", "/api/v1/checklists", chainColdRoom("4")); res.Status != 403 {
			t.Errorf("a supervisor adding a chain template: %d", res.Status)
		}
		var c checklist
		testutil.Must(t, f.env.Login("qa1"), "PUT", "/api/v1/checklists/1", body, http.StatusOK).JSON(t, &c)
		if c.Version != 2 || c.CurrentVersion != 2 || len(c.Items) != 2 || c.Items[0].Max != "5.00" {
			t.Fatalf("after the edit: %+v", c)
		}
		if res := f.env.Login("qa1").Do("PUT", "/api/v1/checklists/1", body); res.Status != 409 || res.ErrorCode() != "stale_version" {
			t.Errorf("a stale edit: %d %s", res.Status, res.Body)
		}
		var in inspection
		testutil.Must(t, f.env.Login("qa1"), "GET", fmt.Sprintf("/api/v1/inspections/%d", before.ID), nil, http.StatusOK).JSON(t, &in)
		if in.TemplateVersion != 1 || len(in.Results) != 8 {
			t.Errorf("the earlier inspection: version %d with %d items, want version 1 with 8", in.TemplateVersion, len(in.Results))
		}
		testutil.Must(t, f.env.Login("qa1"), "GET", "/api/v1/checklists/1?version=1", nil, http.StatusOK).JSON(t, &c)
		if c.Version != 1 || len(c.Items) != 8 || len(c.AllowedActions) != 0 {
			t.Errorf("version 1 (an old version is not edited): %+v", c)
		}
		// Who may edit the chain's current template: admin and HQ quality, not the store.
		for user, want := range map[string]string{"qa1": "[edit]", "admin": "[edit]", "manager1": "[]", "super1": "[]"} {
			testutil.Must(t, f.env.Login(user), "GET", "/api/v1/checklists/1", nil, http.StatusOK).JSON(t, &c)
			if fmt.Sprint(c.AllowedActions) != want {
				t.Errorf("%s on the chain's checklist: allowed %v, want %s", user, c.AllowedActions, want)
			}
		}
		after := f.inspectWith(t, "super1", f.pudong, map[string]any{"template_id": 1, "department_code": "produce",
			"answers": []map[string]any{{"item_id": 1, "number": "4.5"}, {"item_id": 2, "bool": true}}})
		if !after.Passed || after.TemplateVersion != 2 {
			t.Errorf("4.5 °C under version 2 (max 5): %+v", after)
		}
		if res := f.env.Login("qa1").Do("POST", f.pudong+"/inspections", map[string]any{"template_id": 1,
			"department_code": "produce", "answers": coldRoomAnswers("3")}); res.Status != 403 {
			t.Errorf("HQ quality inspecting: %d", res.Status)
		}

		own := map[string]any{"store_id": f.storeID(t, "gz-tianhe"), "title": "面包房烤箱区检查", "area": "prep_room",
			"items": []map[string]any{{"title": "烤箱周边无杂物", "kind": "bool"}}}
		if res := f.env.Login("manager1").Do("POST", "/api/v1/checklists", own); res.Status != 404 {
			t.Errorf("manager1 adding a template for another store: %d", res.Status)
		}
		if res := f.env.Login("qa1").Do("POST", "/api/v1/checklists", own); res.Status != 403 {
			t.Errorf("HQ quality adding a store's template: %d", res.Status)
		}
		testutil.Must(t, f.env.Login("manager2"), "POST", "/api/v1/checklists", own, http.StatusCreated).JSON(t, &c)
		if c.Scope != "store" || fmt.Sprint(c.AllowedActions) != "[edit]" {
			t.Errorf("a store's template, as its manager reads it: %+v", c)
		}
		path := fmt.Sprintf("/api/v1/checklists/%d", c.ID)
		own["version"], own["active"] = 1, false
		delete(own, "store_id")
		if res := f.env.Login("manager1").Do("PUT", path, own); res.Status != 404 {
			t.Errorf("manager1 editing another store's template: %d", res.Status)
		}
		testutil.Must(t, f.env.Login("manager2"), "PUT", path, own, http.StatusOK).JSON(t, &c)
		var retired struct {
			Total int `json:"total"`
		}
		testutil.Must(t, f.env.Login("manager2"), "GET", "/api/v1/checklists", nil, http.StatusOK).JSON(t, &list)
		testutil.Must(t, f.env.Login("manager2"), "GET", "/api/v1/checklists?retired=true", nil, http.StatusOK).JSON(t, &retired)
		if c.Version != 2 || list.Total != 6 || retired.Total != 1 {
			t.Errorf("retired by its manager: %+v, %d active and %d retired listed", c, list.Total, retired.Total)
		}
		if res := f.env.Login("super1").Do("GET", path, nil); res.Status != 404 {
			t.Errorf("another store's template: %d", res.Status)
		}
		if res := f.env.Login("super1").Do("POST", f.pudong+"/inspections", map[string]any{"template_id": c.ID,
			"department_code": "produce", "answers": []map[string]any{{"item_id": 1, "bool": true}}}); res.Status != 400 || res.Fields()["template_id"] == "" {
			t.Errorf("filling another store's template: %d %s", res.Status, res.Body)
		}
	})
}

// TestScopeAndSchedules: another store's inspections and actions are 404 to store staff,
// HQ quality reads them; a daily schedule is due, then done once filled, and shows in the
// supervisor's Today inbox until then.
func TestScopeAndSchedules(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		in := f.inspect(t, "super2", f.tianhe, "deli", "8")
		paths := []string{fmt.Sprintf("/api/v1/inspections/%d", in.ID), fmt.Sprintf("/api/v1/corrective-actions/%d", in.Actions[0].ID),
			f.tianhe + "/inspections", f.tianhe + "/corrective-actions", f.tianhe + "/inspection-schedules"}
		for _, p := range paths {
			for _, user := range []string{"super1", "manager1"} {
				if res := f.env.Login(user).Do("GET", p, nil); res.Status != 404 {
					t.Errorf("%s GET %s: %d, want 404", user, p, res.Status)
				}
			}
			testutil.Must(t, f.env.Login("qa1"), "GET", p, nil, http.StatusOK)
		}
		if res := f.env.Login("manager1").Do("POST", paths[1]+"/complete", map[string]any{"note": "x"}); res.Status != 404 {
			t.Errorf("manager1 completing another store's action: %d", res.Status)
		}
		if res := f.env.Login("super1").Do("GET", paths[1], nil); res.Status != 404 {
			t.Errorf("super1 reading another store's action: %d", res.Status)
		}

		manager1 := f.env.Login("manager1")
		if res := f.env.Login("super1").Do("POST", f.pudong+"/inspection-schedules", map[string]any{"template_id": 1,
			"department_code": "produce", "frequency": "daily"}); res.Status != 403 {
			t.Errorf("a supervisor scheduling: %d", res.Status)
		}
		if res := manager1.Do("POST", f.pudong+"/inspection-schedules", map[string]any{"template_id": 1,
			"department_code": "produce", "frequency": "weekly"}); res.Status != 400 || res.Fields()["weekday"] == "" {
			t.Errorf("weekly without a weekday: %d %s", res.Status, res.Body)
		}
		var sc struct {
			State   string `json:"state"`
			Version int    `json:"version"`
		}
		testutil.Must(t, manager1, "POST", f.pudong+"/inspection-schedules", map[string]any{"template_id": 1,
			"department_code": "produce", "frequency": "daily"}, http.StatusOK).JSON(t, &sc)
		if sc.State != "due" {
			t.Fatalf("a new daily schedule: %+v", sc)
		}
		if !f.todayHas(t, "super1", "safety.inspection_due") || f.todayHas(t, "super2", "safety.inspection_due") {
			t.Error("the due inspection is in super1's Today only")
		}
		f.inspect(t, "super1", f.pudong, "produce", "2")
		var list struct {
			Items []struct {
				State    string `json:"state"`
				LastDone string `json:"last_done"`
			} `json:"items"`
		}
		testutil.Must(t, f.env.Login("super1"), "GET", f.pudong+"/inspection-schedules", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].State != "done" || list.Items[0].LastDone == "" {
			t.Errorf("after the inspection: %+v", list)
		}
		if f.todayHas(t, "super1", "safety.inspection_due") {
			t.Error("a done inspection stays in Today")
		}
		testutil.Must(t, manager1, "POST", f.pudong+"/inspection-schedules", map[string]any{"template_id": 1,
			"department_code": "produce", "frequency": "off", "version": sc.Version}, http.StatusOK)
		if res := manager1.Do("POST", f.pudong+"/inspection-schedules", map[string]any{"template_id": 1,
			"department_code": "produce", "frequency": "daily", "version": sc.Version}); res.Status != 409 {
			t.Errorf("a stale schedule: %d", res.Status)
		}
	})
}

func (f *fixture) inspectWith(t *testing.T, user, base string, body map[string]any) inspection {
	t.Helper()
	var in inspection
	testutil.Must(t, f.env.Login(user), "POST", base+"/inspections", body, http.StatusCreated).JSON(t, &in)
	return in
}

func (f *fixture) storeID(t *testing.T, code string) int64 {
	t.Helper()
	var id int64
	f.env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	return id
}

func (f *fixture) todayHas(t *testing.T, user, kind string) bool {
	t.Helper()
	var today struct {
		Items []struct {
			Kind string `json:"kind"`
		} `json:"items"`
	}
	testutil.Must(t, f.env.Login(user), "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
	for _, e := range today.Items {
		if e.Kind == kind {
			return true
		}
	}
	return false
}
