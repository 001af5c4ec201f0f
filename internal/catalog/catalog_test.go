package catalog

import (
	"errors"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func validProduct() Product {
	return Product{SKU: "P1", Name: "上海青", DepartmentCode: "produce", Category: "叶菜", Unit: UnitKg,
		CasePack: fixed.QtyOf(5), ShelfLifeDays: 2, CostPrice: 320, RetailPrice: 449, Perishable: true,
		Location: "A01-01", Active: true}
}

func strPtr(s string) *string { return &s }

func TestValidateNamesEveryBadField(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Product)
		field  string // "" means valid
	}{
		{"valid", func(p *Product) {}, ""},
		{"valid with barcode", func(p *Product) { p.Barcode = strPtr("6921000000149") }, ""},
		{"valid sku of 32", func(p *Product) { p.SKU = "A" + strings.Repeat("b_-", 10) + "9" }, ""},
		{"valid non-perishable without shelf life", func(p *Product) { p.Perishable, p.ShelfLifeDays = false, 0 }, ""},
		{"valid free cost", func(p *Product) { p.CostPrice = 0 }, ""},
		{"valid fractional kg case", func(p *Product) { p.CasePack = 2500 }, ""},
		{"sku empty", func(p *Product) { p.SKU = "" }, "sku"},
		{"sku leading dash", func(p *Product) { p.SKU = "-P1" }, "sku"},
		{"sku space", func(p *Product) { p.SKU = "P 1" }, "sku"},
		{"sku too long", func(p *Product) { p.SKU = strings.Repeat("A", 33) }, "sku"},
		{"sku chinese", func(p *Product) { p.SKU = "青菜" }, "sku"},
		{"sku import", func(p *Product) { p.SKU = "import" }, "sku"},
		{"sku Export", func(p *Product) { p.SKU = "Export" }, "sku"},
		{"name empty", func(p *Product) { p.Name = "  " }, "name"},
		{"name 201 runes", func(p *Product) { p.Name = strings.Repeat("菜", 201) }, "name"},
		{"name formula", func(p *Product) { p.Name = "=HYPERLINK(\"x\")" }, "name"},
		{"name control char", func(p *Product) { p.Name = "上海\t青" }, "name"},
		{"department missing", func(p *Product) { p.DepartmentCode = "" }, "department_code"},
		{"category empty", func(p *Product) { p.Category = "" }, "category"},
		{"category 65", func(p *Product) { p.Category = strings.Repeat("x", 65) }, "category"},
		{"unit box", func(p *Product) { p.Unit = "box" }, "unit"},
		{"case pack zero", func(p *Product) { p.CasePack = 0 }, "case_pack"},
		{"case pack negative", func(p *Product) { p.CasePack = -1000 }, "case_pack"},
		{"case pack huge", func(p *Product) { p.CasePack = MaxCasePack + 1 }, "case_pack"},
		{"fractional case of each", func(p *Product) { p.Unit, p.CasePack = UnitEach, 1500 }, "case_pack"},
		{"shelf life negative", func(p *Product) { p.ShelfLifeDays = -1 }, "shelf_life_days"},
		{"shelf life over ten years", func(p *Product) { p.ShelfLifeDays = 3651 }, "shelf_life_days"},
		{"perishable without shelf life", func(p *Product) { p.ShelfLifeDays = 0 }, "shelf_life_days"},
		{"cost negative", func(p *Product) { p.CostPrice = -1 }, "cost_price"},
		{"retail zero", func(p *Product) { p.RetailPrice = 0 }, "retail_price"},
		{"retail huge", func(p *Product) { p.RetailPrice = MaxPrice + 1 }, "retail_price"},
		{"barcode letters", func(p *Product) { p.Barcode = strPtr("69ABC000001") }, "barcode"},
		{"barcode short", func(p *Product) { p.Barcode = strPtr("1234567") }, "barcode"},
		{"barcode long", func(p *Product) { p.Barcode = strPtr("123456789012345") }, "barcode"},
		{"location 33", func(p *Product) { p.Location = strings.Repeat("A", 33) }, "location"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validProduct()
			tc.change(&p)
			err := Validate(p)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var fe apperr.FieldErrors
			if !errors.As(err, &fe) || fe[tc.field] == "" {
				t.Fatalf("want a problem with %s, got %v", tc.field, err)
			}
			if len(fe) != 1 {
				t.Errorf("want only %s named, got %v", tc.field, fe)
			}
		})
	}
}

func TestValidateReportsAllProblemsAtOnce(t *testing.T) {
	var fe apperr.FieldErrors
	if !errors.As(Validate(Product{}), &fe) {
		t.Fatal("an empty product must be invalid")
	}
	for _, f := range []string{"sku", "name", "department_code", "category", "unit", "case_pack", "retail_price"} {
		if fe[f] == "" {
			t.Errorf("%s not named in %v", f, fe)
		}
	}
}

func TestRetailPricesEndInNineAndKeepTheMargin(t *testing.T) {
	tests := []struct {
		cost   fixed.Money
		margin int
		want   string
	}{
		{320, 28, "4.49"}, // 3.20 / 0.72 = 4.445 → 4.45 → 4.49
		{60, 35, "0.99"},
		{10000, 20, "125.09"}, // 125.00 exactly: the first price ending in 9 at or above it
	}
	for _, tc := range tests {
		got := retailFor(tc.cost, tc.margin)
		if got.String() != tc.want {
			t.Errorf("retailFor(%s, %d) = %s, want %s", tc.cost, tc.margin, got, tc.want)
		}
	}
}

func TestEAN13CheckDigit(t *testing.T) {
	// 6901234567892 is a valid EAN-13.
	if got := ean13("690123456789"); got != "6901234567892" {
		t.Errorf("got %s", got)
	}
}

func TestDemoProductsAreValidUniqueAndStable(t *testing.T) {
	a, b := DemoProducts(), DemoProducts()
	if len(a) < 250 || len(a) > 350 {
		t.Fatalf("%d demo products, want about 300", len(a))
	}
	if a[0].SKU != FirstDemoSKU {
		t.Errorf("first SKU %s, want %s", a[0].SKU, FirstDemoSKU)
	}
	skus, barcodes, departments := map[string]bool{}, map[string]bool{}, map[string]int{}
	for i, p := range a {
		if err := Validate(p); err != nil {
			t.Errorf("%s %s: %v", p.SKU, p.Name, err)
		}
		if !sameContent(p, b[i]) || p.SKU != b[i].SKU {
			t.Errorf("%s differs between two calls", p.SKU)
		}
		if skus[p.SKU] {
			t.Errorf("SKU %s twice", p.SKU)
		}
		skus[p.SKU] = true
		if p.Barcode != nil {
			if barcodes[*p.Barcode] || ean13((*p.Barcode)[:12]) != *p.Barcode {
				t.Errorf("%s: barcode %s repeated or with a wrong check digit", p.SKU, *p.Barcode)
			}
			barcodes[*p.Barcode] = true
		}
		if p.CostPrice >= p.RetailPrice {
			t.Errorf("%s sells at %s below its cost %s", p.SKU, p.RetailPrice, p.CostPrice)
		}
		if p.Perishable != (p.DepartmentCode != "dry") {
			t.Errorf("%s (%s) perishable=%v", p.SKU, p.DepartmentCode, p.Perishable)
		}
		departments[p.DepartmentCode]++
	}
	for _, d := range []string{"produce", "meat", "seafood", "deli", "bakery", "dry"} {
		if departments[d] < 20 {
			t.Errorf("department %s has only %d products", d, departments[d])
		}
	}
}
