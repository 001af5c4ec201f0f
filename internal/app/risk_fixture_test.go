package app_test

import (
	"fmt"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// incidentFixture logs an open incident (product quality dispute, level medium) at store as
// its supervisor and answers its id, the fixture of the /incidents/{incident_id} routes.
func incidentFixture(t *testing.T, env *testutil.Env, store, supervisor string) string {
	t.Helper()
	res := env.Login(supervisor).Do("POST", fmt.Sprintf("/api/v1/stores/%d/incidents", storeID(t, env, store)),
		map[string]any{"risk_id": 4, "title": "顾客投诉牛奶变质"})
	var in struct {
		ID int64 `json:"id"`
	}
	if res.Status != 201 {
		t.Fatalf("incident fixture: %d %s", res.Status, res.Body)
	}
	res.JSON(t, &in)
	return fmt.Sprint(in.ID)
}

// readinessFixture creates a readiness event as HQ quality and answers its id and, per
// store code, the id of one of that store's checklist lines.
func readinessFixture(t *testing.T, env *testutil.Env) (string, map[string]string) {
	t.Helper()
	date := env.Clock.Now().AddDate(0, 0, 9).Format("2006-01-02")
	res := env.Login("qa1").Do("POST", "/api/v1/readiness-events",
		map[string]any{"name": "双十一", "event_date": date, "risk_ids": []int64{3}})
	var ev struct {
		ID int64 `json:"id"`
	}
	if res.Status != 201 {
		t.Fatalf("readiness fixture: %d %s", res.Status, res.Body)
	}
	res.JSON(t, &ev)
	items := map[string]string{}
	for _, code := range []string{"sh-pudong", "gz-tianhe"} {
		var id int64
		env.DB.Table("readiness_items").Where("event_id = ? AND store_id = ?", ev.ID, storeID(t, env, code)).
			Order("id").Limit(1).Pluck("id", &id)
		items[code] = fmt.Sprint(id)
	}
	return fmt.Sprint(ev.ID), items
}
