package catalog_test

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/testutil"
)

type supplierProductJSON struct {
	SKU          string  `json:"sku"`
	SupplierCode *string `json:"supplier_code"`
	MinOrderQty  string  `json:"min_order_qty"`
	Version      int     `json:"version"`
}

// A product names its supplier by code and carries a minimum order quantity: set on
// creation, changed and cleared by PATCH, refused naming the field when wrong.
func TestProductSupplierAndMinimumOrder(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		body := map[string]any{"sku": "T-S1", "name": "测试供应商", "department_code": "produce",
			"category": testCategory, "unit": "each", "case_pack": 6, "shelf_life_days": 3,
			"cost_price": "3.20", "retail_price": "4.49", "perishable": true,
			"supplier_code": "farm-base", "min_order_qty": "12"}
		var p supplierProductJSON
		res := admin.Do("POST", "/api/v1/products", body)
		res.JSON(t, &p)
		if res.Status != 201 || p.SupplierCode == nil || *p.SupplierCode != "farm-base" || p.MinOrderQty != "12.000" {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		env.Login("super1").Do("GET", "/api/v1/products/T-S1", nil).JSON(t, &p)
		if p.SupplierCode == nil || *p.SupplierCode != "farm-base" {
			t.Fatalf("get: %+v", p)
		}
		res = admin.Do("PATCH", "/api/v1/products/T-S1", map[string]any{"supplier_code": "dry-goods", "version": 1})
		res.JSON(t, &p)
		if res.Status != 200 || *p.SupplierCode != "dry-goods" || p.MinOrderQty != "12.000" {
			t.Fatalf("change supplier: %d %s", res.Status, res.Body)
		}
		res = admin.Do("PATCH", "/api/v1/products/T-S1", map[string]any{"supplier_code": nil, "min_order_qty": 0, "version": 2})
		res.JSON(t, &p)
		if res.Status != 200 || p.SupplierCode != nil || p.MinOrderQty != "0.000" {
			t.Fatalf("clear supplier: %d %s", res.Status, res.Body)
		}

		cases := []struct {
			name  string
			edit  map[string]any
			field string
		}{
			{"unknown supplier", map[string]any{"supplier_code": "nobody"}, "supplier_code"},
			{"negative minimum", map[string]any{"min_order_qty": "-1"}, "min_order_qty"},
			{"minimum over the column", map[string]any{"min_order_qty": "1000000000"}, "min_order_qty"},
			{"minimum with 4 decimals", map[string]any{"min_order_qty": "1.2345"}, "min_order_qty"},
			{"minimum as words", map[string]any{"min_order_qty": "a case"}, "min_order_qty"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				b := map[string]any{}
				for k, v := range body {
					b[k] = v
				}
				b["sku"] = "T-S2"
				for k, v := range c.edit {
					b[k] = v
				}
				if res := admin.Do("POST", "/api/v1/products", b); res.Status != 400 || res.Fields()[c.field] == "" {
					t.Errorf("create: got %d %s, want 400 naming %s", res.Status, res.Body, c.field)
				}
				patch := map[string]any{"version": 3}
				for k, v := range c.edit {
					patch[k] = v
				}
				if res := admin.Do("PATCH", "/api/v1/products/T-S1", patch); res.Status != 400 || res.Fields()[c.field] == "" {
					t.Errorf("patch: got %d %s, want 400 naming %s", res.Status, res.Body, c.field)
				}
			})
		}
	})
}

// An import may carry the two supplier columns or leave them out (then existing products keep
// theirs); export writes them.
func TestImportAndExportSupplierColumns(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		withSupplier := strings.TrimSuffix(exportHeader, "\n") + "\n" +
			"T-1,测试一,produce," + testCategory + ",kg,5,2,3.20,4.49,是,,A01-01,true,farm-base,5\n" +
			"T-2,测试二,produce," + testCategory + ",kg,5,2,3.20,4.49,是,,A01-01,true,,\n"
		if res, err := f.importCSV(withSupplier, false); err != nil || res.Created != 2 {
			t.Fatalf("import with the columns: %+v %v", res, err)
		}
		one, _ := f.svc.Get(f.ctx, "T-1")
		two, _ := f.svc.Get(f.ctx, "T-2")
		if one.SupplierCode == nil || *one.SupplierCode != "farm-base" || one.MinOrderQty.String() != "5.000" ||
			two.SupplierCode != nil || two.MinOrderQty != 0 {
			t.Fatalf("stored %+v / %+v", one, two)
		}
		// Without the columns, T-1 keeps its supplier and minimum; a new line has none.
		res, err := f.importCSV(header+row("T-1", "测试一")+row("T-3", "测试三"), false)
		if err != nil || res.Created != 1 || res.Unchanged != 1 {
			t.Fatalf("import without the columns: %+v %v", res, err)
		}
		if again, _ := f.svc.Get(f.ctx, "T-1"); again.SupplierCode == nil || *again.SupplierCode != "farm-base" || again.MinOrderQty.String() != "5.000" {
			t.Fatalf("T-1 after an import without the columns: %+v", again)
		}
		bad := strings.TrimSuffix(exportHeader, "\n") + "\n" +
			"T-4,测试四,produce," + testCategory + ",kg,5,2,3.20,4.49,是,,A01-01,true,nobody,-1\n"
		_, err = f.importCSV(bad, false)
		if fe := fields(t, err); fe["line 2.supplier_code"] == "" || fe["line 2.min_order_qty"] == "" {
			t.Fatalf("bad supplier columns: %v", fe)
		}
		var buf strings.Builder
		if err := f.svc.Export(f.ctx, &buf, catalog.Filter{Category: testCategory}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "\nT-1,测试一,produce,"+testCategory+",kg,5.000,2,3.20,4.49,true,,A01-01,true,farm-base,5.000\n") {
			t.Fatalf("export:\n%s", buf.String())
		}
	})
}
