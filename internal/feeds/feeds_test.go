package feeds_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

// demo picks demo products: a perishable one of super1's departments and a dry one.
func demo(t *testing.T) (fresh, dry catalog.Product) {
	for _, p := range catalog.DemoProducts() {
		if fresh.SKU == "" && p.Perishable && p.DepartmentCode == "produce" && p.Unit == "kg" {
			fresh = p
		}
		if dry.SKU == "" && p.DepartmentCode == "dry" {
			dry = p
		}
	}
	if fresh.SKU == "" || dry.SKU == "" {
		t.Fatal("demo catalogue lacks a fresh produce or a dry product")
	}
	return fresh, dry
}

type result struct {
	ImportID  int64 `json:"import_id"`
	Lines     int   `json:"lines"`
	Created   int   `json:"created"`
	Updated   int   `json:"updated"`
	Unchanged int   `json:"unchanged"`
	Replayed  bool  `json:"replayed"`
}

type stockItem struct {
	SKU    string `json:"sku"`
	OnHand string `json:"on_hand"`
	Lots   []struct {
		ExpiryDate   string `json:"expiry_date"`
		QtyRemaining string `json:"qty_remaining"`
	} `json:"lots"`
}

func onHand(t *testing.T, c *testutil.Client, storeID int64, sku string) stockItem {
	t.Helper()
	var l struct{ Items []stockItem }
	res := c.Do("GET", fmt.Sprintf("/api/v1/stores/%d/inventory?q=%s", storeID, sku), nil)
	res.JSON(t, &l)
	for _, it := range l.Items {
		if it.SKU == sku {
			return it
		}
	}
	t.Fatalf("%s not in inventory: %s", sku, res.Body)
	return stockItem{}
}

func count(env *testutil.Env, table string) int64 {
	var n int64
	env.DB.Table(table).Count(&n)
	return n
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id
}

func checkLedger(t *testing.T, env *testutil.Env) {
	t.Helper()
	refs, err := env.App.Catalog.AllRefs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	perishable := map[int64]bool{}
	for _, r := range refs {
		perishable[r.ID] = r.Perishable
	}
	problems, err := env.App.Inventory.Check(context.Background(), func(id int64) bool { return perishable[id] })
	if err != nil || len(problems) > 0 {
		t.Fatalf("ledger check: %v %v", problems, err)
	}
	department := map[int64]string{}
	for _, r := range refs {
		department[r.ID] = r.DepartmentCode
	}
	rollups, err := env.App.Feeds.CheckRollups(context.Background(), func(id int64) string { return department[id] })
	if err != nil || len(rollups) > 0 {
		t.Fatalf("rollup check: %v %v", rollups, err)
	}
}

