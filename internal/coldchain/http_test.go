package coldchain_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

type fixture struct {
	env            *testutil.Env
	pudong, tianhe string
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	id := func(code string) int64 {
		var n int64
		env.DB.Table("stores").Where("code = ?", code).Pluck("id", &n)
		return n
	}
	return &fixture{env: env, pudong: fmt.Sprintf("/api/v1/stores/%d", id("sh-pudong")),
		tianhe: fmt.Sprintf("/api/v1/stores/%d", id("gz-tianhe"))}
}

type equipment struct {
	ID         int64   `json:"id"`
	MinCelsius *string `json:"min_celsius"`
	MaxCelsius *string `json:"max_celsius"`
	OpenAlerts int     `json:"open_alerts"`
	Version    int     `json:"version"`
	NextDue    *string `json:"next_maintenance_due"`
}

type logResult struct {
	Saved        int     `json:"saved"`
	Duplicates   int     `json:"duplicates"`
	OutOfRange   int     `json:"out_of_range"`
	AlertsOpened []int64 `json:"alerts_opened"`
	AlertsClosed []int64 `json:"alerts_closed"`
	Replayed     bool    `json:"replayed"`
}

type alert struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	ReadingCount   int      `json:"reading_count"`
	MaxCelsius     string   `json:"max_celsius"`
	ActionID       *int64   `json:"corrective_action_id"`
	InspectionID   *int64   `json:"inspection_id"`
	Version        int      `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
}

func (f *fixture) coldRoom(t *testing.T, base, dept string) equipment {
	t.Helper()
	var eq equipment
	testutil.Must(t, f.env.Login("manager1"), "POST", base+"/equipment", map[string]any{"kind": "cold_room",
		"name": "1 号冷藏库", "department_code": dept, "maintenance_interval_days": 90}, http.StatusCreated).JSON(t, &eq)
	return eq
}

func (f *fixture) count(table string, where string, args ...any) int64 {
	var n int64
	f.env.DB.Table(table).Where(where, args...).Count(&n)
	return n
}

func readings(eq int64, start time.Time, temps ...string) map[string]any {
	var rs []map[string]any
	for i, c := range temps {
		rs = append(rs, map[string]any{"equipment_id": eq, "recorded_at": start.Add(time.Duration(i) * time.Minute).Format(time.RFC3339), "celsius": c})
	}
	return map[string]any{"readings": rs}
}

func TestEquipmentRegisterAndScope(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		eq := f.coldRoom(t, f.pudong, "produce")
		if eq.MinCelsius == nil || *eq.MinCelsius != "0.00" || *eq.MaxCelsius != "4.00" || eq.NextDue == nil {
			t.Fatalf("a cold room holds 0–4 °C by default and has a due date: %+v", eq)
		}
		path := fmt.Sprintf("/api/v1/equipment/%d", eq.ID)
		testutil.Must(t, f.env.Login("manager2"), "GET", path, nil, http.StatusNotFound)
		testutil.Must(t, f.env.Login("manager2"), "GET", f.pudong+"/equipment", nil, http.StatusNotFound)
		testutil.Must(t, f.env.Login("hq1"), "GET", path, nil, http.StatusOK)
		res := f.env.Login("manager1").Do("PATCH", path, map[string]any{"version": eq.Version, "max_celsius": "3.5"})
		if res.Status != http.StatusOK {
			t.Fatalf("patch: %d %s", res.Status, res.Body)
		}
		if res := f.env.Login("manager1").Do("PATCH", path, map[string]any{"version": eq.Version, "name": "x"}); res.Status != http.StatusConflict {
			t.Errorf("stale version: got %d", res.Status)
		}
		res = f.env.Login("manager1").Do("POST", f.pudong+"/equipment", map[string]any{"kind": "freezer", "name": "冷冻柜",
			"department_code": "produce", "min_celsius": "-10", "max_celsius": "-20"})
		if res.Status != http.StatusBadRequest || res.Fields()["min_celsius"] == "" {
			t.Errorf("min above max: %d %s", res.Status, res.Body)
		}
	})
}

// TestSensorBatchIsAllOrNothingAndIdempotent: one bad reading refuses the batch naming its
// line and saves nothing; a re-sent batch stores nothing twice; the key replays.
func TestSensorBatchIsAllOrNothingAndIdempotent(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		eq := f.coldRoom(t, f.pudong, "produce")
		start := f.env.Clock.Now().Add(-2 * time.Hour)
		body := readings(eq.ID, start, "3", "3.2", "-100", "3.1")
		mgr := f.env.Login("manager1")
		res := mgr.Do("POST", f.pudong+"/temperature-logs/bulk", body)
		if res.Status != http.StatusBadRequest || res.Fields()["readings[2].celsius"] == "" {
			t.Fatalf("a −100 °C reading: %d %s", res.Status, res.Body)
		}
		if n := f.count("temperature_logs", "equipment_id = ?", eq.ID); n != 0 {
			t.Fatalf("%d readings saved from a refused batch", n)
		}
		body = readings(eq.ID, start, "3", "3.2", "3.3", "3.1")
		var first, again, replay logResult
		testutil.Must(t, mgr, "POST", f.pudong+"/temperature-logs/bulk", body, http.StatusOK).JSON(t, &first)
		testutil.Must(t, mgr, "POST", f.pudong+"/temperature-logs/bulk", body, http.StatusOK).JSON(t, &again)
		if first.Saved != 4 || again.Saved != 0 || again.Duplicates != 4 {
			t.Errorf("first %+v, again %+v: want 4 saved then 4 duplicates", first, again)
		}
		keyed := mgr.With("Idempotency-Key", "sensor-1")
		body = readings(eq.ID, start.Add(time.Hour), "3", "3.2")
		testutil.Must(t, keyed, "POST", f.pudong+"/temperature-logs/bulk", body, http.StatusOK)
		testutil.Must(t, keyed, "POST", f.pudong+"/temperature-logs/bulk", body, http.StatusOK).JSON(t, &replay)
		if !replay.Replayed || replay.Saved != 2 {
			t.Errorf("replay: %+v", replay)
		}
		if res := keyed.Do("POST", f.pudong+"/temperature-logs/bulk", readings(eq.ID, start, "4")); res.Status != http.StatusConflict {
			t.Errorf("a key reused with another body: %d", res.Status)
		}
		if n := f.count("temperature_logs", "equipment_id = ?", eq.ID); n != 6 {
			t.Errorf("%d readings stored, want 6", n)
		}
		other := f.env.Login("manager2").Do("POST", f.tianhe+"/temperature-logs", readings(eq.ID, start, "3"))
		if other.Status != http.StatusBadRequest || other.Fields()["readings[0].equipment_id"] == "" {
			t.Errorf("another store's equipment: %d %s", other.Status, other.Body)
		}
	})
}

// TestOneExcursionOneAction: out-of-range readings open one alert with one corrective action
// and one notification; more extend it; a reading back in range closes it.
func TestOneExcursionOneAction(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		eq := f.coldRoom(t, f.pudong, "produce")
		actionsBefore := f.count("corrective_actions", "store_id > 0")
		start := f.env.Clock.Now().Add(-3 * time.Hour)
		super := f.env.Login("super1")
		var r1, r2, r3 logResult
		testutil.Must(t, super, "POST", f.pudong+"/temperature-logs", readings(eq.ID, start, "3", "6", "7.5"), http.StatusOK).JSON(t, &r1)
		testutil.Must(t, super, "POST", f.pudong+"/temperature-logs/bulk", readings(eq.ID, start.Add(10*time.Minute), "8", "6"), http.StatusOK).JSON(t, &r2)
		if len(r1.AlertsOpened) != 1 || len(r2.AlertsOpened) != 0 {
			t.Fatalf("one alert for the excursion: %+v %+v", r1, r2)
		}
		if n := f.count("corrective_actions", "store_id > 0") - actionsBefore; n != 1 {
			t.Errorf("%d corrective actions, want 1", n)
		}
		if n := f.count("outbox_messages", "topic = ?", "safety.temperature_alert"); n != 1 {
			t.Errorf("%d notifications, want 1", n)
		}
		var a alert
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/temperature-alerts/%d", r1.AlertsOpened[0]), nil, http.StatusOK).JSON(t, &a)
		if a.Status != "open" || a.ReadingCount != 4 || a.MaxCelsius != "8.00" || a.ActionID == nil {
			t.Errorf("alert after 4 out-of-range readings: %+v", a)
		}
		var today struct {
			Items []struct {
				Kind string `json:"kind"`
			} `json:"items"`
		}
		testutil.Must(t, super, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		found := false
		for _, it := range today.Items {
			found = found || it.Kind == "safety.temperature_alert"
		}
		if !found {
			t.Error("the open alert is not in super1's Today")
		}
		testutil.Must(t, f.env.Login("hq1"), "GET", f.pudong+"/temperature-alerts?active=true", nil, http.StatusOK)
		testutil.Must(t, super, "POST", f.pudong+"/temperature-logs", readings(eq.ID, start.Add(time.Hour), "3.5"), http.StatusOK).JSON(t, &r3)
		if len(r3.AlertsClosed) != 1 {
			t.Errorf("back in range closes the alert: %+v", r3)
		}
		var ch struct {
			Points []struct {
				OutOfRange bool `json:"out_of_range"`
			} `json:"points"`
			Alerts []alert `json:"alerts"`
		}
		q := fmt.Sprintf("/api/v1/equipment/%d/temperatures?from=%s&to=%s", eq.ID, start.Add(-time.Hour).Format(time.RFC3339),
			f.env.Clock.Now().Format(time.RFC3339))
		testutil.Must(t, super, "GET", q, nil, http.StatusOK).JSON(t, &ch)
		if len(ch.Points) != 6 || len(ch.Alerts) != 1 {
			t.Errorf("chart: %d points, %d alerts; want 6 and 1", len(ch.Points), len(ch.Alerts))
		}
	})
}

func TestAlertWorkflow(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		eq := f.coldRoom(t, f.pudong, "produce")
		var r logResult
		testutil.Must(t, f.env.Login("super1"), "POST", f.pudong+"/temperature-logs",
			readings(eq.ID, f.env.Clock.Now().Add(-time.Hour), "9"), http.StatusOK).JSON(t, &r)
		path := fmt.Sprintf("/api/v1/temperature-alerts/%d", r.AlertsOpened[0])
		var a alert
		testutil.Must(t, f.env.Login("hq1"), "GET", path, nil, http.StatusOK).JSON(t, &a)
		if len(a.AllowedActions) != 0 {
			t.Errorf("HQ may not act: %v", a.AllowedActions)
		}
		testutil.Must(t, f.env.Login("super1"), "POST", path+"/acknowledge", nil, http.StatusOK).JSON(t, &a)
		if a.Status != "acknowledged" || len(a.AllowedActions) != 1 || a.AllowedActions[0] != "close" {
			t.Errorf("acknowledged: %+v", a)
		}
		if res := f.env.Login("super1").Do("POST", path+"/close", map[string]any{}); res.Status != http.StatusBadRequest {
			t.Errorf("close without a note: %d", res.Status)
		}
		testutil.Must(t, f.env.Login("manager1"), "POST", path+"/close", map[string]any{"note": "已维修压缩机", "version": a.Version}, http.StatusOK).JSON(t, &a)
		if res := f.env.Login("manager1").Do("POST", path+"/close", map[string]any{"note": "again"}); res.Status != http.StatusConflict {
			t.Errorf("closing a closed alert: %d", res.Status)
		}
		testutil.Must(t, f.env.Login("manager2"), "GET", path, nil, http.StatusNotFound)
	})
}

// TestColdRoomInspectionLogsTheReading: super1 inspects the cold room naming it at 7 °C; the
// inspection fails with one corrective action, and the reading opens an alert linked to it.
func TestColdRoomInspectionLogsTheReading(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		eq := f.coldRoom(t, f.pudong, "produce")
		answers := []map[string]any{{"item_id": 1, "number": "7"}, {"item_id": 2, "number": "-20"}}
		for id := 3; id <= 7; id++ {
			answers = append(answers, map[string]any{"item_id": id, "bool": true})
		}
		var in struct {
			ID      int64 `json:"id"`
			Passed  bool  `json:"passed"`
			Actions []struct {
				ID int64 `json:"id"`
			} `json:"corrective_actions"`
		}
		testutil.Must(t, f.env.Login("super1"), "POST", f.pudong+"/inspections", map[string]any{"template_id": 1,
			"department_code": "produce", "answers": answers, "equipment_id": eq.ID}, http.StatusCreated).JSON(t, &in)
		if in.Passed || len(in.Actions) != 1 {
			t.Fatalf("the inspection fails with one action: %+v", in)
		}
		var list struct {
			Items []alert `json:"items"`
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", fmt.Sprintf("%s/temperature-alerts?equipment_id=%d", f.pudong, eq.ID), nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ActionID == nil || *list.Items[0].ActionID != in.Actions[0].ID ||
			list.Items[0].InspectionID == nil || *list.Items[0].InspectionID != in.ID {
			t.Fatalf("the alert takes the inspection's action: %+v", list.Items)
		}
		if n := f.count("temperature_logs", "equipment_id = ? AND source = ?", eq.ID, "inspection"); n != 1 {
			t.Errorf("%d inspection readings, want 1 (the cold room's, not the freezer's)", n)
		}
		res := f.env.Login("super1").Do("POST", f.pudong+"/inspections", map[string]any{"template_id": 1,
			"department_code": "produce", "answers": answers, "equipment_id": 999999})
		if res.Status != http.StatusBadRequest || res.Fields()["equipment_id"] == "" {
			t.Errorf("unknown equipment: %d %s", res.Status, res.Body)
		}
	})
}
