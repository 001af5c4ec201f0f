package ordering_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// fixture is the demo chain where sh-pudong's leafy greens (叶菜) sold 8 weeks with a
// weekday pattern (Saturdays twice the rest), with the forecasts fitted on it; today is the
// test clock's 2026-11-02 (a Monday).
type fixture struct {
	env     *testutil.Env
	storeID int64
	base    string
	today   civil.Date
	skus    []string
	refs    map[string]catalog.Ref
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	f := &fixture{env: env, refs: map[string]catalog.Ref{}}
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &f.storeID)
	f.base = fmt.Sprintf("/api/v1/stores/%d", f.storeID)
	f.today = civil.Of(env.Clock.Now())
	refs, err := env.App.Catalog.FindRefs(context.Background(), catalog.Filter{DepartmentCode: "produce", Category: "叶菜"})
	if err != nil || len(refs) < 5 {
		t.Fatalf("leafy greens: %d %v", len(refs), err)
	}
	var sales, receipts []map[string]any
	for _, r := range refs[:5] {
		f.skus = append(f.skus, r.SKU)
		f.refs[r.SKU] = r
		receipts = append(receipts, map[string]any{"business_date": f.today.AddDays(-57).String(), "sku": r.SKU,
			"qty": "645", "cost": "645.00"}) // 640 sell: 5 left
		for d := f.today.AddDays(-56); d < f.today; d++ {
			qty := "10"
			if d.Weekday() == 6 {
				qty = "20"
			}
			sales = append(sales, map[string]any{"business_date": d.String(), "sku": r.SKU, "qty": qty,
				"net_sales": "30.00", "cost": "20.00"})
		}
	}
	testutil.Must(t, env.Login("manager1"), "POST", f.base+"/receipts", map[string]any{"lines": receipts}, http.StatusOK)
	testutil.Must(t, env.Login("manager1"), "POST", f.base+"/sales", map[string]any{"lines": sales}, http.StatusOK)
	fitted, _, err := env.App.Ordering.UpdateForecasts(context.Background(), f.storeID, f.today)
	if err != nil || fitted != len(f.skus) {
		t.Fatalf("fitted %d forecasts, want %d: %v", fitted, len(f.skus), err)
	}
	return f
}

type plan struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	Version        int      `json:"version"`
	OrderedLines   int      `json:"ordered_lines"`
	ExceptionCount int      `json:"exception_count"`
	RejectReason   string   `json:"reject_reason"`
	AllowedActions []string `json:"allowed_actions"`
	Claims         []struct {
		SKU        string `json:"sku"`
		RefusedQty string `json:"refused_qty"`
	} `json:"claims"`
}

type line struct {
	SKU          string   `json:"sku"`
	SuggestedQty string   `json:"suggested_qty"`
	OrderedQty   string   `json:"ordered_qty"`
	ForecastQty  string   `json:"forecast_qty"`
	CasePack     string   `json:"case_pack"`
	Flags        []string `json:"flags"`
	Version      int      `json:"version"`
	Explanation  struct {
		Method   string `json:"method"`
		Forecast string `json:"forecast"`
		Days     []struct {
			Weekday float64 `json:"weekday"`
		} `json:"days"`
	} `json:"explanation"`
	History []struct {
		Qty string `json:"qty"`
	} `json:"history"`
}

func (f *fixture) create(t *testing.T, who, dept string, delivery civil.Date, want int) plan {
	t.Helper()
	res := testutil.Must(t, f.env.Login(who), "POST", f.base+"/order-plans",
		map[string]any{"department_code": dept, "delivery_date": delivery.String()}, want)
	var p plan
	if want == http.StatusCreated {
		res.JSON(t, &p)
	}
	return p
}

func (f *fixture) line(t *testing.T, who string, id int64, sku string) line {
	t.Helper()
	var l line
	testutil.Must(t, f.env.Login(who), "GET", fmt.Sprintf("/api/v1/order-plans/%d/lines/%s", id, sku), nil, http.StatusOK).JSON(t, &l)
	return l
}

