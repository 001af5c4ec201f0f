package budget_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/storeops/storeops/internal/testutil"
)

type budgetJSON struct {
	DepartmentCode       string  `json:"department_code"`
	Month                string  `json:"month"`
	SalesTarget          *string `json:"sales_target"`
	GrossMarginPctTarget *string `json:"gross_margin_pct_target"`
	LabourBudget         *string `json:"labour_budget"`
	Version              int     `json:"version"`
	UpdatedBy            *string `json:"updated_by"`
}

type monthJSON struct {
	StoreID int64        `json:"store_id"`
	Month   string       `json:"month"`
	Items   []budgetJSON `json:"items"`
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

func count(env *testutil.Env, table string) int64 {
	var n int64
	env.DB.Table(table).Count(&n)
	return n
}

// amounts is a request body: the seven amounts (sales target and margin given, the rest
// null unless set in extra) and a version.
func amounts(sales, pct any, version int, extra ...any) map[string]any {
	m := map[string]any{"sales_target": sales, "gross_margin_pct_target": pct, "labour_budget": nil,
		"materials_budget": nil, "repairs_budget": nil, "shrink_budget": nil, "sales_per_head_target": nil,
		"version": version}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

func item(dept string, sales any, version int, extra ...any) map[string]any {
	m := amounts(sales, "25.00", version, extra...)
	m["department_code"] = dept
	return m
}

func find(t *testing.T, m monthJSON, dept string) budgetJSON {
	t.Helper()
	for _, b := range m.Items {
		if b.DepartmentCode == dept {
			return b
		}
	}
	t.Fatalf("no %s in %+v", dept, m)
	return budgetJSON{}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func TestBudgetEditingAndLocking(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		mgr := env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d/budgets", storeID(t, env, "sh-pudong"))

		var m monthJSON
		mgr.Do("GET", base+"?month=2026-10", nil).JSON(t, &m)
		if len(m.Items) != 6 || m.Month != "2026-10" || m.Items[0].Version != 0 || m.Items[0].SalesTarget != nil || m.Items[0].UpdatedBy != nil {
			t.Fatalf("empty month: %+v", m)
		}
		mgr.Do("GET", base, nil).JSON(t, &m)
		if m.Month != "2026-11" { // the test clock's month in Asia/Shanghai
			t.Errorf("default month %s", m.Month)
		}

		var b budgetJSON
		res := mgr.Do("PUT", base+"/2026-10/produce", amounts(120000.5, "28.50", 0, "labour_budget", "9600"))
		res.JSON(t, &b)
		if res.Status != 200 || b.Version != 1 || deref(b.SalesTarget) != "120000.50" || deref(b.GrossMarginPctTarget) != "28.50" ||
			deref(b.LabourBudget) != "9600.00" || deref(b.UpdatedBy) != "manager1" {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		if res := mgr.Do("PUT", base+"/2026-10/produce", amounts("1", "1", 0)); res.Status != 409 || res.ErrorCode() != "stale_version" {
			t.Errorf("second create: %d %s", res.Status, res.Body)
		}
		audits := count(env, "audit_log")
		if res := mgr.Do("PUT", base+"/2026-10/produce", amounts(120000.5, "28.50", 1, "labour_budget", "9600")); res.Status != 200 {
			t.Errorf("unchanged save: %d %s", res.Status, res.Body)
		}
		if count(env, "audit_log") != audits {
			t.Error("an unchanged save wrote an audit entry")
		}
		mgr.Do("PUT", base+"/2026-10/produce", amounts("130000", nil, 1)).JSON(t, &b)
		if b.Version != 2 || b.GrossMarginPctTarget != nil || b.LabourBudget != nil {
			t.Errorf("update: %+v", b)
		}
		if res := mgr.Do("PUT", base+"/2026-10/produce", amounts("1", "1", 1)); res.Status != 409 || res.ErrorCode() != "stale_version" {
			t.Errorf("stale update: %d %s", res.Status, res.Body)
		}
		var entry struct{ Action, BeforeJSON, AfterJSON string }
		env.DB.Table("audit_log").Where("entity_type = ?", "budget").Order("id DESC").Limit(1).Scan(&entry)
		if entry.Action != "budget.update" || !strings.Contains(entry.BeforeJSON, `"sales_target":"120000.50"`) ||
			!strings.Contains(entry.AfterJSON, `"sales_target":"130000.00"`) || !strings.Contains(entry.AfterJSON, `"gross_margin_pct_target":null`) {
			t.Errorf("audit: %+v", entry)
		}

		bad := amounts("-1", "100.01", 0, "labour_budget", "1.005", "repairs_budget", true)
		delete(bad, "shrink_budget")
		res = mgr.Do("PUT", base+"/2026-10/meat", bad)
		want := []string{"sales_target", "gross_margin_pct_target", "labour_budget", "repairs_budget", "shrink_budget"}
		for _, f := range want {
			if res.Status != 400 || res.Fields()[f] == "" {
				t.Errorf("bad amounts: %s not named in %d %s", f, res.Status, res.Body)
			}
		}
		for _, path := range []string{"/2026-13/meat", "/26-10/meat"} {
			if res := mgr.Do("PUT", base+path, amounts("1", "1", 0)); res.Status != 400 || res.Fields()["month"] == "" {
				t.Errorf("month %s: %d %s", path, res.Status, res.Body)
			}
		}
		if res := mgr.Do("PUT", base+"/2026-10/toys", amounts("1", "1", 0)); res.Status != 404 {
			t.Errorf("unknown department: %d", res.Status)
		}
		if res := mgr.Do("GET", base+"/2026-10/produce", nil); res.Status != 200 {
			t.Errorf("get: %d", res.Status)
		}
	})
}

func TestBulkEditIsAllOrNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		mgr := env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d/budgets/2026-10", storeID(t, env, "sh-pudong"))
		before := count(env, "budgets")

		res := mgr.Do("PUT", base, map[string]any{"items": []any{item("produce", "100", 0),
			item("meat", "200", 0, "labour_budget", "-5"), item("deli", "abc", 0), item("toys", "1", 0), item("produce", "1", 0)}})
		for _, f := range []string{"items[1].labour_budget", "items[2].sales_target", "items[3].department_code", "items[4].department_code"} {
			if res.Status != 400 || res.Fields()[f] == "" {
				t.Errorf("%s not named: %d %s", f, res.Status, res.Body)
			}
		}
		if count(env, "budgets") != before {
			t.Fatal("a refused bulk edit wrote budgets")
		}

		var m monthJSON
		res = mgr.Do("PUT", base, map[string]any{"items": []any{item("produce", "100", 0), item("meat", "200", 0),
			item("deli", nil, 0, "gross_margin_pct_target", nil)}})
		res.JSON(t, &m)
		if res.Status != 200 || len(m.Items) != 6 || find(t, m, "produce").Version != 1 || find(t, m, "meat").Version != 1 ||
			find(t, m, "deli").Version != 0 || count(env, "budgets") != before+2 {
			t.Fatalf("bulk: %d %s", res.Status, res.Body)
		}
		// meat's version is stale: produce's change must not be kept either.
		res = mgr.Do("PUT", base, map[string]any{"items": []any{item("produce", "111", 1), item("meat", "222", 0)}})
		if res.Status != 409 || res.ErrorCode() != "stale_version" {
			t.Fatalf("stale bulk: %d %s", res.Status, res.Body)
		}
		mgr.Do("GET", fmt.Sprintf("/api/v1/stores/%d/budgets?month=2026-10", storeID(t, env, "sh-pudong")), nil).JSON(t, &m)
		if p := find(t, m, "produce"); p.Version != 1 || deref(p.SalesTarget) != "100.00" {
			t.Errorf("produce after the refused edit: %+v", p)
		}
	})
}

