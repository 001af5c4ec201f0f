package calendar_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

type eventJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	StartsOn string `json:"starts_on"`
	EndsOn   string `json:"ends_on"`
	Days     int    `json:"days"`
	Note     string `json:"note"`
	Version  int    `json:"version"`
}

type listJSON struct {
	Items []eventJSON `json:"items"`
	Total int64       `json:"total"`
}

func count(env *testutil.Env, where string, args ...any) int64 {
	var n int64
	env.DB.Table("calendar_events").Where(where, args...).Count(&n)
	return n
}

func TestTheDemoStartsWithTheBuiltInHolidays(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		var got listJSON
		testutil.Must(t, env.Login("super1"), "GET", "/api/v1/calendar-events?from=2026-01-01&to=2026-12-31&page_size=50", nil, http.StatusOK).JSON(t, &got)
		if got.Total != 7 {
			t.Fatalf("2026 has %d entries, want 7: %+v", got.Total, got.Items)
		}
		spring := got.Items[2]
		if spring.Name != "春节" || spring.StartsOn != "2026-02-16" || spring.EndsOn != "2026-02-22" || spring.Days != 7 || spring.Kind != "holiday" {
			t.Fatalf("third entry of 2026: %+v", spring)
		}
		var holidays listJSON
		testutil.Must(t, env.Login("manager1"), "GET", "/api/v1/calendar-events?kind=event&q=双十一&page_size=100", nil, http.StatusOK).JSON(t, &holidays)
		if holidays.Total != 16 { // 2015–2030
			t.Fatalf("%d 双十一 entries, want 16", holidays.Total)
		}
	})
}

func TestHQKeepsTheCalendar(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		hq := env.Login("hq1")
		body := map[string]any{"name": "店庆", "kind": "event", "starts_on": "2027-05-18", "ends_on": "2027-05-20", "note": "浦东店十周年"}
		var e eventJSON
		testutil.Must(t, hq, "POST", "/api/v1/calendar-events", body, http.StatusCreated).JSON(t, &e)
		if e.Days != 3 || e.Version != 1 || e.Note != "浦东店十周年" {
			t.Fatalf("created: %+v", e)
		}
		if r := hq.Do("POST", "/api/v1/calendar-events", body); r.Status != http.StatusConflict || r.ErrorCode() != "duplicate" {
			t.Fatalf("same name and first day: %d %s", r.Status, r.Body)
		}
		path := fmt.Sprintf("/api/v1/calendar-events/%d", e.ID)
		var changed eventJSON
		testutil.Must(t, env.Login("admin"), "PATCH", path, map[string]any{"ends_on": "2027-05-21", "version": 1}, http.StatusOK).JSON(t, &changed)
		if changed.Days != 4 || changed.Version != 2 || changed.Name != "店庆" {
			t.Fatalf("changed: %+v", changed)
		}
		if r := hq.Do("PATCH", path, map[string]any{"note": "x", "version": 1}); r.Status != http.StatusConflict || r.ErrorCode() != "stale_version" {
			t.Fatalf("stale change: %d %s", r.Status, r.Body)
		}
		if r := hq.Do("PATCH", path, map[string]any{"starts_on": "2027-05-22", "version": 2}); r.Status != http.StatusBadRequest || r.Fields()["ends_on"] == "" {
			t.Fatalf("a start after the end: %d %s", r.Status, r.Body)
		}
		if r := hq.Do("DELETE", path+"?version=1", nil); r.Status != http.StatusConflict || r.ErrorCode() != "stale_version" {
			t.Fatalf("stale delete: %d %s", r.Status, r.Body)
		}
		if r := hq.Do("DELETE", path, nil); r.Status != http.StatusBadRequest || r.Fields()["version"] == "" {
			t.Fatalf("delete without version: %d %s", r.Status, r.Body)
		}
		testutil.Must(t, hq, "DELETE", path+"?version=2", nil, http.StatusNoContent)
		testutil.Must(t, hq, "GET", path, nil, http.StatusNotFound)
		var actions []string
		env.DB.Table("audit_log").Where("entity_type = ? AND entity_id = ?", "calendar_event", fmt.Sprint(e.ID)).Order("id").Pluck("action", &actions)
		if fmt.Sprint(actions) != "[calendar_event.create calendar_event.update calendar_event.delete]" {
			t.Fatalf("audit: %v", actions)
		}
	})
}

func TestCalendarRefusals(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		before := count(env, "1 = 1")
		good := func(edit map[string]any) map[string]any {
			b := map[string]any{"name": "店庆", "kind": "event", "starts_on": "2027-05-18", "ends_on": "2027-05-20"}
			for k, v := range edit {
				b[k] = v
			}
			return b
		}
		hq := env.Login("hq1")
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"blank name", good(map[string]any{"name": "  "}), "name"},
			{"unknown kind", good(map[string]any{"kind": "festival"}), "kind"},
			{"not a date", good(map[string]any{"starts_on": "2027-13-01"}), "starts_on"},
			{"a number for a date", good(map[string]any{"ends_on": 20270520}), "ends_on"},
			{"before 2000", good(map[string]any{"starts_on": "1999-12-31"}), "starts_on"},
			{"too far ahead", good(map[string]any{"starts_on": "2040-01-01", "ends_on": "2040-01-02"}), "starts_on"},
			{"ends before it starts", good(map[string]any{"ends_on": "2027-05-17"}), "ends_on"},
			{"over 31 days", good(map[string]any{"ends_on": "2027-06-18"}), "ends_on"},
			{"no end", map[string]any{"name": "店庆", "kind": "event", "starts_on": "2027-05-18"}, "ends_on"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := hq.Do("POST", "/api/v1/calendar-events", tc.body)
				if res.Status != http.StatusBadRequest || res.Fields()[tc.field] == "" {
					t.Fatalf("got %d %s, want 400 naming %s", res.Status, res.Body, tc.field)
				}
			})
		}
		for _, user := range []string{"super1", "manager1"} {
			testutil.Must(t, env.Login(user), "POST", "/api/v1/calendar-events", good(nil), http.StatusForbidden)
		}
		if r := hq.Do("GET", "/api/v1/calendar-events?from=tomorrow", nil); r.Status != http.StatusBadRequest || r.Fields()["from"] == "" {
			t.Fatalf("bad from: %d %s", r.Status, r.Body)
		}
		if r := hq.Do("GET", "/api/v1/calendar-events?kind=festival", nil); r.Status != http.StatusBadRequest || r.Fields()["kind"] == "" {
			t.Fatalf("bad kind: %d %s", r.Status, r.Body)
		}
		if after := count(env, "1 = 1"); after != before {
			t.Fatalf("refused requests wrote %d entries", after-before)
		}
	})
}
