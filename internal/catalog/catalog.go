// Package catalog owns the chain's product catalogue: what each SKU is, which department
// sells it, how it is packed, how long it keeps and what it costs and sells for. Other
// modules read products through Ref and the Service's Refs* methods, never the table.
package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Units a product is sold by.
const (
	UnitKg   = "kg"
	UnitEach = "each"
)

// Limits of a product's fields. The caps on quantities and prices are far above any real
// product; Validate also checks each value against its column's range (fixed.ProductsCasePack,
// fixed.ProductsCostPrice, fixed.ProductsRetailPrice), and a test keeps the caps inside them.
const (
	MaxNameLen     = 200
	MaxCategoryLen = 64
	MaxLocationLen = 32
	MaxShelfLife   = 3650
	MaxCasePack    = fixed.Qty(100_000_000)   // 100,000.000
	MaxPrice       = fixed.Money(100_000_000) // 1,000,000.00
)

// Product is one SKU of the catalogue.
type Product struct {
	ID             int64
	SKU            string
	Name           string
	DepartmentCode string
	Category       string
	Unit           string
	CasePack       fixed.Qty
	ShelfLifeDays  int
	CostPrice      fixed.Money
	RetailPrice    fixed.Money
	Perishable     bool
	Barcode        *string // nil when the product has none
	Location       string  // shelf location; count sheets are sorted by it
	Active         bool
	SupplierID     *int64 // nil when the product names no supplier
	MinOrderQty    fixed.Qty
	// SupplierCode is the supplier's code (nil: none); the service keeps it and SupplierID in step.
	SupplierCode *string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Ref is what other modules need to know about a product.
type Ref struct {
	ID             int64
	SKU            string
	Name           string
	DepartmentCode string
	Category       string
	Unit           string
	CaseContents   fixed.Qty // the case pack: how many units (or kg) one case holds
	ShelfLifeDays  int
	CostPrice      fixed.Money
	RetailPrice    fixed.Money
	Perishable     bool
	Active         bool
	Location       string
	SupplierID     *int64 // nil: not ordered from a supplier
	MinOrderQty    fixed.Qty
}

// RefOf reduces a product to its reference.
func RefOf(p Product) Ref {
	return Ref{ID: p.ID, SKU: p.SKU, Name: p.Name, DepartmentCode: p.DepartmentCode, Category: p.Category,
		Unit: p.Unit, CaseContents: p.CasePack, ShelfLifeDays: p.ShelfLifeDays, CostPrice: p.CostPrice,
		RetailPrice: p.RetailPrice, Perishable: p.Perishable, Active: p.Active, Location: p.Location,
		SupplierID: p.SupplierID, MinOrderQty: p.MinOrderQty}
}

var (
	skuPattern     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)
	barcodePattern = regexp.MustCompile(`^[0-9]{8,14}$`)
)

// reservedSKUs would be shadowed by the static routes /products/import and /products/export.
var reservedSKUs = []string{"import", "export"}

// Validate checks a product's own fields and names every problem. Whether its department
// exists is the service's business (it needs the database).
func Validate(p Product) error {
	fe := apperr.FieldErrors{}
	switch {
	case !skuPattern.MatchString(p.SKU):
		fe.Add("sku", "must be 1-32 letters, digits, '_' or '-', starting with a letter or digit")
	case slices.Contains(reservedSKUs, strings.ToLower(p.SKU)):
		fe.Add("sku", "must not be \""+p.SKU+"\": it is a reserved word")
	}
	checkText(fe, "name", p.Name, MaxNameLen, true)
	if p.DepartmentCode == "" {
		fe.Add("department_code", "is required")
	}
	checkText(fe, "category", p.Category, MaxCategoryLen, true)
	if p.Unit != UnitKg && p.Unit != UnitEach {
		fe.Add("unit", "must be one of: kg, each")
	}
	switch {
	case p.CasePack <= 0:
		fe.Add("case_pack", "must be greater than 0")
	case p.CasePack > MaxCasePack:
		fe.Add("case_pack", "must be at most "+MaxCasePack.String())
	case p.Unit == UnitEach && p.CasePack%fixed.QtyOf(1) != 0:
		fe.Add("case_pack", "must be a whole number for unit each")
	}
	fixed.ProductsCasePack.FieldQty(fe, "case_pack", p.CasePack)
	switch {
	case p.ShelfLifeDays < 0 || p.ShelfLifeDays > MaxShelfLife:
		fe.Add("shelf_life_days", fmt.Sprintf("must be from 0 to %d", MaxShelfLife))
	case p.Perishable && p.ShelfLifeDays < 1:
		fe.Add("shelf_life_days", "must be at least 1 for a perishable product")
	}
	checkPrice(fe, "cost_price", fixed.ProductsCostPrice, p.CostPrice, false)
	checkPrice(fe, "retail_price", fixed.ProductsRetailPrice, p.RetailPrice, true)
	if p.Barcode != nil && !barcodePattern.MatchString(*p.Barcode) {
		fe.Add("barcode", "must be 8-14 digits")
	}
	checkText(fe, "location", p.Location, MaxLocationLen, false)
	if p.MinOrderQty < 0 {
		fe.Add("min_order_qty", "must be 0 or more")
	} else {
		fixed.ProductsMinOrderQty.FieldQty(fe, "min_order_qty", p.MinOrderQty)
	}
	return fe.Err()
}

