package risk_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

type incidentJSON struct {
	ID             int64    `json:"id"`
	StoreID        int64    `json:"store_id"`
	Level          string   `json:"level"`
	Status         string   `json:"status"`
	RiskName       string   `json:"risk_name"`
	HoursToResolve *string  `json:"hours_to_resolve"`
	Version        int      `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
	Actions        []struct {
		Kind          string `json:"kind"`
		Note          string `json:"note"`
		CreatedByName string `json:"created_by_name"`
		Photos        []struct {
			ID int64 `json:"id"`
		} `json:"photos"`
	} `json:"actions"`
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id
}

func photo(t *testing.T, c *testutil.Client) int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	res := c.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "p.png", Data: buf.Bytes()})
	if res.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.Status, res.Body)
	}
	var a struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &a)
	return a.ID
}

func outboxCount(env *testutil.Env, topic string) int64 {
	var n int64
	env.DB.Table("outbox_messages").Where("topic = ?", topic).Count(&n)
	return n
}

// TestRegisterIsPreloadedAndEditedByQuality reads the migration's register and edits it as
// HQ quality, with the version guard and the roles that may not.
func TestRegisterIsPreloadedAndEditedByQuality(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		var list struct {
			Items []struct {
				ID       int64  `json:"id"`
				Code     string `json:"code"`
				Name     string `json:"name"`
				Level    string `json:"level"`
				Version  int    `json:"version"`
				Measures []struct {
					Zh, En string
				} `json:"measures"`
			} `json:"items"`
		}
		testutil.Must(t, env.Login("super1"), "GET", "/api/v1/risks", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 4 || list.Items[2].Name != "促销活动人群踩踏" || list.Items[2].Level != "high" ||
			len(list.Items[2].Measures) < 3 || list.Items[2].Measures[0].En == "" {
			t.Fatalf("register: %+v", list.Items)
		}
		qa := env.Login("qa1")
		testutil.Must(t, env.Login("manager1"), "PATCH", "/api/v1/risks/1", map[string]any{"level": "medium", "version": 1}, http.StatusForbidden)
		testutil.Must(t, qa, "PATCH", "/api/v1/risks/1", map[string]any{"level": "severe", "version": 1}, http.StatusBadRequest)
		testutil.Must(t, qa, "PATCH", "/api/v1/risks/1", map[string]any{"level": "medium", "version": 1}, http.StatusOK)
		testutil.Must(t, qa, "PATCH", "/api/v1/risks/1", map[string]any{"level": "high", "version": 1}, http.StatusConflict)
		testutil.Must(t, qa, "POST", "/api/v1/risks", map[string]any{"code": "network_attack", "name": "x", "level": "low",
			"owner_department": "it", "measures": []map[string]string{{"zh": "a"}}}, http.StatusConflict)
		res := testutil.Must(t, qa, "POST", "/api/v1/risks", map[string]any{"code": "fire", "name": "火灾", "level": "high",
			"owner_department": "hr", "measures": []map[string]string{{"zh": "疏散"}}}, http.StatusBadRequest)
		if res.Fields()["owner_department"] == "" {
			t.Fatalf("owner_department: %s", res.Body)
		}
		var fire struct{ ID int64 }
		testutil.Must(t, qa, "POST", "/api/v1/risks", map[string]any{"code": "fire", "name": "火灾", "name_en": "Fire",
			"level": "high", "owner_department": "security", "measures": []map[string]string{{"zh": "疏散", "en": "Evacuate"}}},
			http.StatusCreated).JSON(t, &fire)
		// Archived, not deleted: gone from the default list, still readable.
		fireURL := fmt.Sprintf("/api/v1/risks/%d", fire.ID)
		testutil.Must(t, qa, "PATCH", fireURL, map[string]any{"active": false, "version": 1}, http.StatusOK)
		testutil.Must(t, qa, "GET", "/api/v1/risks", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 4 {
			t.Fatalf("archived still listed: %d", len(list.Items))
		}
		testutil.Must(t, qa, "GET", fireURL, nil, http.StatusOK)
		testutil.Must(t, env.Login("super1"), "POST", fmt.Sprintf("/api/v1/stores/%d/incidents", storeID(t, env, "sh-pudong")),
			map[string]any{"risk_id": fire.ID, "title": "x"}, http.StatusBadRequest)
	})
}

// TestIncidentLifecycle logs a high incident with an action and a photo, resolves and closes
// it, checking scope, roles, states, the outbox alert and the board's filters.
func TestIncidentLifecycle(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		pudong, tianhe := storeID(t, env, "sh-pudong"), storeID(t, env, "gz-tianhe")
		super, manager := env.Login("super1"), env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d/incidents", pudong)

		res := testutil.Must(t, super, "POST", base, map[string]any{"risk_id": 3, "level": "low", "title": "门口拥挤"}, http.StatusBadRequest)
		if res.Fields()["level"] == "" {
			t.Fatalf("lowered level: %s", res.Body)
		}
		testutil.Must(t, super, "POST", base, map[string]any{"risk_id": 99, "title": "x"}, http.StatusBadRequest)
		testutil.Must(t, super, "POST", fmt.Sprintf("/api/v1/stores/%d/incidents", tianhe),
			map[string]any{"risk_id": 3, "title": "x"}, http.StatusNotFound)
		testutil.Must(t, env.Login("hq1"), "POST", base, map[string]any{"risk_id": 3, "title": "x"}, http.StatusForbidden)

		var in incidentJSON
		occurred := env.Clock.Now().Add(-3 * time.Hour)
		testutil.Must(t, super, "POST", base, map[string]any{"risk_id": 3, "title": "促销开门前门口聚集 300 人",
			"occurred_at": occurred.Format(time.RFC3339)}, http.StatusCreated).JSON(t, &in)
		if in.Level != "high" || in.Status != "open" || in.RiskName != "促销活动人群踩踏" ||
			fmt.Sprint(in.AllowedActions) != "[edit add_action resolve]" {
			t.Fatalf("created: %+v", in)
		}
		if n := outboxCount(env, "risk.incident_opened"); n != 1 {
			t.Fatalf("alerts: %d", n)
		}
		one := fmt.Sprintf("/api/v1/incidents/%d", in.ID)
		// Re-saving a high incident does not alert twice.
		testutil.Must(t, super, "PATCH", one, map[string]any{"level": "high", "version": in.Version}, http.StatusOK).JSON(t, &in)
		if n := outboxCount(env, "risk.incident_opened"); n != 1 {
			t.Fatalf("alerts after edit: %d", n)
		}
		testutil.Must(t, super, "PATCH", one, map[string]any{"level": "medium", "version": in.Version}, http.StatusBadRequest)

		testutil.Must(t, env.Login("super2"), "GET", one, nil, http.StatusNotFound)
		testutil.Must(t, env.Login("super2"), "POST", one+"/actions", map[string]any{"note": "x"}, http.StatusNotFound)
		testutil.Must(t, super, "POST", one+"/actions", map[string]any{"note": "开启分批入场，增派 4 名安保",
			"photos": []int64{photo(t, super)}}, http.StatusCreated).JSON(t, &in)
		if in.Status != "responding" || len(in.Actions) != 1 || len(in.Actions[0].Photos) != 1 || in.Actions[0].CreatedByName != "super1" {
			t.Fatalf("action: %+v", in)
		}
		res = testutil.Must(t, manager, "POST", one+"/resolve", map[string]any{}, http.StatusBadRequest)
		if res.Fields()["resolution"] == "" {
			t.Fatalf("resolve without resolution: %s", res.Body)
		}
		testutil.Must(t, manager, "POST", one+"/close", nil, http.StatusConflict)
		testutil.Must(t, manager, "POST", one+"/resolve", map[string]any{"resolution": "人群已疏散，无人受伤"}, http.StatusOK).JSON(t, &in)
		if in.Status != "resolved" || in.HoursToResolve == nil || *in.HoursToResolve != "3.00" || fmt.Sprint(in.AllowedActions) != "[close]" {
			t.Fatalf("resolved: %+v", in)
		}
		testutil.Must(t, manager, "POST", one+"/resolve", map[string]any{"resolution": "again"}, http.StatusConflict)
		testutil.Must(t, super, "POST", one+"/actions", map[string]any{"note": "x"}, http.StatusConflict)
		testutil.Must(t, super, "POST", one+"/close", nil, http.StatusForbidden)
		testutil.Must(t, env.Login("qa1"), "POST", one+"/close", map[string]any{"note": "复盘完成"}, http.StatusOK).JSON(t, &in)
		if in.Status != "closed" || len(in.Actions) != 3 {
			t.Fatalf("closed: %+v", in)
		}

		// The board: HQ sees every store; a manager only theirs; supervisors use the store list.
		testutil.Must(t, env.Login("super2b"), "POST", fmt.Sprintf("/api/v1/stores/%d/incidents", tianhe),
			map[string]any{"risk_id": 2, "title": "暴雨，配送晚到 3 小时"}, http.StatusCreated)
		var board struct {
			Items []incidentJSON `json:"items"`
			Total int            `json:"total"`
		}
		testutil.Must(t, env.Login("hq1"), "GET", "/api/v1/incidents", nil, http.StatusOK).JSON(t, &board)
		if board.Total != 2 {
			t.Fatalf("HQ board: %+v", board)
		}
		testutil.Must(t, env.Login("qa1"), "GET", "/api/v1/incidents?level=medium&status=open", nil, http.StatusOK).JSON(t, &board)
		if board.Total != 1 || board.Items[0].StoreID != tianhe {
			t.Fatalf("filtered board: %+v", board)
		}
		testutil.Must(t, manager, "GET", "/api/v1/incidents", nil, http.StatusOK).JSON(t, &board)
		if board.Total != 1 || board.Items[0].StoreID != pudong {
			t.Fatalf("manager board: %+v", board)
		}
		testutil.Must(t, manager, "GET", fmt.Sprintf("/api/v1/incidents?store_id=%d", tianhe), nil, http.StatusNotFound)
		testutil.Must(t, super, "GET", "/api/v1/incidents", nil, http.StatusForbidden)
		testutil.Must(t, super, "GET", base+"?status=closed", nil, http.StatusOK).JSON(t, &board)
		if board.Total != 1 {
			t.Fatalf("store list: %+v", board)
		}
		res = testutil.Must(t, env.Login("qa1"), "GET", "/api/v1/incidents?level=severe&from=2026-13-01", nil, http.StatusBadRequest)
		if res.Fields()["level"] == "" || res.Fields()["from"] == "" {
			t.Fatalf("bad filters: %s", res.Body)
		}
	})
}

// TestReadinessPerStore creates a Double 11 event, ticks items and reads completion per store,
// the store's checklist and its Today entry; generating again adds nothing.
func TestReadinessPerStore(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		qa := env.Login("qa1")
		date := env.Clock.Now().AddDate(0, 0, 5).Format("2006-01-02")
		testutil.Must(t, env.Login("manager1"), "POST", "/api/v1/readiness-events",
			map[string]any{"name": "双十一", "event_date": date, "risk_ids": []int64{3}}, http.StatusForbidden)
		res := testutil.Must(t, qa, "POST", "/api/v1/readiness-events",
			map[string]any{"name": "双十一", "event_date": date, "risk_ids": []int64{3, 42}}, http.StatusBadRequest)
		if res.Fields()["risk_ids[1]"] == "" {
			t.Fatalf("unknown risk: %s", res.Body)
		}
		var ev struct {
			ID            int64 `json:"id"`
			ItemsPerStore int   `json:"items_per_store"`
			Done, Total   int
			Percent       int `json:"percent"`
			Stores        []struct {
				StoreID   int64  `json:"store_id"`
				StoreName string `json:"store_name"`
				Done      int    `json:"done"`
				Total     int    `json:"total"`
				Percent   int    `json:"percent"`
			} `json:"stores"`
		}
		testutil.Must(t, qa, "POST", "/api/v1/readiness-events",
			map[string]any{"name": "双十一", "event_date": date, "risk_ids": []int64{3, 2}}, http.StatusCreated).JSON(t, &ev)
		if ev.ItemsPerStore != 10 || len(ev.Stores) != 3 || ev.Total != 30 || ev.Stores[0].StoreName == "" {
			t.Fatalf("event: %+v", ev)
		}
		var added struct{ Added int }
		testutil.Must(t, qa, "POST", fmt.Sprintf("/api/v1/readiness-events/%d/generate", ev.ID), nil, http.StatusOK).JSON(t, &added)
		if added.Added != 0 {
			t.Fatalf("generated again: %d", added.Added)
		}

		pudong := storeID(t, env, "sh-pudong")
		var mine struct {
			Items []struct {
				Event struct {
					ID int64 `json:"id"`
				} `json:"event"`
				Items []struct {
					ID    int64  `json:"id"`
					Title string `json:"title"`
					Done  bool   `json:"done"`
				} `json:"items"`
			} `json:"items"`
		}
		super := env.Login("super1")
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/stores/%d/readiness", pudong), nil, http.StatusOK).JSON(t, &mine)
		if len(mine.Items) != 1 || len(mine.Items[0].Items) != 10 || mine.Items[0].Items[0].Done {
			t.Fatalf("checklist: %+v", mine)
		}
		item := fmt.Sprintf("/api/v1/readiness-items/%d/complete", mine.Items[0].Items[0].ID)
		testutil.Must(t, env.Login("super2"), "POST", item, nil, http.StatusNotFound)
		testutil.Must(t, super, "POST", item, map[string]any{"note": "围栏已到位"}, http.StatusOK)
		testutil.Must(t, super, "POST", item, nil, http.StatusConflict)
		testutil.Must(t, qa, "GET", fmt.Sprintf("/api/v1/readiness-events/%d", ev.ID), nil, http.StatusOK).JSON(t, &ev)
		if ev.Done != 1 || ev.Stores[0].StoreID != pudong || ev.Stores[0].Done != 1 || ev.Stores[0].Percent != 10 {
			t.Fatalf("completion: %+v", ev)
		}
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/readiness-events/%d", ev.ID), nil, http.StatusForbidden)

		var today struct {
			Items []struct {
				Kind   string            `json:"kind"`
				Count  int               `json:"count"`
				Params map[string]string `json:"params"`
			} `json:"items"`
		}
		testutil.Must(t, super, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		found := false
		for _, e := range today.Items {
			if e.Kind == "risk.readiness_due" {
				found = e.Count == 9 && e.Params["open"] == "9"
			}
		}
		if !found {
			t.Fatalf("today: %+v", today.Items)
		}
	})
}
