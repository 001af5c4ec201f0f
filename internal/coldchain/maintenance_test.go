package coldchain_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/storeops/storeops/internal/coldchain"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

func (f *fixture) repairs(t *testing.T) string {
	t.Helper()
	var body struct {
		Total struct {
			Repairs struct {
				Actual *string `json:"actual"`
			} `json:"repairs"`
		} `json:"total"`
	}
	testutil.Must(t, f.env.Login("manager1"), "GET", f.pudong+"/kpis?from=2026-11-01&to=2026-11-02", nil, http.StatusOK).JSON(t, &body)
	if body.Total.Repairs.Actual == nil {
		return "0.00"
	}
	return *body.Total.Repairs.Actual
}

// TestRepairCostIsPostedOnce: a repair's cost reaches the KPI repairs line exactly once, even
// when the request or the post is retried; a cost that comes through the ERP is not posted.
func TestRepairCostIsPostedOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		eq := f.coldRoom(t, f.pudong, "produce")
		before, _ := fixed.ParseMoney(f.repairs(t))
		path := fmt.Sprintf("/api/v1/equipment/%d/maintenance", eq.ID)
		keyed := f.env.Login("manager1").With("Idempotency-Key", "repair-1")
		body := map[string]any{"kind": "repair", "date": "2026-11-01", "vendor": "冷链维修", "cost": "680.00"}
		var m struct {
			ID            int64 `json:"id"`
			ExpensePosted bool  `json:"expense_posted"`
		}
		testutil.Must(t, keyed, "POST", path, body, http.StatusCreated).JSON(t, &m)
		testutil.Must(t, keyed, "POST", path, body, http.StatusCreated)
		if !m.ExpensePosted {
			t.Error("the repair's cost is marked posted")
		}
		var store int64
		f.env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &store)
		posted, err := f.env.App.Feeds.PostExpense(context.Background(), f.env.DB, feeds.Expense{StoreID: store,
			Date: mustDate(t, "2026-11-01"), DepartmentCode: "produce", Category: "repairs",
			Amount: fixed.MoneyOf(680), Source: coldchain.ExpenseSource, SourceRef: strconv.FormatInt(m.ID, 10)})
		if err != nil || posted {
			t.Errorf("a second post adds nothing: posted %v, %v", posted, err)
		}
		testutil.Must(t, f.env.Login("manager1"), "POST", path, map[string]any{"kind": "repair", "date": "2026-11-01",
			"cost": "200.00", "cost_via_erp": true}, http.StatusCreated).JSON(t, &m)
		if m.ExpensePosted {
			t.Error("a cost through the ERP is not posted")
		}
		after, _ := fixed.ParseMoney(f.repairs(t))
		if after-before != fixed.MoneyOf(680) {
			t.Errorf("KPI repairs grew by %s, want 680.00", after-before)
		}
		var list struct {
			Total int `json:"total"`
		}
		testutil.Must(t, f.env.Login("hq1"), "GET", path, nil, http.StatusOK).JSON(t, &list)
		if list.Total != 2 {
			t.Errorf("%d records, want 2 (the retried request replayed)", list.Total)
		}
		res := f.env.Login("manager1").Do("POST", path, map[string]any{"kind": "repair", "date": "2027-01-01", "cost": "-1"})
		if res.Status != http.StatusBadRequest || res.Fields()["date"] == "" || res.Fields()["cost"] == "" {
			t.Errorf("bad record: %d %s", res.Status, res.Body)
		}
	})
}

func mustDate(t *testing.T, s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