func TestReceiptsSalesResendsAndFEFO(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		fresh, dry := demo(t)
		store := storeID(t, env, "sh-pudong")
		mgr := env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d", store)

		res := mgr.Do("POST", base+"/receipts", map[string]any{"lines": []map[string]any{
			{"business_date": "2026-10-30", "sku": fresh.SKU, "qty": "10", "cost": "32.00", "expiry_date": "2026-11-05"},
			{"business_date": "2026-10-31", "sku": fresh.SKU, "qty": 4, "cost": 12.8, "expiry_date": "2026-11-02"},
			{"business_date": "2026-10-31", "sku": dry.SKU, "qty": "24", "cost": "100.00"},
		}})
		if res.Status != 200 {
			t.Fatalf("receipts: %d %s", res.Status, res.Body)
		}
		it := onHand(t, mgr, store, fresh.SKU)
		if it.OnHand != "14.000" || len(it.Lots) != 2 || it.Lots[0].ExpiryDate != "2026-11-02" {
			t.Fatalf("after receipts: %+v", it)
		}

		sales := map[string]any{"lines": []map[string]any{
			{"business_date": "2026-11-01", "sku": fresh.SKU, "qty": "6.500", "net_sales": "30.00", "cost": "20.80"},
			{"business_date": "2026-11-01", "sku": dry.SKU, "qty": "5", "net_sales": "40.00", "cost": "20.00"},
		}}
		var r result
		mgr.Do("POST", base+"/sales", sales).JSON(t, &r)
		if r.Created != 2 || r.Unchanged != 0 {
			t.Fatalf("first send: %+v", r)
		}
		it = onHand(t, mgr, store, fresh.SKU)
		// FEFO: the 4 expiring on 11-02 go first, then 2.5 of the 10.
		if it.OnHand != "7.500" || len(it.Lots) != 1 || it.Lots[0].QtyRemaining != "7.500" {
			t.Fatalf("after sales: %+v", it)
		}
		moves := count(env, "inventory_movements")
		mgr.Do("POST", base+"/sales", sales).JSON(t, &r)
		if r.Unchanged != 2 || r.Created+r.Updated != 0 || count(env, "inventory_movements") != moves {
			t.Fatalf("identical re-send: %+v, movements %d → %d", r, moves, count(env, "inventory_movements"))
		}
		sales["lines"].([]map[string]any)[0]["qty"] = "5.000"
		mgr.Do("POST", base+"/sales", sales).JSON(t, &r)
		if r.Updated != 1 || r.Unchanged != 1 || count(env, "inventory_movements") != moves+1 {
			t.Fatalf("corrected re-send: %+v", r)
		}
		var daily []struct {
			Dept     string `gorm:"column:department_code"`
			NetSales string `gorm:"column:net_sales"`
			Lines    int    `gorm:"column:line_count"`
		}
		env.DB.Table("sales_daily").Where("store_id = ?", store).Order("department_code").Find(&daily)
		if len(daily) != 2 || daily[0].Dept != "dry" || daily[1].Lines != 1 {
			t.Fatalf("rollup after a correction: %+v", daily)
		}
		if it = onHand(t, mgr, store, fresh.SKU); it.OnHand != "9.000" {
			t.Fatalf("correction moves only the difference: %+v", it)
		}
		var mv struct {
			Items []struct {
				Kind string `json:"kind"`
				Qty  string `json:"qty"`
			}
		}
		mgr.Do("GET", base+"/movements?sku="+fresh.SKU, nil).JSON(t, &mv)
		if len(mv.Items) != 4 || mv.Items[0].Kind != "sale" || mv.Items[0].Qty != "1.500" || mv.Items[1].Qty != "-6.500" {
			t.Fatalf("ledger: %+v", mv.Items)
		}
		checkLedger(t, env)
	})
}

func TestIdempotencyKeyReplaysAndRefusesReuse(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		_, dry := demo(t)
		store := storeID(t, env, "sh-pudong")
		mgr := env.Login("manager1")
		mgr.Headers = map[string]string{"Idempotency-Key": "pos-2026-11-01-a"}
		path := fmt.Sprintf("/api/v1/stores/%d/receipts", store)
		body := fmt.Sprintf(`{"lines":[{"business_date":"2026-11-01","sku":%q,"qty":"12","cost":"50.00"}]}`, dry.SKU)
		var first, again result
		mgr.Do("POST", path, body).JSON(t, &first)
		rows := count(env, "inventory_movements")
		mgr.Do("POST", path, body).JSON(t, &again)
		if !again.Replayed || again.ImportID != first.ImportID || count(env, "inventory_movements") != rows {
			t.Fatalf("replay: %+v vs %+v, movements %d → %d", first, again, rows, count(env, "inventory_movements"))
		}
		res := mgr.Do("POST", path, strings.Replace(body, `"12"`, `"13"`, 1))
		if res.Status != 409 || res.ErrorCode() != "idempotency_key_reused" {
			t.Fatalf("reuse: %d %s", res.Status, res.Body)
		}
	})
}

func TestBadInputIsRefusedAndWritesNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		fresh, dry := demo(t)
		store := storeID(t, env, "sh-pudong")
		mgr := env.Login("manager1")
		base := fmt.Sprintf("/api/v1/stores/%d", store)
		tables := []string{"sales_lines", "inventory_movements", "stock_lots", "stock_balances", "labour_lines", "expense_lines", "feed_imports", "audit_log"}
		before := map[string]int64{}
		for _, tb := range tables {
			before[tb] = count(env, tb)
		}
		line := func(kv ...string) string {
			m := map[string]string{"business_date": "2026-11-01", "sku": fresh.SKU, "qty": "1", "net_sales": "5.00", "cost": "3.00"}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i]] = kv[i+1]
			}
			var parts []string
			for k, v := range m {
				parts = append(parts, fmt.Sprintf("%q:%q", k, v))
			}
			return "{" + strings.Join(parts, ",") + "}"
		}
		ok := line()
		gbk := string([]byte{0xD6, 0xED, 0xC8, 0xE2}) // 猪肉 in GBK
		cases := []struct {
			name, path, contentType, body, field string
			status                               int
		}{
			{"unknown SKU", "/sales", "application/json", `{"lines":[` + ok + `,` + line("sku", "NOPE-1") + `]}`, "lines[1].sku", 400},
			{"negative qty", "/sales", "application/json", `{"lines":[` + line("qty", "-2") + `]}`, "lines[0].qty", 400},
			{"over-precise qty", "/sales", "application/json", `{"lines":[` + line("qty", "1.0005") + `]}`, "lines[0].qty", 400},
			{"over-precise money", "/sales", "application/json", `{"lines":[` + line("net_sales", "1.005") + `]}`, "lines[0].net_sales", 400},
			{"qty beyond its column", "/sales", "application/json", `{"lines":[` + line("qty", "100000000000") + `]}`, "lines[0].qty", 400},
			{"the receipt of the incident", "/receipts", "application/json", fmt.Sprintf(`{"lines":[{"business_date":"2026-11-01","sku":%q,"qty":"9999999999999.999","cost":"1"}]}`, dry.SKU), "lines[0].qty", 400},
			{"a unit cost beyond its column", "/receipts", "application/json", fmt.Sprintf(`{"lines":[{"business_date":"2026-11-01","sku":%q,"qty":"0.001","cost":"99999999999.00"}]}`, dry.SKU), "lines[0].cost", 400},
			{"a note that is a number", "/expenses", "application/json", `{"lines":[{"business_date":"2026-11-01","department_code":"meat","category":"other","amount":"10","note":123}]}`, "lines[0].note", 400},
			{"a note that is an array", "/expenses", "application/json", `{"lines":[{"business_date":"2026-11-01","department_code":"meat","category":"other","amount":"10","note":[]}]}`, "lines[0].note", 400},
			{"future date", "/sales", "application/json", `{"lines":[` + line("business_date", "2026-11-03") + `]}`, "lines[0].business_date", 400},
			{"a date from year 1", "/sales", "application/json", `{"lines":[` + line("business_date", "0001-01-01") + `]}`, "lines[0].business_date", 400},
			{"a date before 2000", "/sales", "application/json", `{"lines":[` + line("business_date", "1999-12-31") + `]}`, "lines[0].business_date", 400},
			{"an expiry in year 9999", "/receipts", "application/json", fmt.Sprintf(`{"lines":[{"business_date":"2026-11-01","sku":%q,"qty":"1","cost":"1","expiry_date":"9999-12-31"}]}`, fresh.SKU), "lines[0].expiry_date", 400},
			{"a NUL in a note", "/expenses", "application/json", `{"lines":[{"business_date":"2026-11-01","department_code":"meat","category":"other","amount":"10","note":"a\u0000b"}]}`, "lines[0].note", 400},
			{"a control character in a CSV note", "/expenses", "text/csv", "business_date,department_code,category,amount,note\n2026-11-01,meat,other,10,\"bell\a\"\n", "line 2.note", 400},
			{"duplicate line", "/sales", "application/json", `{"lines":[` + ok + `,` + ok + `]}`, "lines[1].sku", 400},
			{"field of another feed", "/sales", "application/json", `{"lines":[` + line("expiry_date", "2026-11-09") + `]}`, "lines[0].expiry_date", 400},
			{"unknown field", "/sales", "application/json", `{"lines":[` + line("colour", "red") + `]}`, "lines[0].colour", 400},
			{"wrong department", "/labour", "application/json", `{"lines":[{"business_date":"2026-11-01","department_code":"toys","headcount":"3","hours":"24","cost":"700"}]}`, "lines[0].department_code", 400},
			{"bad expense category", "/expenses", "application/json", `{"lines":[{"business_date":"2026-11-01","department_code":"meat","category":"party","amount":"10"}]}`, "lines[0].category", 400},
			{"CSV bad row named by file line", "/sales", "text/csv", "business_date,sku,qty,net_sales,cost\n2026-11-01," + fresh.SKU + ",1,5,3\n2026-11-01," + dry.SKU + ",-1,5,3\n", "line 3.qty", 400},
			{"GBK text in a number", "/sales", "text/csv", "business_date,sku,qty,net_sales,cost\n2026-11-01," + fresh.SKU + ",1,5," + gbk + "\n", "line 2.cost", 400},
			{"bytes that are no text", "/sales", "text/csv", "business_date,sku,qty,net_sales,cost\n2026-11-01," + fresh.SKU + ",1,5,\x80\xff\n", "line 2", 400},
			{"CSV unknown column", "/sales", "text/csv", "business_date,sku,qty,net_sales,cost,colour\n", "line 1", 400},
			{"empty", "/sales", "application/json", `{"lines":[]}`, "lines", 400},
			{"not JSON", "/sales", "application/json", `{"lines":[{`, "body", 400},
			{"wrong content type", "/sales", "application/xml", `<lines/>`, "content_type", 400},
			{"50 MB body", "/sales", "application/json", `{"lines":[` + strings.Repeat(ok+",", 50<<20/len(ok)) + ok + `]}`, "", 413},
		}
		for _, tc := range cases {
			mgr.Headers = map[string]string{"Content-Type": tc.contentType}
			res := mgr.Do("POST", base+tc.path, []byte(tc.body))
			if res.Status != tc.status {
				t.Errorf("%s: %d %.300s", tc.name, res.Status, res.Body)
				continue
			}
			if tc.field != "" && res.Fields()[tc.field] == "" {
				t.Errorf("%s: field %q not named: %.300s", tc.name, tc.field, res.Body)
			}
		}
		for _, tb := range tables {
			if n := count(env, tb); n != before[tb] {
				t.Errorf("%s: %d → %d rows after refused requests", tb, before[tb], n)
			}
		}
		mgr.Headers = map[string]string{"Content-Type": "text/csv"}
		res := mgr.Do("POST", base+"/sales", []byte("\xEF\xBB\xBFbusiness_date,sku,qty,net_sales,cost\r\n2026-11-01,"+fresh.SKU+",1.5,7.50,4.80\r\n"))
		if res.Status != 200 {
			t.Errorf("CSV with a byte-order mark: %d %s", res.Status, res.Body)
		}
	})
}