func TestPlanFromSuggestionToStock(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		tomorrow := f.today.AddDays(1)
		p := f.create(t, "super1", "produce", tomorrow, http.StatusCreated)
		if p.Status != "draft" || !slices.Contains(p.AllowedActions, "submit") {
			t.Fatalf("new plan: %+v", p)
		}
		f.create(t, "super1", "produce", tomorrow, http.StatusConflict) // one per day
		f.create(t, "super1", "produce", f.today.AddDays(-1), http.StatusBadRequest)
		f.create(t, "super1", "deli", tomorrow, http.StatusNotFound) // not super1's department

		sku := f.skus[0]
		l := f.line(t, "super1", p.ID, sku)
		// 10 a day, 20 on Saturdays: the forecast of a Tuesday is near 10 and explained.
		if l.Explanation.Method != "damped_trend" || len(l.Explanation.Days) != 1 || len(l.History) != 28 {
			t.Fatalf("explanation: %+v", l)
		}
		if fc := q(t, l.ForecastQty); fc < 8 || fc > 12 {
			t.Fatalf("forecast of a plain day %s, want about 10", l.ForecastQty)
		}

		// 50 % more than suggested needs a reason; whole cases only; stale versions are refused.
		c := f.env.Login("super1")
		path := fmt.Sprintf("/api/v1/order-plans/%d/lines/%s", p.ID, sku)
		more := q(t, l.SuggestedQty)*1.5 + q(t, l.CasePack)
		more -= mod(more, q(t, l.CasePack))
		res := testutil.Must(t, c, "PATCH", path, map[string]any{"ordered_qty": fmt.Sprint(more), "version": l.Version},
			http.StatusUnprocessableEntity)
		if res.ErrorCode() != "deviation_reason_required" {
			t.Fatalf("50 %% more: %s", res.Body)
		}
		if res := testutil.Must(t, c, "PATCH", path, map[string]any{"ordered_qty": "-1", "version": l.Version},
			http.StatusBadRequest); res.Fields()["ordered_qty"] == "" {
			t.Fatalf("negative: %s", res.Body)
		}
		var edited line
		testutil.Must(t, c, "PATCH", path, map[string]any{"ordered_qty": fmt.Sprint(more), "deviation_reason": "周末团购",
			"version": l.Version}, http.StatusOK).JSON(t, &edited)
		if q(t, edited.OrderedQty) != more || edited.Version != l.Version+1 {
			t.Fatalf("edited line: %+v", edited)
		}
		testutil.Must(t, c, "PATCH", path, map[string]any{"ordered_qty": "0", "deviation_reason": "x", "version": l.Version},
			http.StatusConflict)

		// Submit; the supervisor may not approve their own plan; the manager approves.
		var got plan
		testutil.Must(t, f.env.Login("admin"), "GET", fmt.Sprintf("/api/v1/order-plans/%d", p.ID), nil, http.StatusOK).JSON(t, &got)
		testutil.Must(t, c, "POST", fmt.Sprintf("/api/v1/order-plans/%d/submit", p.ID), map[string]any{"version": got.Version},
			http.StatusOK).JSON(t, &got)
		if got.Status != "submitted" || slices.Contains(got.AllowedActions, "approve") {
			t.Fatalf("submitted, as super1: %+v", got)
		}
		res = testutil.Must(t, c, "POST", fmt.Sprintf("/api/v1/order-plans/%d/approve", p.ID), map[string]any{"version": got.Version},
			http.StatusForbidden)
		m := f.env.Login("manager1")
		testutil.Must(t, m, "POST", fmt.Sprintf("/api/v1/order-plans/%d/reject", p.ID), map[string]any{"version": got.Version,
			"reason": "少订一点"}, http.StatusOK).JSON(t, &got)
		if got.Status != "draft" || got.RejectReason != "少订一点" {
			t.Fatalf("rejected: %+v", got)
		}
		testutil.Must(t, c, "POST", fmt.Sprintf("/api/v1/order-plans/%d/submit", p.ID), map[string]any{"version": got.Version},
			http.StatusOK).JSON(t, &got)
		testutil.Must(t, m, "POST", fmt.Sprintf("/api/v1/order-plans/%d/approve", p.ID), map[string]any{"version": got.Version},
			http.StatusOK).JSON(t, &got)
		if got.Status != "approved" || !slices.Contains(got.AllowedActions, "receive") {
			t.Fatalf("approved: %+v", got)
		}

		// Receiving: 3× over needs confirmation; a refusal needs its reason; then stock moves.
		rpath := fmt.Sprintf("/api/v1/order-plans/%d/receive", p.ID)
		huge := fmt.Sprint(more*3 + 1)
		res = testutil.Must(t, c, "POST", rpath, map[string]any{"version": got.Version,
			"lines": []map[string]any{{"sku": sku, "received_qty": huge}}}, http.StatusUnprocessableEntity)
		if res.ErrorCode() != "over_receipt" {
			t.Fatalf("over-receipt: %s", res.Body)
		}
		res = testutil.Must(t, c, "POST", rpath, map[string]any{"version": got.Version,
			"lines": []map[string]any{{"sku": sku, "received_qty": "1", "refused_qty": "2"}}}, http.StatusBadRequest)
		if res.Fields()["lines[0].refuse_reason"] == "" {
			t.Fatalf("refusal without reason: %s", res.Body)
		}
		before := f.onHand(t, sku)
		testutil.Must(t, c, "POST", rpath, map[string]any{"version": got.Version, "lines": []map[string]any{
			{"sku": sku, "received_qty": fmt.Sprint(more - q(t, l.CasePack)), "refused_qty": l.CasePack, "refuse_reason": "叶子发黄"}}},
			http.StatusOK).JSON(t, &got)
		if got.Status != "received" || len(got.Claims) != 1 || got.Claims[0].SKU != sku {
			t.Fatalf("received: %+v", got)
		}
		if after := f.onHand(t, sku); after-before != more-q(t, l.CasePack) {
			t.Fatalf("on hand %v → %v, want +%v", before, after, more-q(t, l.CasePack))
		}
		// The lines left out arrived as ordered.
		other := f.line(t, "super1", p.ID, f.skus[1])
		if d := f.onHand(t, f.skus[1]); q(t, other.OrderedQty) > 0 && d <= 0 {
			t.Fatalf("%s ordered %s but not received", f.skus[1], other.OrderedQty)
		}
		// Export for the supplier.
		res = testutil.Must(t, c, "GET", fmt.Sprintf("/api/v1/order-plans/%d/export?format=csv&lang=en", p.ID), nil, http.StatusOK)
		if !contains(res.Body, sku) || !contains(res.Body, "Refused qty") {
			t.Fatalf("export: %s", res.Body)
		}
	})
}

