package app_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

// equipmentFixture has the store's manager register a cold room of the department and log an
// out-of-range reading: the fixtures of /equipment/{equipment_id} and
// /temperature-alerts/{alert_id}.
func equipmentFixture(t *testing.T, env *testutil.Env, storeCode, department, manager string) (string, string) {
	t.Helper()
	store := storeID(t, env, storeCode)
	c := env.Login(manager)
	res := c.Do("POST", fmt.Sprintf("/api/v1/stores/%d/equipment", store),
		map[string]any{"kind": "cold_room", "name": "测试冷库", "department_code": department})
	if res.Status != http.StatusCreated {
		t.Fatalf("equipment fixture: %d %s", res.Status, res.Body)
	}
	var eq struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &eq)
	at := env.Clock.Now().Add(-time.Hour).Format(time.RFC3339)
	res = c.Do("POST", fmt.Sprintf("/api/v1/stores/%d/temperature-logs", store),
		map[string]any{"readings": []map[string]any{{"equipment_id": eq.ID, "recorded_at": at, "celsius": "9.5"}}})
	var out struct {
		Opened []int64 `json:"alerts_opened"`
	}
	res.JSON(t, &out)
	if res.Status != http.StatusOK || len(out.Opened) != 1 {
		t.Fatalf("temperature alert fixture: %d %s", res.Status, res.Body)
	}
	return fmt.Sprint(eq.ID), fmt.Sprint(out.Opened[0])
}
