package stocktake_test

import (
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// TestFiguresAtAndJustOverTheirLimits: tolerances and counted quantities at their limits are
// taken, stored and posted exactly; one unit more is a 400 naming the field, on each database.
func TestFiguresAtAndJustOverTheirLimits(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1, manager := f.env.Login("super1"), f.env.Login("manager1")
		sku := f.skus[0]
		plan := func(pct, value string) map[string]any {
			return map[string]any{"scope": "cycle", "department_code": "produce", "skus": []string{sku}, "blind": false,
				"zones": []string{"销售区"}, "tolerance_pct": pct, "tolerance_value": value}
		}
		for _, c := range []struct{ field, pct, value string }{
			{"tolerance_pct", "1000.01", "200.00"},
			{"tolerance_value", "5.00", "10000000000.00"},
		} {
			if r := super1.Do("POST", f.base+"/stocktakes", plan(c.pct, c.value)); r.Status != http.StatusBadRequest || r.Fields()[c.field] == "" {
				t.Errorf("%s over its limit: %d %s", c.field, r.Status, r.Body)
			}
		}
		st := f.plan(t, super1, plan("1000.00", "9999999999.99"))
		var got struct {
			TolerancePct   string `json:"tolerance_pct"`
			ToleranceValue string `json:"tolerance_value"`
		}
		testutil.Must(t, super1, "GET", st, nil, http.StatusOK).JSON(t, &got)
		if got.TolerancePct != "1000.00" || got.ToleranceValue != "9999999999.99" {
			t.Errorf("tolerances read back as %+v", got)
		}
		testutil.Must(t, super1, "POST", st+"/start", map[string]any{}, http.StatusOK)

		const atLimit, overLimit = "99999999999.999", "100000000000.000"
		r := super1.Do("POST", st+"/counts", sheet("销售区", map[string]string{sku: overLimit}))
		if r.Status != http.StatusBadRequest || r.Fields()["lines[0].qty"] == "" {
			t.Errorf("count over the limit: %d %s", r.Status, r.Body)
		}
		twice := map[string]any{"zone": "销售区", "lines": []map[string]any{{"sku": sku, "qty": "50000000000"}, {"sku": sku, "qty": "50000000000"}}}
		if r := super1.Do("POST", st+"/counts", twice); r.Status != http.StatusBadRequest || r.Fields()["lines[1].qty"] == "" {
			t.Errorf("one SKU's lines adding up over the limit: %d %s", r.Status, r.Body)
		}
		testutil.Must(t, super1, "POST", st+"/counts", sheet("销售区", map[string]string{sku: atLimit}), http.StatusCreated)

		// Far over the value tolerance: a different counter confirms it, then it is posted.
		super2, _ := f.addSupervisor(t, "super5")
		recount := sheet("销售区", map[string]string{sku: atLimit})
		recount["recount"] = true
		testutil.Must(t, super2, "POST", st+"/counts", recount, http.StatusCreated)
		testutil.Must(t, super1, "POST", st+"/submit", map[string]any{}, http.StatusOK)
		testutil.Must(t, manager, "POST", st+"/approve", map[string]any{}, http.StatusOK)
		if got := f.onHand(t, sku); got != atLimit {
			t.Errorf("on hand after posting the count: %s, want %s", got, atLimit)
		}
		f.checkLedger(t)
	})
}