func TestSupervisorsBookReceiptsOfTheirDepartmentsOnly(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		fresh, dry := demo(t)
		base := fmt.Sprintf("/api/v1/stores/%d", storeID(t, env, "sh-pudong"))
		sup := env.Login("super1")
		res := sup.Do("POST", base+"/receipts", map[string]any{"lines": []map[string]any{
			{"business_date": "2026-11-01", "sku": dry.SKU, "qty": "1", "cost": "1.00"}}})
		if res.Status != 400 || res.Fields()["lines[0].sku"] == "" {
			t.Fatalf("receipt of another department: %d %s", res.Status, res.Body)
		}
		res = sup.Do("POST", base+"/receipts", map[string]any{"lines": []map[string]any{
			{"business_date": "2026-11-01", "sku": fresh.SKU, "qty": "1", "cost": "1.00"}}})
		if res.Status != 200 {
			t.Fatalf("own receipt: %d %s", res.Status, res.Body)
		}
		var h struct {
			Total int64 `json:"total"`
			Items []struct {
				Kind          string `json:"kind"`
				ActorUsername string `json:"actor_username"`
			} `json:"items"`
		}
		env.Login("manager1").Do("GET", base+"/imports", nil).JSON(t, &h)
		if h.Total != 1 || h.Items[0].ActorUsername != "super1" || h.Items[0].Kind != "receipts" {
			t.Fatalf("history: %+v", h)
		}
	})
}

