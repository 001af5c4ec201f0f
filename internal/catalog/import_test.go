package catalog_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/upload"
	"github.com/storeops/storeops/internal/testutil"
)

// header is an import without the optional supplier columns; exportHeader is every column.
const (
	header       = "sku,name,department_code,category,unit,case_pack,shelf_life_days,cost_price,retail_price,perishable,barcode,location,active\n"
	exportHeader = "sku,name,department_code,category,unit,case_pack,shelf_life_days,cost_price,retail_price,perishable,barcode,location,active,supplier_code,min_order_qty\n"
)

// row is a good CSV line for the test category.
func row(sku, name string) string {
	return sku + "," + name + ",produce," + testCategory + ",kg,5,2,3.20,4.49,是,,A01-01,true\n"
}

func (f *fixture) importCSV(csv string, dryRun bool) (catalog.ImportResult, error) {
	return f.svc.Import(f.ctx, f.by, catalog.Import{Body: strings.NewReader(csv), Request: upload.Request{Format: upload.CSV, DryRun: dryRun}})
}

func TestImportCreatesThenReimportChangesNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		file := header + row("T-1", "测试青菜") + "\n" + row("T-2", `"测试""菠菜"",散装"`) +
			"T-3,测试鸡蛋 10枚,meat," + testCategory + ",each,12,25,13.80,17.99,1,6900000000031,B10-01,0\n"
		res, err := f.importCSV(file, false)
		if err != nil || res != (catalog.ImportResult{Lines: 3, Created: 3}) {
			t.Fatalf("first import: %+v %v", res, err)
		}
		eggs, _ := f.svc.Get(f.ctx, "T-3")
		if eggs.Unit != "each" || eggs.CasePack.String() != "12.000" || eggs.Active || *eggs.Barcode != "6900000000031" || eggs.RetailPrice.String() != "17.99" {
			t.Errorf("T-3 stored as %+v", eggs)
		}
		audits := f.productAudits()
		res, err = f.importCSV(file, false)
		if err != nil || res != (catalog.ImportResult{Lines: 3, Unchanged: 3}) {
			t.Fatalf("re-import: %+v %v", res, err)
		}
		if f.productAudits() != audits {
			t.Errorf("re-import wrote %d audit entries", f.productAudits()-audits)
		}
		if again, _ := f.svc.Get(f.ctx, "T-3"); again.Version != 1 {
			t.Errorf("re-import bumped the version to %d", again.Version)
		}

		// One changed price: one update, one audit entry for it plus the import summary.
		changed := strings.Replace(file, "3.20,4.49", "3.20,4.99", 1)
		res, err = f.importCSV(changed, false)
		if err != nil || res != (catalog.ImportResult{Lines: 3, Updated: 1, Unchanged: 2}) {
			t.Fatalf("update import: %+v %v", res, err)
		}
		if p, _ := f.svc.Get(f.ctx, "T-1"); p.Version != 2 || p.RetailPrice.String() != "4.99" {
			t.Errorf("T-1 after update: %+v", p)
		}
		if n := f.productAudits() - audits; n != 2 {
			t.Errorf("%d audit entries for one update, want 2", n)
		}
	})
}

func TestImportOptionalColumnsKeepExistingValues(t *testing.T) {
	f := newFixture(t, "sqlite")
	if _, err := f.importCSV(header+row("T-1", "测试青菜"), false); err != nil {
		t.Fatal(err)
	}
	short := "sku,name,department_code,category,unit,case_pack,shelf_life_days,cost_price,retail_price,perishable\n" +
		"T-1,测试青菜,produce," + testCategory + ",kg,5,2,3.20,4.49,true\n" +
		"T-2,测试新菜,produce," + testCategory + ",kg,5,2,3.20,4.49,false\n"
	res, err := f.importCSV(short, false)
	if err != nil || res.Unchanged != 1 || res.Created != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if p, _ := f.svc.Get(f.ctx, "T-1"); p.Location != "A01-01" || !p.Active {
		t.Errorf("absent columns changed T-1: %+v", p)
	}
	if p, _ := f.svc.Get(f.ctx, "T-2"); p.Location != "" || !p.Active || p.Barcode != nil {
		t.Errorf("defaults of T-2: %+v", p)
	}
}

func TestImportRefusesBadFilesWritingNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.create(product("T-OLD"))
		audits := f.productAudits()
		tests := []struct {
			name string
			file string
			want map[string]string // field → part of its message
		}{
			{"three bad rows", header + row("T-1", "测试一") +
				"T-2,测试二,produce," + testCategory + ",box,5,2,3.20,4.49,true,,,\n" +
				row("T-3", "测试三") +
				"T-4,测试四,produce," + testCategory + ",kg,5,2,3.20,0,true,,,\n" +
				row("T-5", "测试五") +
				"T-6,测试六,toys," + testCategory + ",kg,5,2,3.20,4.49,true,,,\n",
				map[string]string{"line 3.unit": "kg, each", "line 5.retail_price": "greater than 0", "line 7.department_code": "toys"}},
			{"duplicate sku", header + row("T-1", "测试一") + row("T-2", "测试二") + row("T-1", "测试又一"),
				map[string]string{"line 4.sku": "line 2.sku"}},
			{"sku differing in case from an existing one", header + row("t-old", "测试"),
				map[string]string{"line 2.sku": "T-OLD"}},
			{"over-precise cost", header + "T-1,测试,produce," + testCategory + ",kg,5,2,3.205,4.49,true\n",
				map[string]string{"line 2.cost_price": "at most 2 decimal places"}},
			{"over-precise case pack and bad number", header + "T-1,测试,produce," + testCategory + ",kg,0.0005,two,3.20,4.49,maybe\n",
				map[string]string{"line 2.case_pack": "at most 3 decimal places", "line 2.shelf_life_days": "whole number",
					"line 2.perishable": "是/否"}},
			{"missing cells", header + "T-1,,produce," + testCategory + ",kg,,2,,4.49,true\n",
				map[string]string{"line 2.name": "required", "line 2.case_pack": "required", "line 2.cost_price": "required"}},
			{"barcode twice", header + strings.Replace(row("T-1", "测试"), ",,", ",6900000000017,", 1) +
				strings.Replace(row("T-2", "测试"), ",,", ",6900000000017,", 1),
				map[string]string{"line 3.barcode": "line 2.barcode"}},
			{"missing column", "sku,name\nT-1,测试\n", map[string]string{"line 1": "missing column"}},
			{"unknown column", strings.TrimSuffix(header, "\n") + ",colour\n", map[string]string{"line 1": "colour"}},
			{"empty file", "", map[string]string{"line 1": "empty"}},
			{"bytes that are no text", header + "T-1,\x80\xff,meat," + testCategory + ",kg,5,3,20.00,26.99,true\n",
				map[string]string{"line 2": "GBK"}},
			{"broken quotes", header + "T-1,\"测试,produce\n", map[string]string{"line 2": "malformed CSV"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.importCSV(tc.file, false)
				fe := fields(t, err)
				for field, part := range tc.want {
					if !strings.Contains(fe[field], part) {
						t.Errorf("%s: got %q, want it to mention %q (all: %v)", field, fe[field], part, fe)
					}
				}
				if len(tc.want) == 3 && len(fe) != 3 {
					t.Errorf("want exactly the 3 bad rows, got %v", fe)
				}
				if n := f.testProducts(); n != 1 {
					t.Errorf("a refused import left %d products", n)
				}
			})
		}
		if f.productAudits() != audits {
			t.Errorf("refused imports wrote audit entries")
		}
	})
}

func TestImportCapsTheProblemList(t *testing.T) {
	f := newFixture(t, "sqlite")
	var b strings.Builder
	b.WriteString(header)
	for i := range 600 {
		fmt.Fprintf(&b, "T-%d,测试,produce,%s,box,5,2,3.20,4.49,true\n", i, testCategory)
	}
	fe := fields(t, func() error { _, err := f.importCSV(b.String(), false); return err }())
	if len(fe) != upload.MaxProblems+1 || fe["lines"] != "… and 100 more problems" {
		t.Errorf("%d problems listed, lines=%q", len(fe), fe["lines"])
	}
	if fe["line 2.unit"] == "" || fe["line 501.unit"] == "" || fe["line 502.unit"] != "" {
		t.Errorf("the first 500 problems in file order should be listed")
	}
}