func TestPlanRefusals(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.env.Login("super1")
		// Seafood has no sales in this test: every suggestion is 0, an empty plan.
		p := f.create(t, "super1", "seafood", f.today.AddDays(1), http.StatusCreated)
		res := testutil.Must(t, c, "POST", fmt.Sprintf("/api/v1/order-plans/%d/submit", p.ID), map[string]any{"version": p.Version},
			http.StatusUnprocessableEntity)
		if res.ErrorCode() != "empty_plan" {
			t.Fatalf("empty plan: %s", res.Body)
		}
		// A product discontinued after the plan was made cannot be submitted.
		p = f.create(t, "super1", "produce", f.today.AddDays(2), http.StatusCreated)
		sku := f.skus[0]
		if l := f.line(t, "super1", p.ID, sku); q(t, l.OrderedQty) <= 0 {
			t.Fatalf("%s suggests nothing: %+v", sku, l)
		}
		var prod struct {
			Version int `json:"version"`
		}
		a := f.env.Login("admin")
		testutil.Must(t, a, "GET", "/api/v1/products/"+sku, nil, http.StatusOK).JSON(t, &prod)
		testutil.Must(t, a, "PATCH", "/api/v1/products/"+sku, map[string]any{"active": false, "version": prod.Version}, http.StatusOK)
		res = testutil.Must(t, c, "POST", fmt.Sprintf("/api/v1/order-plans/%d/submit", p.ID), map[string]any{"version": p.Version},
			http.StatusUnprocessableEntity)
		if res.ErrorCode() != "discontinued" || !contains(res.Body, sku) {
			t.Fatalf("discontinued: %s", res.Body)
		}
		// Other stores' plans do not exist for super1; a draft can be discarded.
		testutil.Must(t, f.env.Login("super2"), "GET", fmt.Sprintf("/api/v1/order-plans/%d", p.ID), nil, http.StatusNotFound)
		testutil.Must(t, c, "DELETE", fmt.Sprintf("/api/v1/order-plans/%d?version=%d", p.ID, p.Version+1), nil, http.StatusConflict)
		testutil.Must(t, c, "DELETE", fmt.Sprintf("/api/v1/order-plans/%d?version=%d", p.ID, p.Version), nil, http.StatusNoContent)
		testutil.Must(t, c, "GET", fmt.Sprintf("/api/v1/order-plans/%d", p.ID), nil, http.StatusNotFound)
		// A delivery on a day the department takes none.
		testutil.Must(t, a, "PUT", "/api/v1/order-settings/dry", map[string]any{"delivery_weekdays": "135",
			"service_level": "95.00", "version": 0}, http.StatusOK)
		res = f.env.Login("manager1").Do("POST", f.base+"/order-plans", map[string]any{"department_code": "dry",
			"delivery_date": f.today.AddDays(1).String()}) // a Tuesday
		if res.Status != http.StatusBadRequest || res.Fields()["delivery_date"] == "" {
			t.Fatalf("Tuesday delivery of dry goods: %d %s", res.Status, res.Body)
		}
	})
}

