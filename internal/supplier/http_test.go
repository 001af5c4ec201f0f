package supplier_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

type supplierJSON struct {
	ID           int64  `json:"id"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	LeadTimeDays int    `json:"lead_time_days"`
	OrderCutoff  string `json:"order_cutoff"`
	Contact      string `json:"contact"`
	Active       bool   `json:"active"`
	Version      int    `json:"version"`
}

type listJSON struct {
	Items []supplierJSON `json:"items"`
	Total int64          `json:"total"`
}

func TestTheDemoHasFiveSuppliers(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		var got listJSON
		testutil.Must(t, env.Login("super1"), "GET", "/api/v1/suppliers?sort=-lead_time_days", nil, http.StatusOK).JSON(t, &got)
		if got.Total != 5 || got.Items[0].Code != "dry-goods" || got.Items[0].LeadTimeDays != 3 || got.Items[0].OrderCutoff != "16:00" {
			t.Fatalf("demo suppliers: %+v", got)
		}
		var found listJSON
		testutil.Must(t, env.Login("hq1"), "GET", "/api/v1/suppliers?q=面包&active=true", nil, http.StatusOK).JSON(t, &found)
		if found.Total != 1 || found.Items[0].Code != "central-bakery" {
			t.Fatalf("q=面包: %+v", found)
		}
		// Every demo product has its department's supplier and a minimum order of one case.
		var loose, uneven int64
		env.DB.Table("products").Where("supplier_id IS NULL").Count(&loose)
		env.DB.Table("products").Where("min_order_qty <> case_pack").Count(&uneven)
		var bakery []string
		env.DB.Table("products").Joins("JOIN suppliers ON suppliers.id = products.supplier_id").
			Where("products.department_code = ?", "bakery").Distinct().Pluck("suppliers.code", &bakery)
		if loose != 0 || uneven != 0 || fmt.Sprint(bakery) != "[central-bakery]" {
			t.Fatalf("demo products: %d without a supplier, %d with another minimum, bakery from %v", loose, uneven, bakery)
		}
	})
}

func TestAdminsKeepSuppliers(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		body := map[string]any{"code": "egg-farm", "name": "蛋品合作社", "lead_time_days": 1, "order_cutoff": "11:00", "contact": "021-5888 1010"}
		var s supplierJSON
		testutil.Must(t, admin, "POST", "/api/v1/suppliers", body, http.StatusCreated).JSON(t, &s)
		if s.Version != 1 || !s.Active || s.OrderCutoff != "11:00" || s.Contact != "021-5888 1010" {
			t.Fatalf("created: %+v", s)
		}
		if r := admin.Do("POST", "/api/v1/suppliers", body); r.Status != http.StatusConflict || r.ErrorCode() != "duplicate" {
			t.Fatalf("same code: %d %s", r.Status, r.Body)
		}
		path := fmt.Sprintf("/api/v1/suppliers/%d", s.ID)
		var changed supplierJSON
		testutil.Must(t, admin, "PATCH", path, map[string]any{"active": false, "order_cutoff": "10:30", "version": 1}, http.StatusOK).JSON(t, &changed)
		if changed.Active || changed.OrderCutoff != "10:30" || changed.Version != 2 || changed.Name != "蛋品合作社" {
			t.Fatalf("changed: %+v", changed)
		}
		if r := admin.Do("PATCH", path, map[string]any{"contact": "x", "version": 1}); r.Status != http.StatusConflict || r.ErrorCode() != "stale_version" {
			t.Fatalf("stale change: %d %s", r.Status, r.Body)
		}
		if r := admin.Do("PATCH", path, map[string]any{"code": "farm-base", "version": 2}); r.Status != http.StatusConflict || r.ErrorCode() != "duplicate" {
			t.Fatalf("taking another's code: %d %s", r.Status, r.Body)
		}
		var inactive listJSON
		testutil.Must(t, env.Login("super1"), "GET", "/api/v1/suppliers?active=false", nil, http.StatusOK).JSON(t, &inactive)
		if inactive.Total != 1 || inactive.Items[0].ID != s.ID {
			t.Fatalf("inactive: %+v", inactive)
		}
		testutil.Must(t, env.Login("manager1"), "GET", path, nil, http.StatusOK)
		testutil.Must(t, admin, "GET", "/api/v1/suppliers/999999", nil, http.StatusNotFound)
		var actions []string
		env.DB.Table("audit_log").Where("entity_type = ? AND entity_id = ?", "supplier", fmt.Sprint(s.ID)).Order("id").Pluck("action", &actions)
		if fmt.Sprint(actions) != "[supplier.create supplier.update]" {
			t.Fatalf("audit: %v", actions)
		}
	})
}

func TestSupplierRefusals(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		countRows := func() int64 {
			var n int64
			env.DB.Table("suppliers").Count(&n)
			return n
		}
		before := countRows()
		good := func(edit map[string]any) map[string]any {
			b := map[string]any{"code": "egg-farm", "name": "蛋品合作社", "lead_time_days": 1, "order_cutoff": "11:00"}
			for k, v := range edit {
				b[k] = v
			}
			return b
		}
		admin := env.Login("admin")
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"upper-case code", good(map[string]any{"code": "Egg"}), "code"},
			{"blank name", good(map[string]any{"name": "  "}), "name"},
			{"negative lead time", good(map[string]any{"lead_time_days": -1}), "lead_time_days"},
			{"lead time 61", good(map[string]any{"lead_time_days": 61}), "lead_time_days"},
			{"lead time as text", good(map[string]any{"lead_time_days": "one"}), "lead_time_days"},
			{"cut-off 24:00", good(map[string]any{"order_cutoff": "24:00"}), "order_cutoff"},
			{"cut-off 9:00", good(map[string]any{"order_cutoff": "9:00"}), "order_cutoff"},
			{"no cut-off", map[string]any{"code": "egg-farm", "name": "蛋品合作社", "lead_time_days": 1}, "order_cutoff"},
			{"no lead time", map[string]any{"code": "egg-farm", "name": "蛋品合作社", "order_cutoff": "11:00"}, "lead_time_days"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := admin.Do("POST", "/api/v1/suppliers", tc.body)
				if res.Status != http.StatusBadRequest || res.Fields()[tc.field] == "" {
					t.Fatalf("got %d %s, want 400 naming %s", res.Status, res.Body, tc.field)
				}
			})
		}
		for _, user := range []string{"super1", "manager1", "hq1"} {
			testutil.Must(t, env.Login(user), "POST", "/api/v1/suppliers", good(nil), http.StatusForbidden)
		}
		if r := admin.Do("GET", "/api/v1/suppliers?active=maybe", nil); r.Status != http.StatusBadRequest || r.Fields()["active"] == "" {
			t.Fatalf("bad active: %d %s", r.Status, r.Body)
		}
		if after := countRows(); after != before {
			t.Fatalf("refused requests wrote %d suppliers", after-before)
		}
	})
}
