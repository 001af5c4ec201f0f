package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// orderPlanFixture makes (as admin) tomorrow's draft plan of a store's department and answers
// its id, the fixture of the /order-plans/{plan_id} routes: a draft, so every step on an
// empty body is a 400 (the version is required) that leaves it as it was.
func orderPlanFixture(t *testing.T, env *testutil.Env, storeCode, department string) string {
	t.Helper()
	tomorrow := civil.Of(env.Clock.Now()).AddDays(1)
	body := map[string]any{"department_code": department, "delivery_date": tomorrow.String()}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/order-plans", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("order plan fixture: %d %s", res.Status, res.Body)
	}
	var pl struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &pl)
	return fmt.Sprint(pl.ID)
}