func TestColdChainAndAccuracy(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		a, m, c := f.env.Login("admin"), f.env.Login("manager1"), f.env.Login("super1")
		testutil.Must(t, a, "PUT", "/api/v1/order-settings/produce", map[string]any{"delivery_weekdays": "0123456",
			"service_level": "95.00", "max_delivery_temp": "8.0", "version": 0}, http.StatusOK)
		p := f.create(t, "super1", "produce", f.today.AddDays(1), http.StatusCreated)
		var got plan
		testutil.Must(t, c, "POST", fmt.Sprintf("/api/v1/order-plans/%d/submit", p.ID), map[string]any{"version": p.Version},
			http.StatusOK).JSON(t, &got)
		testutil.Must(t, m, "POST", fmt.Sprintf("/api/v1/order-plans/%d/approve", p.ID), map[string]any{"version": got.Version},
			http.StatusOK).JSON(t, &got)
		rpath := fmt.Sprintf("/api/v1/order-plans/%d/receive", p.ID)
		if res := testutil.Must(t, c, "POST", rpath, map[string]any{"version": got.Version}, http.StatusBadRequest); res.Fields()["delivery_temp"] == "" {
			t.Fatalf("no temperature: %s", res.Body)
		}
		res := testutil.Must(t, c, "POST", rpath, map[string]any{"version": got.Version, "delivery_temp": "12.5"},
			http.StatusUnprocessableEntity)
		if res.ErrorCode() != "temperature_out_of_range" {
			t.Fatalf("warm delivery: %s", res.Body)
		}
		testutil.Must(t, c, "POST", rpath, map[string]any{"version": got.Version, "delivery_temp": "6.5"}, http.StatusOK)

		// Two days on, the delivery's day has sold: the report compares it with the forecast.
		f.env.Clock.Advance(48 * time.Hour)
		m, c = f.env.Login("manager1"), f.env.Login("super1")
		var sales []map[string]any
		for _, sku := range f.skus {
			sales = append(sales, map[string]any{"business_date": f.today.AddDays(1).String(), "sku": sku, "qty": "12",
				"net_sales": "36.00", "cost": "24.00"})
		}
		testutil.Must(t, m, "POST", f.base+"/sales", map[string]any{"lines": sales}, http.StatusOK)
		var rep struct {
			Departments []struct {
				DepartmentCode string  `json:"department_code"`
				Actual         string  `json:"actual"`
				WAPE           *string `json:"wape"`
				Lines          int     `json:"lines"`
			} `json:"departments"`
			ByWeek []struct {
				WeekStart string `json:"week_start"`
			} `json:"by_week"`
		}
		testutil.Must(t, c, "GET", f.base+"/forecast-accuracy?weeks=2", nil, http.StatusOK).JSON(t, &rep)
		if len(rep.Departments) != 1 || rep.Departments[0].DepartmentCode != "produce" || rep.Departments[0].WAPE == nil ||
			len(rep.ByWeek) != 1 || rep.ByWeek[0].WeekStart != f.today.String() {
			t.Fatalf("accuracy: %+v", rep)
		}
		if act := q(t, rep.Departments[0].Actual); act != 12*float64(len(f.skus)) {
			t.Fatalf("actual %s, want %d", rep.Departments[0].Actual, 12*len(f.skus))
		}
		testutil.Must(t, c, "GET", f.base+"/forecast-accuracy?weeks=27", nil, http.StatusBadRequest)
	})
}

func (f *fixture) onHand(t *testing.T, sku string) float64 {
	t.Helper()
	oh, err := f.env.App.Inventory.OnHand(context.Background(), f.storeID, []int64{f.refs[sku].ID})
	if err != nil {
		t.Fatal(err)
	}
	return float64(oh[f.refs[sku].ID]) / 1000
}