func TestLabourAndExpensesUpsert(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base := fmt.Sprintf("/api/v1/stores/%d", storeID(t, env, "sh-pudong"))
		mgr := env.Login("manager1")
		mgr.Headers = map[string]string{"Content-Type": "text/csv"}
		csv := "business_date,department_code,headcount,hours,cost\n2026-11-01,meat,4,32,960.00\n2026-11-01,produce,3.5,28,812.00\n"
		var r result
		mgr.Do("POST", base+"/labour", []byte(csv)).JSON(t, &r)
		if r.Created != 2 {
			t.Fatalf("labour: %+v", r)
		}
		mgr.Do("POST", base+"/labour", []byte(strings.Replace(csv, "960.00", "990.00", 1))).JSON(t, &r)
		if r.Updated != 1 || r.Unchanged != 1 || count(env, "labour_lines") != 2 {
			t.Fatalf("labour re-send: %+v", r)
		}
		exp := "business_date,department_code,category,amount,note\n2026-11-01,seafood,materials,120.00,冰块\n2026-11-01,seafood,materials,80.00,包装材料\n"
		mgr.Do("POST", base+"/expenses", []byte(exp)).JSON(t, &r)
		mgr.Do("POST", base+"/expenses", []byte(exp)).JSON(t, &r)
		if r.Unchanged != 2 || count(env, "expense_lines") != 2 {
			t.Fatalf("expenses re-send: %+v", r)
		}
	})
}

// TestConcurrentIdenticalSalesPostsActOnce posts the same day's sales from two clients at
// once: the result must equal one post alone (each line once, stock moved once).
func TestConcurrentIdenticalSalesPostsActOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		store := storeID(t, env, "sh-pudong")
		var lines []string
		n := 0
		for _, p := range catalog.DemoProducts() {
			if n == 120 {
				break
			}
			n++
			lines = append(lines, fmt.Sprintf(`{"business_date":"2026-11-01","sku":%q,"qty":"2","net_sales":"10.00","cost":"6.00"}`, p.SKU))
		}
		body := `{"lines":[` + strings.Join(lines, ",") + `]}`
		clients := []*testutil.Client{env.Login("manager1"), env.Login("admin")}
		var wg sync.WaitGroup
		status := make([]int, len(clients))
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status[i] = c.Do("POST", fmt.Sprintf("/api/v1/stores/%d/sales", store), body).Status
			}()
		}
		wg.Wait()
		if status[0] != 200 || status[1] != 200 {
			t.Fatalf("statuses %v", status)
		}
		if got := count(env, "sales_lines"); got != int64(n) {
			t.Errorf("sales lines %d, want %d", got, n)
		}
		if got := count(env, "inventory_movements"); got != int64(n) {
			t.Errorf("movements %d, want %d (each line moved stock once)", got, n)
		}
		var sum int64
		env.DB.Table("stock_balances").Where("store_id = ? AND on_hand = ?", store, "-2.000").Count(&sum)
		if sum != int64(n) {
			t.Errorf("%d balances at -2, want %d", sum, n)
		}
		checkLedger(t, env)
	})
}

