package stocktake_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// counted plans and starts a non-blind full count of produce, and counts every leafy SKU
// at 10 except the first at 4 (over tolerance), each zone by one counter.
func countedFixture(t *testing.T, dialect string) (*fixture, string) {
	f := newFixture(t, dialect)
	super1 := f.env.Login("super1")
	st := f.plan(t, super1, map[string]any{"scope": "cycle", "department_code": "produce",
		"categories": []string{leafy}, "blind": false, "zones": []string{"销售区"}})
	testutil.Must(t, super1, "POST", st+"/start", map[string]any{}, http.StatusOK)
	qty := map[string]string{}
	for _, sku := range f.skus {
		qty[sku] = "10"
	}
	qty[f.skus[0]] = "4"
	testutil.Must(t, super1, "POST", st+"/counts", sheet("销售区", qty), http.StatusCreated)
	return f, st
}

func TestRefusals(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f, st := countedFixture(t, dialect)
		super1, manager := f.env.Login("super1"), f.env.Login("manager1")

		// Overlap: the leafy greens are already in an open stocktake.
		r := super1.Do("POST", f.base+"/stocktakes", map[string]any{"scope": "full", "department_code": "produce",
			"blind": true, "zones": []string{"冷库"}})
		if r.Status != http.StatusConflict || r.ErrorCode() != "overlap" {
			t.Fatalf("overlapping plan: %d %s", r.Status, r.Body)
		}
		// A SKU outside the scope and a negative count name their line.
		r = super1.Do("POST", st+"/counts", sheet("销售区", map[string]string{"P99999": "1"}))
		if r.Status != http.StatusBadRequest || r.Fields()["lines[0].sku"] == "" {
			t.Fatalf("out-of-scope SKU: %d %s", r.Status, r.Body)
		}
		r = super1.Do("POST", st+"/counts", sheet("销售区", map[string]string{f.skus[1]: "-1"}))
		if r.Status != http.StatusBadRequest || r.Fields()["lines[0].qty"] == "" {
			t.Fatalf("negative count: %d %s", r.Status, r.Body)
		}
		r = super1.Do("POST", st+"/counts", sheet("仓库", map[string]string{f.skus[1]: "1"}))
		if r.Status != http.StatusBadRequest || r.Fields()["zone"] == "" {
			t.Fatalf("unknown zone: %d %s", r.Status, r.Body)
		}
		// CSV sets the sheet: the second upload replaces the first, BOM and all.
		super2, _ := f.addSupervisor(t, "super4")
		super2.Headers = map[string]string{"Content-Type": "text/csv"}
		testutil.Must(t, super2, "POST", st+"/counts?zone=销售区", "\ufeffsku,qty\n"+f.skus[2]+",3\n", http.StatusCreated)
		testutil.Must(t, super2, "POST", st+"/counts?zone=销售区", "sku,qty\n"+f.skus[2]+",0\n", http.StatusOK)
		r = super2.Do("POST", st+"/counts?zone=销售区", []byte("sku,qty\n"+f.skus[2]+",\xc7\xe0\n"))
		if r.Status != http.StatusBadRequest {
			t.Fatalf("GBK sheet: %d %s", r.Status, r.Body)
		}
		var v struct {
			Items []struct {
				SKU        string `json:"sku"`
				CountedQty string `json:"counted_qty"`
			} `json:"items"`
		}
		testutil.Must(t, manager, "GET", st+"/variance?page_size=500", nil, http.StatusOK).JSON(t, &v)
		for _, it := range v.Items {
			if it.SKU == f.skus[2] && it.CountedQty != "10.000" {
				t.Errorf("CSV sheet added instead of setting: counted %s, want 10 + 0", it.CountedQty)
			}
		}
		// Nothing of the above changed stock.
		if n := f.movements(t, "stocktake_adjustment"); n != 0 {
			t.Fatalf("%d adjustments before approval", n)
		}

		// A recount by someone else, then submit; the manager asks for another recount and
		// cannot approve while it is open.
		recount := sheet("销售区", map[string]string{f.skus[0]: "10"})
		recount["recount"] = true
		testutil.Must(t, manager, "POST", st+"/counts", recount, http.StatusCreated)
		testutil.Must(t, super1, "POST", st+"/submit", map[string]any{}, http.StatusOK)
		testutil.Must(t, manager, "POST", st+"/recounts", map[string]any{"skus": []string{f.skus[3]}}, http.StatusOK)
		r = manager.Do("POST", st+"/approve", map[string]any{})
		if r.Status != http.StatusUnprocessableEntity || r.ErrorCode() != "recount_open" {
			t.Fatalf("approve with open recount: %d %s", r.Status, r.Body)
		}
		if !strings.Contains(string(testutil.Must(t, manager, "GET", st, nil, http.StatusOK).Body), `"status":"submitted"`) {
			t.Fatal("refused approval changed the status")
		}
	})
}

// TestParallelApprovalsPostOnce fires approvals at once: exactly one posts.
func TestParallelApprovalsPostOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f, st := countedFixture(t, dialect)
		recount := sheet("销售区", map[string]string{f.skus[0]: "4"})
		recount["recount"] = true
		testutil.Must(t, f.env.Login("manager1"), "POST", st+"/counts", recount, http.StatusCreated)
		testutil.Must(t, f.env.Login("super1"), "POST", st+"/submit", map[string]any{}, http.StatusOK)
		clients := []*testutil.Client{f.env.Login("manager1"), f.env.Login("admin"), f.env.Login("manager1"), f.env.Login("admin")}
		statuses := make([]int, len(clients))
		var wg sync.WaitGroup
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = c.Do("POST", st+"/approve", map[string]any{}).Status
			}()
		}
		wg.Wait()
		ok := 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusConflict:
			default:
				t.Errorf("approval answered %d", s)
			}
		}
		if ok != 1 {
			t.Fatalf("%d approvals succeeded (%v), want 1", ok, statuses)
		}
		if n := f.movements(t, "stocktake_adjustment"); n != 1 {
			t.Fatalf("%d adjustments posted, want 1", n)
		}
		if got := f.onHand(t, f.skus[0]); got != "4.000" {
			t.Fatalf("on hand %s, want 4.000", got)
		}
		f.checkLedger(t)
	})
}
