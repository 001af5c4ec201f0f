package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// budgetMonthWithPrevious stores a budget of the store's produce department for October
// 2026 and answers the month after it, the fixture month of the budget routes: there,
// copy-from-previous has something to copy and answers 200.
func budgetMonthWithPrevious(t *testing.T, env *testutil.Env, storeID int64) string {
	t.Helper()
	body := map[string]any{"sales_target": "1000.00", "gross_margin_pct_target": "25.00", "labour_budget": nil,
		"materials_budget": nil, "repairs_budget": nil, "shrink_budget": nil, "sales_per_head_target": nil, "version": 0}
	res := env.Login("manager1").Do("PUT", fmt.Sprintf("/api/v1/stores/%d/budgets/2026-10/produce", storeID), body)
	if res.Status != http.StatusOK {
		t.Fatalf("budget fixture: %d %s", res.Status, res.Body)
	}
	return "2026-11"
}