// checkText checks length in characters and refuses a leading =, +, - or @, which a
// spreadsheet opening the exported CSV would run as a formula.
func checkText(fe apperr.FieldErrors, field, v string, max int, required bool) {
	n := utf8.RuneCountInString(v)
	switch {
	case required && strings.TrimSpace(v) == "":
		fe.Add(field, "is required")
	case n > max:
		fe.Add(field, fmt.Sprintf("must be at most %d characters", max))
	case v != "" && strings.ContainsRune("=+-@", rune(v[0])):
		fe.Add(field, "must not start with =, +, - or @ (spreadsheets read that as a formula)")
	case strings.ContainsFunc(v, isControl):
		fe.Add(field, "must not contain control characters")
	}
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// checkPrice checks a price's sign, the catalogue's cap and the range of its column.
func checkPrice(fe apperr.FieldErrors, field string, col fixed.Column, m fixed.Money, positive bool) {
	switch {
	case positive && m <= 0:
		fe.Add(field, "must be greater than 0")
	case m < 0:
		fe.Add(field, "must not be negative")
	case m > MaxPrice:
		fe.Add(field, "must be at most "+MaxPrice.String())
	}
	col.FieldMoney(fe, field, m)
}

// checkDepartment names the field when code is not one of the chain's departments.
func checkDepartment(fe apperr.FieldErrors, field, code string, known []string) {
	if code != "" && !slices.Contains(known, code) {
		fe.Add(field, "unknown department "+code+" (known: "+strings.Join(known, ", ")+")")
	}
}

// sameContent reports whether two products hold the same editable values, so an import
// can leave identical rows alone.
func sameContent(a, b Product) bool {
	return a.Name == b.Name && a.DepartmentCode == b.DepartmentCode && a.Category == b.Category &&
		a.Unit == b.Unit && a.CasePack == b.CasePack && a.ShelfLifeDays == b.ShelfLifeDays &&
		a.CostPrice == b.CostPrice && a.RetailPrice == b.RetailPrice && a.Perishable == b.Perishable &&
		barcodeOf(a) == barcodeOf(b) && a.Location == b.Location && a.Active == b.Active &&
		supplierOf(a) == supplierOf(b) && a.MinOrderQty == b.MinOrderQty
}

// supplierOf is the product's supplier code, "" for none.
func supplierOf(p Product) string {
	if p.SupplierCode == nil {
		return ""
	}
	return *p.SupplierCode
}

func barcodeOf(p Product) string {
	if p.Barcode == nil {
		return ""
	}
	return *p.Barcode
}

// Filter narrows product lists, exports and FindRefs. Q matches a SKU prefix, a part of the
// name or a whole barcode.
type Filter struct {
	Q              string
	DepartmentCode string
	// DepartmentCodes, when not nil, keeps only products of these departments (a
	// supervisor's scope); an empty non-nil list keeps none.
	DepartmentCodes []string
	Category        string
	Perishable      *bool
	Active          *bool
}