func TestCopyFromPrevious(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		mgr := env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d/budgets", storeID(t, env, "sh-pudong"))
		if res := mgr.Do("POST", base+"/2026-11/copy-from-previous", nil); res.Status != 422 || res.ErrorCode() != "nothing_to_copy" {
			t.Fatalf("empty previous month: %d %s", res.Status, res.Body)
		}
		mgr.Do("PUT", base+"/2026-10", map[string]any{"items": []any{item("produce", "100", 0), item("meat", "200", 0)}})
		mgr.Do("PUT", base+"/2026-11/meat", amounts("999", nil, 0))

		var m monthJSON
		res := mgr.Do("POST", base+"/2026-11/copy-from-previous", nil)
		res.JSON(t, &m)
		if res.Status != 200 || deref(find(t, m, "produce").SalesTarget) != "100.00" || deref(find(t, m, "produce").GrossMarginPctTarget) != "25.00" {
			t.Fatalf("copy: %d %s", res.Status, res.Body)
		}
		if meat := find(t, m, "meat"); deref(meat.SalesTarget) != "999.00" || meat.Version != 1 {
			t.Errorf("copy overwrote meat: %+v", meat)
		}
		if find(t, m, "deli").Version != 0 {
			t.Error("copy created deli")
		}
		// January copies from December of the year before.
		if res := mgr.Do("POST", base+"/2027-01/copy-from-previous", nil); res.Status != 422 {
			t.Errorf("January: %d", res.Status)
		}
	})
}

