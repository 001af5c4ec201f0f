package catalog_test

import (
	"bytes"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/testutil"
)

type productJSON struct {
	SKU         string  `json:"sku"`
	Name        string  `json:"name"`
	CasePack    string  `json:"case_pack"`
	CostPrice   string  `json:"cost_price"`
	RetailPrice string  `json:"retail_price"`
	Barcode     *string `json:"barcode"`
	Location    string  `json:"location"`
	Active      bool    `json:"active"`
	Version     int     `json:"version"`
}

type productList struct {
	Items []productJSON `json:"items"`
	Total int64         `json:"total"`
}

type importJSON struct {
	Lines, Created, Updated, Unchanged int
	DryRun                             bool `json:"dry_run"`
}

// As the SPA sends it: every answer is checked against api/openapi.yaml by the client.
func TestProductsOverHTTP(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin, super := env.Login("admin"), env.Login("super1")
		body := map[string]any{"sku": "T-H1", "name": "测试 HTTP", "department_code": "produce",
			"category": testCategory, "unit": "kg", "case_pack": 2.5, "shelf_life_days": 3,
			"cost_price": "3.2", "retail_price": 4.49, "perishable": true}
		if res := super.Do("POST", "/api/v1/products", body); res.Status != 403 {
			t.Errorf("supervisor creates: %d", res.Status)
		}
		res := admin.Do("POST", "/api/v1/products", body)
		if res.Status != 201 {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var p productJSON
		res.JSON(t, &p)
		if p.CasePack != "2.500" || p.CostPrice != "3.20" || p.RetailPrice != "4.49" || p.Barcode != nil || !p.Active || p.Version != 1 {
			t.Errorf("created %+v", p)
		}
		if res := admin.Do("POST", "/api/v1/products", body); res.Status != 409 || res.ErrorCode() != "duplicate" {
			t.Errorf("duplicate: %d %s", res.Status, res.Body)
		}
		body["sku"], body["cost_price"] = "T-H2", "3.205"
		if res := admin.Do("POST", "/api/v1/products", body); res.Status != 400 {
			t.Errorf("over-precise price: %d %s", res.Status, res.Body)
		}
		body["cost_price"], body["unit"], body["barcode"] = "3.20", "each", "12"
		if res := admin.Do("POST", "/api/v1/products", body); res.Status != 400 || res.Fields()["case_pack"] == "" || res.Fields()["barcode"] == "" {
			t.Errorf("fractional case of each, short barcode: %d %s", res.Status, res.Body)
		}

		if res := super.Do("GET", "/api/v1/products/T-H1", nil); res.Status != 200 {
			t.Errorf("get: %d", res.Status)
		}
		for _, path := range []string{"/api/v1/products/t-h1", "/api/v1/products/NOPE"} {
			if res := super.Do("GET", path, nil); res.Status != 404 {
				t.Errorf("%s: %d", path, res.Status)
			}
		}
		res = admin.Do("PATCH", "/api/v1/products/T-H1", map[string]any{"barcode": "6900000000093", "active": false, "version": 1})
		res.JSON(t, &p)
		if res.Status != 200 || p.Version != 2 || p.Active || p.Barcode == nil {
			t.Errorf("patch: %d %s", res.Status, res.Body)
		}
		res = admin.Do("PATCH", "/api/v1/products/T-H1", map[string]any{"barcode": nil, "version": 2})
		res.JSON(t, &p)
		if res.Status != 200 || p.Barcode != nil {
			t.Errorf("clear barcode: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("PATCH", "/api/v1/products/T-H1", map[string]any{"name": "x", "version": 1}); res.Status != 409 || res.ErrorCode() != "stale_version" {
			t.Errorf("stale: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("PATCH", "/api/v1/products/T-H1", map[string]any{"sku": "T-H9", "version": 3}); res.Status != 400 || res.Fields()["sku"] == "" {
			t.Errorf("changing the sku: %d %s", res.Status, res.Body)
		}

		var l productList
		super.Do("GET", "/api/v1/products?category="+url.QueryEscape(testCategory)+"&active=false&sort=-name&page_size=10", nil).JSON(t, &l)
		if l.Total != 1 || l.Items[0].SKU != "T-H1" {
			t.Errorf("list: %+v", l)
		}
		super.Do("GET", "/api/v1/products?department_code=seafood&perishable=true", nil).JSON(t, &l)
		if l.Total == 0 {
			t.Error("the demo catalogue has perishable seafood")
		}
		for _, q := range []string{"sort=cost_price", "active=maybe", "page_size=501"} {
			if res := super.Do("GET", "/api/v1/products?"+q, nil); res.Status != 400 {
				t.Errorf("?%s: %d", q, res.Status)
			}
		}
	})
}

func TestImportAndExportOverHTTP(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		csvBody := header + row("T-1", "测试一") + row("T-2", "测试二")

		admin.Headers = map[string]string{"Content-Type": "text/csv"}
		res := admin.Do("POST", "/api/v1/products/import?dry_run=true", csvBody)
		var out importJSON
		res.JSON(t, &out)
		if res.Status != 200 || out != (importJSON{Lines: 2, Created: 2, DryRun: true}) {
			t.Fatalf("dry run: %d %s", res.Status, res.Body)
		}
		res = admin.Do("POST", "/api/v1/products/import", csvBody)
		res.JSON(t, &out)
		if res.Status != 200 || out != (importJSON{Lines: 2, Created: 2}) {
			t.Fatalf("csv import: %d %s", res.Status, res.Body)
		}
		res = admin.Do("POST", "/api/v1/products/import", header+"T-3,测试三,produce,x,kg,5,2,3.2,4.499,true\n")
		if res.Status != 400 || res.Fields()["line 2.retail_price"] == "" {
			t.Errorf("bad csv: %d %s", res.Status, res.Body)
		}

		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		_ = mw.WriteField("note", "ignored")
		fw, _ := mw.CreateFormFile("file", "商品.csv")
		_, _ = fw.Write([]byte("\xef\xbb\xbf" + csvBody + row("T-3", "测试三")))
		_ = mw.Close()
		admin.Headers = map[string]string{"Content-Type": mw.FormDataContentType()}
		res = admin.Do("POST", "/api/v1/products/import", form.Bytes())
		res.JSON(t, &out)
		if res.Status != 200 || out != (importJSON{Lines: 3, Created: 1, Unchanged: 2}) {
			t.Errorf("multipart import: %d %s", res.Status, res.Body)
		}
		res = admin.Do("POST", "/api/v1/products/import", "--"+mw.Boundary()+"--\r\n")
		if res.Status != 400 || res.Fields()["file"] == "" {
			t.Errorf("multipart without a file: %d %s", res.Status, res.Body)
		}

		admin.Headers = nil
		items := []map[string]any{{"sku": "T-1", "name": "测试一", "department_code": "produce", "category": testCategory,
			"unit": "kg", "case_pack": "5", "shelf_life_days": 2, "cost_price": "3.20", "retail_price": "4.99", "perishable": true},
			{"sku": "T-9", "name": "测试九", "department_code": "nope", "category": testCategory,
				"unit": "kg", "case_pack": "5", "shelf_life_days": 2, "cost_price": "3.20", "retail_price": "4.99", "perishable": true}}
		res = admin.Do("POST", "/api/v1/products/import", map[string]any{"products": items})
		if res.Status != 400 || res.Fields()["products[1].department_code"] == "" || len(res.Fields()) != 1 {
			t.Errorf("json import with a bad item: %d %s", res.Status, res.Body)
		}
		res = admin.Do("POST", "/api/v1/products/import", map[string]any{"products": items[:1]})
		res.JSON(t, &out)
		if res.Status != 200 || out.Updated != 1 {
			t.Errorf("json import: %d %s", res.Status, res.Body)
		}
		if p, _ := env.App.Catalog.Get(t.Context(), "T-1"); p.Location != "A01-01" || p.RetailPrice.String() != "4.99" {
			t.Errorf("json import without location must keep it: %+v", p)
		}
		admin.Headers = map[string]string{"Content-Type": "application/vnd.ms-excel"}
		if res := admin.Do("POST", "/api/v1/products/import", "x"); res.Status != 400 || res.Fields()["content_type"] == "" {
			t.Errorf("wrong content type: %d %s", res.Status, res.Body)
		}
		admin.Headers = nil
		if res := env.Login("hq1").Do("POST", "/api/v1/products/import", csvBody); res.Status != 403 {
			t.Errorf("HQ imports: %d", res.Status)
		}

		res = env.Login("super1").Do("GET", "/api/v1/products/export?category="+url.QueryEscape(testCategory), nil)
		if res.Status != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
			res.Header.Get("Content-Disposition") != `attachment; filename="products.csv"` {
			t.Fatalf("export: %d %v", res.Status, res.Header)
		}
		want := "\xef\xbb\xbf" + exportHeader + "T-1,测试一,produce," + testCategory + ",kg,5.000,2,3.20,4.99,true,,A01-01,true,,0.000\n"
		if !strings.HasPrefix(string(res.Body), want) || strings.Count(string(res.Body), "\n") != 4 {
			t.Errorf("export body:\n%s", res.Body)
		}
		admin.Headers = map[string]string{"Content-Type": "text/csv"}
		res = admin.Do("POST", "/api/v1/products/import", res.Body)
		res.JSON(t, &out)
		if out != (importJSON{Lines: 3, Unchanged: 3}) {
			t.Errorf("export → import: %s", res.Body)
		}
	})
}

func TestDemoCatalogueIsSeeded(t *testing.T) {
	env := testutil.NewEnv(t, "sqlite")
	var l productList
	env.Login("hq1").Do("GET", "/api/v1/products?q="+catalog.FirstDemoSKU, nil).JSON(t, &l)
	if l.Total != 1 || l.Items[0].SKU != catalog.FirstDemoSKU {
		t.Errorf("demo product %s: %+v", catalog.FirstDemoSKU, l)
	}
}
