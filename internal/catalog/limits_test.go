package catalog_test

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

// The caps of the catalogue never exceed the columns that store the values.
func TestProductCapsFitTheirColumns(t *testing.T) {
	if catalog.MaxCasePack > fixed.ProductsCasePack.MaxQty() {
		t.Errorf("MaxCasePack %s exceeds %s", catalog.MaxCasePack, fixed.ProductsCasePack)
	}
	for _, c := range []fixed.Column{fixed.ProductsCostPrice, fixed.ProductsRetailPrice, fixed.StockLotsUnitCost, fixed.StocktakeItemsUnitCost} {
		if catalog.MaxPrice > c.MaxMoney() {
			t.Errorf("MaxPrice %s exceeds %s", catalog.MaxPrice, c)
		}
	}
}

// TestProductAmountsAtAndJustOverTheirLimits: a value at the limit is stored and read back
// exactly; one unit more is a 400 naming the field, in create, update and both imports, on
// each database, and writes nothing.
func TestProductAmountsAtAndJustOverTheirLimits(t *testing.T) {
	limits := []struct{ field, at, over string }{
		{"case_pack", "100000.000", "100000.001"},
		{"cost_price", "1000000.00", "1000000.01"},
		{"retail_price", "1000000.00", "1000000.01"},
	}
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		body := func(sku string) map[string]any {
			return map[string]any{"sku": sku, "name": "测试 " + sku, "department_code": "produce", "category": testCategory,
				"unit": "kg", "case_pack": "5", "shelf_life_days": 3, "cost_price": "3.20", "retail_price": "4.49", "perishable": true}
		}
		for _, l := range limits {
			t.Run(l.field, func(t *testing.T) {
				sku := "T-L-" + strings.ReplaceAll(l.field, "_", "")
				b := body(sku)
				b[l.field] = l.over
				if res := admin.Do("POST", "/api/v1/products", b); res.Status != 400 || res.Fields()[l.field] == "" {
					t.Errorf("create with %s %s: %d %s", l.field, l.over, res.Status, res.Body)
				}
				b[l.field] = l.at
				res := admin.Do("POST", "/api/v1/products", b)
				var p map[string]any
				res.JSON(t, &p)
				if res.Status != 201 || p[l.field] != l.at {
					t.Fatalf("create with %s %s: %d %s", l.field, l.at, res.Status, res.Body)
				}
				if res := admin.Do("GET", "/api/v1/products/"+sku, nil); !strings.Contains(string(res.Body), `"`+l.field+`":"`+l.at+`"`) {
					t.Errorf("read back: %s", res.Body)
				}
				patch := map[string]any{l.field: l.over, "version": 1}
				if res := admin.Do("PATCH", "/api/v1/products/"+sku, patch); res.Status != 400 || res.Fields()[l.field] == "" {
					t.Errorf("update to %s %s: %d %s", l.field, l.over, res.Status, res.Body)
				}

				b = body(sku + "J")
				b[l.field] = l.over
				res = admin.Do("POST", "/api/v1/products/import", map[string]any{"products": []any{b}})
				if res.Status != 400 || res.Fields()["products[0]."+l.field] == "" {
					t.Errorf("JSON import with %s %s: %d %s", l.field, l.over, res.Status, res.Body)
				}
				line := map[string]string{"case_pack": "5", "cost_price": "3.20", "retail_price": "4.49"}
				line[l.field] = l.over
				csv := header + sku + "C,测试,produce," + testCategory + ",kg," + line["case_pack"] + ",2," +
					line["cost_price"] + "," + line["retail_price"] + ",true,,A01-01,true\n"
				admin.Headers = map[string]string{"Content-Type": "text/csv"}
				res = admin.Do("POST", "/api/v1/products/import", csv)
				admin.Headers = nil
				if res.Status != 400 || res.Fields()["line 2."+l.field] == "" {
					t.Errorf("CSV import with %s %s: %d %s", l.field, l.over, res.Status, res.Body)
				}
			})
		}
		var n int64
		env.DB.Table("products").Where("sku LIKE ?", "T-L-%").Count(&n)
		if n != int64(len(limits)) {
			t.Errorf("%d products stored, want only the %d at the limit", n, len(limits))
		}
	})
}
