package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// stocktakeFixture plans a full, non-blind stocktake of one department of a store (as
// admin) and answers its id, the fixture of the /stocktakes/{stocktake_id} routes: planned,
// so every action with an empty body is a 400 and every read a 200.
func stocktakeFixture(t *testing.T, env *testutil.Env, storeCode, department string) string {
	t.Helper()
	body := map[string]any{"scope": "full", "department_code": department, "blind": false, "zones": []string{"销售区"}}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/stocktakes", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("stocktake fixture: %d %s", res.Status, res.Body)
	}
	var st struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &st)
	return fmt.Sprint(st.ID)
}
