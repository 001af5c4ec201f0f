package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// trainingFixture adds an employee, a training session and a health certificate to the store
// and answers their ids.
func trainingFixture(t *testing.T, env *testutil.Env, storeCode string) (string, string, string) {
	t.Helper()
	base := fmt.Sprintf("/api/v1/stores/%d", storeID(t, env, storeCode))
	admin := env.Login("admin")
	var e, s, c struct {
		ID int64 `json:"id"`
	}
	post := func(path string, body any, out any) {
		res := admin.Do("POST", base+path, body)
		if res.Status != http.StatusCreated {
			t.Fatalf("training fixture %s: %d %s", path, res.Status, res.Body)
		}
		res.JSON(t, out)
	}
	post("/employees", map[string]any{"name": "张三", "department_code": "produce", "food_handler": true}, &e)
	post("/training-sessions", map[string]any{"topic": "food_safety", "title": "食品安全培训", "scheduled_on": "2026-10-20",
		"food_handlers": true}, &s)
	post("/health-certificates", map[string]any{"employee_id": e.ID, "number": "HC-1", "issued_on": "2026-01-01",
		"expires_on": "2027-01-01"}, &c)
	return fmt.Sprint(e.ID), fmt.Sprint(s.ID), fmt.Sprint(c.ID)
}
