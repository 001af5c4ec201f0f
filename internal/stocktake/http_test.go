package stocktake_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// TestBlindCycleCountEndToEnd is the path: a blind cycle count of one category in two
// zones while sales go on, two counters, a recount by a third person, submit, approval, and
// on-hand = counted + sales since the freeze.
func TestBlindCycleCountEndToEnd(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		super3, _ := f.addSupervisor(t, "super3")
		manager := f.env.Login("manager1")
		st := f.plan(t, super1, map[string]any{"scope": "cycle", "department_code": "produce",
			"categories": []string{leafy}, "blind": true, "zones": []string{"冷库", "销售区"}})
		testutil.Must(t, super1, "POST", st+"/start", map[string]any{}, http.StatusOK)

		// Selling goes on while counting: 2 of the first SKU leave after the freeze.
		s0, s9 := f.skus[0], f.skus[9]
		testutil.Must(t, manager, "POST", f.base+"/sales", map[string]any{"lines": []map[string]any{
			{"business_date": "2026-11-02", "sku": s0, "qty": "2", "net_sales": "9.00", "cost": "6.00"}}}, http.StatusOK)

		cold := map[string]string{s0: "4"}
		for _, sku := range f.skus[1:8] {
			cold[sku] = "10"
		}
		super1.Headers = map[string]string{"Idempotency-Key": "cold-1"}
		first := testutil.Must(t, super1, "POST", st+"/counts", sheet("冷库", cold), http.StatusCreated)
		resend := testutil.Must(t, super1, "POST", st+"/counts", sheet("冷库", cold), http.StatusOK)
		if !strings.Contains(string(resend.Body), `"replayed":true`) || !strings.Contains(string(first.Body), `"replayed":false`) {
			t.Fatalf("resend: %s then %s", first.Body, resend.Body)
		}
		super1.Headers = nil

		floor := map[string]string{s0: "6"}
		for _, sku := range f.skus[8:] {
			floor[sku] = "99" // a slip, corrected by the counter's second sheet below
		}
		testutil.Must(t, super3, "POST", st+"/counts", sheet("销售区", floor), http.StatusCreated)
		for _, sku := range f.skus[8:] {
			floor[sku] = "10"
		}
		floor[s9] = "5"
		res := testutil.Must(t, super3, "POST", st+"/counts", sheet("销售区", floor), http.StatusOK)
		if !strings.Contains(string(res.Body), `"replaced":true`) {
			t.Fatalf("second sheet of the same zone did not replace the first: %s", res.Body)
		}

		// Blind: the counters never see book quantities.
		if r := super1.Do("GET", st+"/variance", nil); r.Status != http.StatusForbidden || r.ErrorCode() != "blind_stocktake" {
			t.Fatalf("variance as counter: %d %s", r.Status, r.Body)
		}
		detail := testutil.Must(t, super1, "GET", st, nil, http.StatusOK)
		if strings.Contains(string(detail.Body), "book_qty") || strings.Contains(string(detail.Body), "10.000") {
			t.Fatalf("detail leaks book quantities to a counter: %s", detail.Body)
		}
		sheetHTML := testutil.Must(t, super1, "GET", st+"/sheet?zone=冷库", nil, http.StatusOK)
		if strings.Contains(string(sheetHTML.Body), "10.000") || strings.Contains(string(sheetHTML.Body), "账面") {
			t.Fatalf("blind sheet shows book quantities")
		}
		var d stocktakeJSON
		detail.JSON(t, &d)
		if d.Summary.NeedsRecount != 1 || d.Summary.NeedsRecountSKUs[0] != s9 || d.Summary.Uncounted != 0 {
			t.Fatalf("summary: %+v", d.Summary)
		}
		if r := super1.Do("POST", st+"/submit", map[string]any{}); r.Status != http.StatusUnprocessableEntity || r.ErrorCode() != "recount_open" {
			t.Fatalf("submit with open recount: %d %s", r.Status, r.Body)
		}

		recount := sheet("销售区", map[string]string{s9: "9.5"})
		recount["recount"] = true
		if r := super3.Do("POST", st+"/counts", recount); r.Status != http.StatusUnprocessableEntity || r.ErrorCode() != "same_counter" {
			t.Fatalf("recount by the first counter: %d %s", r.Status, r.Body)
		}
		testutil.Must(t, super1, "POST", st+"/counts", recount, http.StatusCreated)
		testutil.Must(t, super1, "POST", st+"/submit", map[string]any{}, http.StatusOK)
		if r := super1.Do("POST", st+"/counts", sheet("冷库", cold)); r.Status != http.StatusConflict || r.ErrorCode() != "wrong_state" {
			t.Fatalf("count after submit: %d %s", r.Status, r.Body)
		}
		testutil.Must(t, super1, "POST", st+"/approve", map[string]any{}, http.StatusForbidden)
		testutil.Must(t, manager, "POST", st+"/approve", map[string]any{}, http.StatusOK)
		if r := manager.Do("POST", st+"/approve", map[string]any{}); r.Status != http.StatusConflict {
			t.Fatalf("second approval: %d %s", r.Status, r.Body)
		}
		// Each step announced itself once, in its own transaction; refused steps wrote nothing.
		var topics []string
		f.env.DB.Table("outbox_messages").Where("store_id = ?", f.storeID).Order("id").Pluck("topic", &topics)
		if strings.Join(topics, ",") != "stocktake.submitted,stocktake.approved" {
			t.Errorf("notifications %v, want one submitted and one approved", topics)
		}

		// on-hand = counted + movements since the freeze.
		if got := f.onHand(t, s0); got != "8.000" {
			t.Errorf("%s on hand %s, want 10 counted − 2 sold = 8.000", s0, got)
		}
		if got := f.onHand(t, s9); got != "9.500" {
			t.Errorf("%s on hand %s, want the recount 9.500", s9, got)
		}
		if got := f.onHand(t, f.skus[1]); got != "10.000" {
			t.Errorf("%s on hand %s, want 10.000", f.skus[1], got)
		}
		if n := f.movements(t, "stocktake_adjustment"); n != 1 {
			t.Errorf("%d adjustments posted, want 1", n)
		}
		f.checkLedger(t)

		var acc struct {
			Items []struct {
				Accuracy string `json:"accuracy"`
			} `json:"items"`
		}
		testutil.Must(t, manager, "GET", f.base+"/stocktakes/accuracy?department_code=produce", nil, http.StatusOK).JSON(t, &acc)
		if len(acc.Items) != 1 || acc.Items[0].Accuracy >= "1.0000" || acc.Items[0].Accuracy < "0.9" {
			t.Errorf("accuracy: %+v", acc.Items)
		}
		from, _ := civil.Parse("2026-11-01")
		shrink, err := f.env.App.Stocktake.ShrinkByDay(context.Background(), []int64{f.storeID}, from, from.AddDays(30))
		if err != nil || len(shrink) != 1 || shrink[0].Value <= 0 {
			t.Errorf("shrink: %+v %v", shrink, err)
		}
		// The loss reaches the KPI cockpit's shrink line.
		var kpis struct {
			Total struct {
				Shrink struct {
					Actual string `json:"actual"`
				} `json:"shrink"`
			} `json:"total"`
		}
		testutil.Must(t, manager, "GET", f.base+"/kpis?from=2026-11-01&to=2026-11-02", nil, http.StatusOK).JSON(t, &kpis)
		if want := shrink[0].Value.String(); kpis.Total.Shrink.Actual != want {
			t.Errorf("KPI shrink %q, want the stocktake loss %s", kpis.Total.Shrink.Actual, want)
		}
	})
}