// TestPipelineBehaviours covers what the shared upload pipeline gives every feed: a dry run
// that answers exactly and writes nothing, a GBK file from a Chinese export, an empty
// Idempotency-Key refused, and two uploads with one key at once acting once.
func TestPipelineBehaviours(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base := fmt.Sprintf("/api/v1/stores/%d", storeID(t, env, "sh-pudong"))
		fresh, _ := demo(t)
		mgr := env.Login("manager1")
		body := fmt.Sprintf(`{"lines":[{"business_date":"2026-11-01","sku":%q,"qty":"2","net_sales":"10.00","cost":"6.00"}]}`, fresh.SKU)

		audits, moves := count(env, "audit_log"), count(env, "inventory_movements")
		var dry struct {
			result
			DryRun bool `json:"dry_run"`
		}
		mgr.Do("POST", base+"/sales?dry_run=true", body).JSON(t, &dry)
		if !dry.DryRun || dry.Created != 1 || dry.ImportID != 0 {
			t.Fatalf("dry run answered %+v", dry)
		}
		if count(env, "audit_log") != audits || count(env, "inventory_movements") != moves || count(env, "feed_imports") != 0 {
			t.Fatal("a dry run wrote something")
		}

		gbkNote := string([]byte{0xB1, 0xF9, 0xBF, 0xE9}) // 冰块 in GBK
		csv := "business_date,department_code,category,amount,note\n2026-11-01,seafood,materials,120.00," + gbkNote + "\n"
		mgr.Headers = map[string]string{"Content-Type": "text/csv"}
		if res := mgr.Do("POST", base+"/expenses", []byte(csv)); res.Status != 200 {
			t.Fatalf("GBK expenses: %d %s", res.Status, res.Body)
		}
		var note string
		env.DB.Table("expense_lines").Select("note").Scan(&note)
		if note != "冰块" {
			t.Errorf("GBK note stored as %q, want 冰块", note)
		}

		mgr.Headers = map[string]string{"Idempotency-Key": ""}
		if res := mgr.Do("POST", base+"/sales", body); res.Status != 400 || res.Fields()["idempotency_key"] == "" {
			t.Fatalf("empty key: %d %s", res.Status, res.Body)
		}

		clients := []*testutil.Client{env.Login("manager1"), env.Login("admin")}
		answers := make([]result, len(clients))
		var wg sync.WaitGroup
		for i, c := range clients {
			c.Headers = map[string]string{"Idempotency-Key": "same-key-at-once"}
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.Do("POST", base+"/sales", body).JSON(t, &answers[i])
			}()
		}
		wg.Wait()
		if answers[0].ImportID != answers[1].ImportID || answers[0].Replayed == answers[1].Replayed {
			t.Fatalf("one key at once: %+v and %+v, want one upload and one replay", answers[0], answers[1])
		}
		if n := count(env, "feed_imports"); n != 2 {
			t.Errorf("%d imports, want 2 (expenses and one sales)", n)
		}
	})
}

// TestRandomExactValuesKeepTheLedgerExact books receipts and sales of random exact values
// (every decimal used, magnitudes up to 10^9) through the feeds on both databases: each
// balance equals the exact sum computed in Go, and the ledger check passes.
func TestRandomExactValuesKeepTheLedgerExact(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base := fmt.Sprintf("/api/v1/stores/%d", storeID(t, env, "sh-pudong"))
		mgr := env.Login("manager1")
		rng := rand.New(rand.NewPCG(7, uint64(len(dialect))))
		var products []catalog.Product
		for _, p := range catalog.DemoProducts() {
			if len(products) < 20 {
				products = append(products, p)
			}
		}
		want := map[string]fixed.Qty{}
		for day := 1; day <= 5; day++ {
			var receipts, sales []string
			for _, p := range products {
				in := fixed.Qty(rng.Int64N(1_000_000_000_000) + 1) // up to 10^9 with 3 decimals
				out := fixed.Qty(rng.Int64N(int64(in)))
				want[p.SKU] += in - out
				receipts = append(receipts, fmt.Sprintf(`{"business_date":"2026-10-%02d","sku":%q,"qty":%q,"cost":%q}`,
					day, p.SKU, in.String(), fixed.Money(rng.Int64N(100_000_000)+1).String()))
				sales = append(sales, fmt.Sprintf(`{"business_date":"2026-10-%02d","sku":%q,"qty":%q,"net_sales":%q,"cost":%q}`,
					day, p.SKU, out.String(), fixed.Money(rng.Int64N(100_000_000)).String(), fixed.Money(rng.Int64N(100_000_000)).String()))
			}
			for path, lines := range map[string][]string{"/receipts": receipts, "/sales": sales} {
				if res := mgr.Do("POST", base+path, `{"lines":[`+strings.Join(lines, ",")+`]}`); res.Status != 200 {
					t.Fatalf("%s day %d: %d %s", path, day, res.Status, res.Body)
				}
			}
		}
		for _, p := range products {
			if got := onHand(t, mgr, storeID(t, env, "sh-pudong"), p.SKU).OnHand; got != want[p.SKU].String() {
				t.Errorf("%s on hand %s, want exactly %s", p.SKU, got, want[p.SKU])
			}
		}
		checkLedger(t, env)
	})
}
