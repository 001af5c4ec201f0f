package kpi_test

import (
	"fmt"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/testutil"
)

type kpiJSON struct {
	Actual      *string `json:"actual"`
	Budget      *string `json:"budget"`
	Variance    *string `json:"variance"`
	VariancePct *string `json:"variance_pct"`
	Status      *string `json:"status"`
	LastMonth   *string `json:"last_month"`
	LastYear    *string `json:"last_year"`
}

// String shows a KPI compactly: actual/budget/variance/variance_pct/status/last_month/last_year.
func (k kpiJSON) String() string {
	return fmt.Sprintf("%s/%s/%s/%s/%s/%s/%s", s(k.Actual), s(k.Budget), s(k.Variance), s(k.VariancePct), s(k.Status),
		s(k.LastMonth), s(k.LastYear))
}

func s(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

type report struct {
	StoreID int64  `json:"store_id"`
	From    string `json:"from"`
	To      string `json:"to"`
	Days    int    `json:"days"`
	// departments lists the codes of the department rows, in order.
	departments []string
	Series      []struct {
		Date        string  `json:"date"`
		Sales       string  `json:"sales"`
		GrossMargin string  `json:"gross_margin"`
		LabourCost  string  `json:"labour_cost"`
		Opex        string  `json:"opex"`
		SalesBudget *string `json:"sales_budget"`
	} `json:"series"`
}

// cockpit is a store with a known October 2026: sales, labour, expenses and budgets, plus
// sales the September and October before for last month and last year.
type cockpit struct {
	env     *testutil.Env
	storeID int64
	base    string
	// products: two produce categories, meat and dry goods
	leafy, root, pork, dry catalog.Product
}

func newCockpit(t *testing.T, dialect string) *cockpit {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	c := &cockpit{env: env, storeID: storeID(t, env, "sh-pudong")}
	c.base = fmt.Sprintf("/api/v1/stores/%d", c.storeID)
	for _, p := range catalog.DemoProducts() {
		switch {
		case c.leafy.SKU == "" && p.Category == "叶菜":
			c.leafy = p
		case c.root.SKU == "" && p.Category == "根茎":
			c.root = p
		case c.pork.SKU == "" && p.Category == "猪肉":
			c.pork = p
		case c.dry.SKU == "" && p.DepartmentCode == "dry":
			c.dry = p
		}
	}
	sale := func(date string, p catalog.Product, qty, net, cost string) map[string]string {
		return map[string]string{"business_date": date, "sku": p.SKU, "qty": qty, "net_sales": net, "cost": cost}
	}
	c.post(t, "sales", []map[string]string{
		sale("2026-10-01", c.leafy, "10", "1000.00", "700.00"),
		sale("2026-10-05", c.leafy, "5", "500.00", "350.00"),
		sale("2026-10-03", c.root, "3", "300.00", "240.00"),
		sale("2026-10-02", c.pork, "20", "2000.00", "1500.00"),
		sale("2026-10-04", c.dry, "4", "400.00", "300.00"),
		sale("2026-09-03", c.leafy, "9", "900.00", "600.00"),
		sale("2025-10-02", c.leafy, "8", "800.00", "500.00"),
	})
	labour := func(date, dept, hc, hours, cost string) map[string]string {
		return map[string]string{"business_date": date, "department_code": dept, "headcount": hc, "hours": hours, "cost": cost}
	}
	c.post(t, "labour", []map[string]string{
		labour("2026-10-01", "produce", "2", "16", "400.00"),
		labour("2026-10-02", "produce", "4", "32", "800.00"),
		labour("2026-10-01", "meat", "3", "24", "600.00"),
	})
	expense := func(date, dept, cat, amount string) map[string]string {
		return map[string]string{"business_date": date, "department_code": dept, "category": cat, "amount": amount}
	}
	c.post(t, "expenses", []map[string]string{
		expense("2026-10-03", "produce", "materials", "50.00"),
		expense("2026-10-04", "produce", "repairs", "30.00"),
		expense("2026-10-04", "produce", "other", "20.00"),
		expense("2026-10-05", "meat", "materials", "40.00"),
	})
	budget := func(dept, sales, pct, labour, materials, repairs, shrink string, perHead any) map[string]any {
		return map[string]any{"department_code": dept, "sales_target": sales, "gross_margin_pct_target": pct,
			"labour_budget": labour, "materials_budget": materials, "repairs_budget": repairs, "shrink_budget": shrink,
			"sales_per_head_target": perHead, "version": 0}
	}
	res := env.Login("manager1").Do("PUT", c.base+"/budgets/2026-10", map[string]any{"items": []any{
		budget("produce", "31000.00", "25.00", "3100.00", "620.00", "310.00", "310.00", "15500.00"),
		budget("meat", "62000.00", "20.00", "1550.00", "310.00", "0", "0", nil),
		budget("seafood", "3100.00", "30.00", "0", "0", "0", "0", nil),
	}})
	if res.Status != 200 {
		t.Fatalf("budgets: %d %s", res.Status, res.Body)
	}
	return c
}

func (c *cockpit) post(t *testing.T, kind string, lines []map[string]string) {
	t.Helper()
	res := c.env.Login("manager1").Do("POST", c.base+"/"+kind, map[string]any{"lines": lines})
	if res.Status != 200 {
		t.Fatalf("%s: %d %s", kind, res.Status, res.Body)
	}
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id
}

// kpis asks for the first ten days of October 2026 and decodes the answer; kpi(dept, key)
// then reads one figure.
func (c *cockpit) kpis(t *testing.T, user, query string) (report, func(dept, key string) string) {
	t.Helper()
	res := c.env.Login(user).Do("GET", c.base+"/kpis?from=2026-10-01&to=2026-10-10"+query, nil)
	if res.Status != 200 {
		t.Fatalf("kpis: %d %s", res.Status, res.Body)
	}
	var r report
	res.JSON(t, &r)
	byDept := map[string]map[string]kpiJSON{}
	var body struct {
		Departments []map[string]any `json:"departments"`
		Total       map[string]any   `json:"total"`
	}
	r.departments = nil
	res.JSON(t, &body)
	for _, row := range append(body.Departments, body.Total) {
		code := row["department_code"].(string)
		if code != "total" {
			r.departments = append(r.departments, code)
		}
		byDept[code] = map[string]kpiJSON{}
		for k, v := range row {
			m, ok := v.(map[string]any)
			if !ok {
				continue
			}
			get := func(f string) *string {
				if x, ok := m[f].(string); ok {
					return &x
				}
				return nil
			}
			byDept[code][k] = kpiJSON{Actual: get("actual"), Budget: get("budget"), Variance: get("variance"),
				VariancePct: get("variance_pct"), Status: get("status"), LastMonth: get("last_month"), LastYear: get("last_year")}
		}
	}
	return r, func(dept, key string) string {
		row, ok := byDept[dept]
		if !ok {
			return "absent"
		}
		return row[key].String()
	}
}