func TestImportWithBOMAndDryRun(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		file := "\xef\xbb\xbf" + header + row("T-1", "测试青菜") + row("T-2", "测试菠菜")
		audits := f.productAudits()
		res, err := f.importCSV(file, true)
		if err != nil || res != (catalog.ImportResult{Lines: 2, Created: 2}) {
			t.Fatalf("dry run: %+v %v", res, err)
		}
		if f.testProducts() != 0 || f.productAudits() != audits {
			t.Fatal("a dry run wrote")
		}
		if _, err := f.importCSV(file, false); err != nil {
			t.Fatal(err)
		}
		if p, err := f.svc.Get(f.ctx, "T-1"); err != nil || p.Name != "测试青菜" {
			t.Errorf("BOM file: %+v %v", p, err)
		}
	})
}

func TestExportImportRoundTrip(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		if _, err := f.svc.EnsureProducts(f.ctx, f.by, catalog.DemoProducts()); err != nil {
			t.Fatal(err)
		}
		odd := product("T-ODD")
		odd.Name, odd.Location, odd.Active = `测试 "引号", 逗号`, "", false
		f.create(odd)
		var buf bytes.Buffer
		if err := f.svc.Export(f.ctx, &buf, catalog.Filter{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf"+exportHeader)) {
			t.Fatalf("export starts %q", buf.String()[:120])
		}
		audits := f.productAudits()
		res, err := f.svc.Import(f.ctx, f.by, catalog.Import{Body: &buf, Request: upload.Request{Format: upload.CSV}})
		if err != nil || res.Created+res.Updated != 0 || res.Unchanged != res.Lines || res.Lines < 301 {
			t.Fatalf("round trip: %+v %v", res, err)
		}
		if f.productAudits() != audits {
			t.Error("round trip wrote audit entries")
		}
		var meat bytes.Buffer
		if err := f.svc.Export(f.ctx, &meat, catalog.Filter{DepartmentCode: "meat", Q: "牛"}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(meat.String()), "\n")[1:] {
			if !strings.Contains(line, ",meat,") || !strings.Contains(line, "牛") {
				t.Errorf("filtered export has %q", line)
			}
		}
	})
}

func TestImportOf5000Rows(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		var b strings.Builder
		b.WriteString(header)
		for i := range 5000 {
			fmt.Fprintf(&b, "T-%05d,测试商品%d,dry,%s,each,12,365,%d.%02d,%d.99,否,69%011d,F%02d-%02d,true\n",
				i, i, testCategory, 1+i%50, i%100, 2+i%50, i, i%40, i%20)
		}
		file := b.String()
		start := time.Now()
		res, err := f.importCSV(file, false)
		created := time.Since(start)
		if err != nil || res.Created != 5000 {
			t.Fatalf("%+v %v", res, err)
		}
		start = time.Now()
		res, err = f.importCSV(file, false)
		if err != nil || res.Unchanged != 5000 {
			t.Fatalf("%+v %v", res, err)
		}
		t.Logf("%s: 5,000-row import %v (creating), %v (re-import, unchanged)", dialect, created, time.Since(start))
	})
}

func TestImportMovesBarcodesBetweenProducts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		withBarcode := func(sku, barcode string) string {
			return strings.Replace(row(sku, "测试"+sku), ",,", ","+barcode+",", 1)
		}
		if _, err := f.importCSV(header+withBarcode("T-A", "6900000000017")+withBarcode("T-B", "6900000000024")+
			withBarcode("T-C", "6900000000031"), false); err != nil {
			t.Fatal(err)
		}
		res, err := f.importCSV(header+withBarcode("T-A", "6900000000024")+withBarcode("T-B", "6900000000017"), false)
		if err != nil || res.Updated != 2 {
			t.Fatalf("swapping barcodes: %+v %v", res, err)
		}
		if a, _ := f.svc.Get(f.ctx, "T-A"); *a.Barcode != "6900000000024" {
			t.Errorf("T-A has %s", *a.Barcode)
		}
		_, err = f.importCSV(header+withBarcode("T-A", "6900000000031"), false)
		if msg := fields(t, err)["line 2.barcode"]; !strings.Contains(msg, "T-C") {
			t.Errorf("taking T-C's barcode: %v", err)
		}
	})
}