func q(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

func mod(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a - b*float64(int64(a/b))
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }

func TestTodayInboxWarnsBeforeTheCutoff(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		type today struct {
			Items []struct {
				Kind     string            `json:"kind"`
				Priority string            `json:"priority"`
				DueAt    *string           `json:"due_at"`
				Link     string            `json:"link"`
				Params   map[string]string `json:"params"`
			} `json:"items"`
			Badges map[string]int `json:"badges"`
		}
		kinds := func(who string) (map[string]string, today) {
			var td today
			testutil.Must(t, f.env.Login(who), "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &td)
			out := map[string]string{}
			for _, e := range td.Items {
				if strings.HasPrefix(e.Kind, "order_plan.") {
					out[e.Kind+" "+e.Params["department_code"]] = e.Priority
				}
			}
			return out, td
		}
		// 16:00 in Shanghai. super1 runs produce, meat and seafood, whose suppliers take
		// tomorrow's orders until 10:00, 14:00 and 09:00 today: too late, no entry. super2's
		// bakery orders until 20:00: 4 hours on, normal; from 17:00 on, high.
		got, _ := kinds("super1")
		if len(got) != 0 {
			t.Fatalf("super1 after every cut-off: %v", got)
		}
		got, _ = kinds("super2") // deli and bakery of gz-tianhe: central bakery until 20:00
		if got["order_plan.create bakery"] != "normal" {
			t.Fatalf("super2 at 16:00 for the 20:00 cut-off: %v", got)
		}
		f.env.Clock.Advance(90 * time.Minute) // 17:30: within 3 hours
		if got, _ = kinds("super2"); got["order_plan.create bakery"] != "high" {
			t.Fatalf("super2 at 17:30: %v", got)
		}
		// A draft waits to be submitted; once submitted the manager is asked to approve it.
		p := f.create(t, "super1", "produce", f.today.AddDays(2), http.StatusCreated)
		got, td := kinds("super1")
		if _, ok := got["order_plan.submit produce"]; !ok || td.Badges["ordering"] != 1 {
			t.Fatalf("super1 with a draft: %v %v", got, td.Badges)
		}
		var sub plan
		testutil.Must(t, f.env.Login("super1"), "GET", fmt.Sprintf("/api/v1/order-plans/%d", p.ID), nil, http.StatusOK).JSON(t, &sub)
		if sub.OrderedLines == 0 {
			t.Fatalf("the plan orders nothing: %+v", sub)
		}
		testutil.Must(t, f.env.Login("super1"), "POST", fmt.Sprintf("/api/v1/order-plans/%d/submit", p.ID),
			map[string]any{"version": sub.Version}, http.StatusOK)
		if got, _ = kinds("manager1"); got["order_plan.approve produce"] != "high" {
			t.Fatalf("manager1 with a submitted plan: %v", got)
		}
		if got, _ = kinds("super1"); len(got) != 0 {
			t.Fatalf("super1 after submitting: %v", got)
		}
	})
}

func TestReplayMakesTheDemoHistoryOfPlans(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		made, err := f.env.App.Ordering.Replay(ctx, authz.System("test"), f.storeID, []string{"produce"}, f.today, 14)
		if err != nil || made != 14 {
			t.Fatalf("replayed %d plans: %v", made, err)
		}
		if again, err := f.env.App.Ordering.Replay(ctx, authz.System("test"), f.storeID, []string{"produce"}, f.today, 14); err != nil || again != 0 {
			t.Fatalf("a second replay made %d: %v", again, err)
		}
		var rep struct {
			Departments []struct {
				WAPE  *string `json:"wape"`
				Lines int     `json:"lines"`
			} `json:"departments"`
			ByWeek []struct{} `json:"by_week"`
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", f.base+"/forecast-accuracy?weeks=2", nil, http.StatusOK).JSON(t, &rep)
		// 10 a day and 20 on Saturdays, learned: the forecasts of the replayed days are close.
		if len(rep.Departments) != 1 || rep.Departments[0].WAPE == nil || q(t, *rep.Departments[0].WAPE) > 15 || len(rep.ByWeek) < 2 {
			t.Fatalf("accuracy of the replayed plans: %+v", rep)
		}
	})
}