func TestBudgetScopeAndExports(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		pudong, tianhe := storeID(t, env, "sh-pudong"), storeID(t, env, "gz-tianhe")
		base := fmt.Sprintf("/api/v1/stores/%d/budgets", pudong)
		env.Login("manager1").Do("PUT", base+"/2026-10/produce", amounts("1200.00", "28.50", 0))

		var m monthJSON
		env.Login("super1").Do("GET", base+"?month=2026-10", nil).JSON(t, &m)
		if len(m.Items) != 3 || m.Items[0].DepartmentCode != "meat" || m.Items[1].DepartmentCode != "produce" {
			t.Errorf("supervisor's departments: %+v", m.Items)
		}
		checks := []struct {
			user, method, path string
			status             int
		}{
			{"super1", "GET", base + "/2026-10/deli", 404},
			{"super1", "PUT", base + "/2026-10/produce", 403},
			{"hq1", "PUT", base + "/2026-10/produce", 403},
			{"hq1", "GET", base + "/2026-10/deli", 200},
			{"manager1", "GET", fmt.Sprintf("/api/v1/stores/%d/budgets/2026-10/deli", tianhe), 404},
			{"manager2", "PUT", base + "/2026-10/deli", 404},
			{"admin", "GET", fmt.Sprintf("/api/v1/stores/%d/budgets?month=2026-10", tianhe), 200},
			{"manager1", "GET", base + "?month=2026-1", 400},
			{"manager1", "GET", base + "?format=pdf", 400},
			{"manager1", "GET", base + "?lang=fr", 400},
		}
		for _, c := range checks {
			var body any
			if c.method == "PUT" {
				body = amounts("1", "1", 0)
			}
			if res := env.Login(c.user).Do(c.method, c.path, body); res.Status != c.status {
				t.Errorf("%s %s %s: %d, want %d", c.user, c.method, c.path, res.Status, c.status)
			}
		}

		res := env.Login("manager1").Do("GET", base+"?month=2026-10&format=csv&lang=zh-CN", nil)
		if res.Status != 200 || !bytes.HasPrefix(res.Body, []byte("\xEF\xBB\xBF部门,月份,销售目标,毛利率目标(%),人工预算")) ||
			!strings.Contains(string(res.Body), "produce,2026-10,1200.00,28.50,,,,,,1,") ||
			res.Header.Get("Content-Disposition") != `attachment; filename="budgets-sh-pudong-2026-10.csv"` {
			t.Errorf("CSV: %d %v\n%s", res.Status, res.Header, res.Body)
		}
		c := env.Login("manager1")
		c.Headers = map[string]string{"Accept-Language": "en-US,en;q=0.9,zh;q=0.8"}
		res = c.Do("GET", base+"?month=2026-10&format=xlsx", nil)
		f, err := excelize.OpenReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatalf("XLSX: %d %v", res.Status, err)
		}
		rows, err := f.GetRows("Budgets", excelize.Options{RawCellValue: true})
		if err != nil || len(rows) != 7 || rows[0][0] != "Department" || rows[5][0] != "produce" || rows[5][2] != "1200.00" ||
			rows[5][9] != "1" {
			t.Errorf("XLSX rows %v %v", rows, err)
		}
	})
}
