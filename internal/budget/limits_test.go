package budget_test

import (
	"fmt"
	"testing"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/testutil"
)

// The caps of the amounts never exceed the columns that store them.
func TestBudgetCapsFitTheirColumns(t *testing.T) {
	for i, c := range budget.Columns {
		if c.Name != budget.FieldNames[i] {
			t.Errorf("column %d is %s, the amount is %s", i, c, budget.FieldNames[i])
		}
		limit := budget.MaxAmount
		if c.Name == "gross_margin_pct_target" {
			limit = budget.MaxPct
		}
		if limit > c.MaxMoney() {
			t.Errorf("the cap %s of %s exceeds the column's %s", limit, c, c.MaxMoney())
		}
	}
}

// TestBudgetAmountsAtAndJustOverTheirLimits: every amount at its limit is stored and read
// back exactly; one cent more is a 400 naming the field, for one department and for a whole
// month, on each database, and writes nothing.
func TestBudgetAmountsAtAndJustOverTheirLimits(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		mgr := env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d/budgets/2026-10", storeID(t, env, "sh-pudong"))
		for _, field := range budget.FieldNames {
			over := "10000000000.01"
			if field == "gross_margin_pct_target" {
				over = "100.01"
			}
			t.Run(field, func(t *testing.T) {
				before := count(env, "budgets")
				body := amounts(nil, nil, 0, field, over)
				if res := mgr.Do("PUT", base+"/meat", body); res.Status != 400 || res.Fields()[field] == "" {
					t.Errorf("%s %s: %d %s", field, over, res.Status, res.Body)
				}
				month := map[string]any{"items": []any{item("deli", "1.00", 0, field, over)}}
				if res := mgr.Do("PUT", base, month); res.Status != 400 || res.Fields()["items[0]."+field] == "" {
					t.Errorf("month with %s %s: %d %s", field, over, res.Status, res.Body)
				}
				if n := count(env, "budgets"); n != before {
					t.Errorf("refused edits wrote %d budgets", n-before)
				}
			})
		}
		at := amounts("10000000000.00", "100.00", 0, "labour_budget", "10000000000.00", "materials_budget", "10000000000.00",
			"repairs_budget", "10000000000.00", "shrink_budget", "10000000000.00", "sales_per_head_target", "10000000000.00")
		if res := mgr.Do("PUT", base+"/meat", at); res.Status != 200 {
			t.Fatalf("every amount at its limit: %d %s", res.Status, res.Body)
		}
		var got map[string]any
		mgr.Do("GET", base+"/meat", nil).JSON(t, &got)
		for _, field := range budget.FieldNames {
			if want := at[field]; got[field] != want {
				t.Errorf("%s read back as %v, want %v", field, got[field], want)
			}
		}
	})
}
