package catalog

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
)

// The CSV columns of import and export; the optional ones may be left out of an import.
var (
	RequiredColumns = []string{"sku", "name", "department_code", "category", "unit", "case_pack",
		"shelf_life_days", "cost_price", "retail_price", "perishable"}
	OptionalColumns = []string{"barcode", "location", "active", "supplier_code", "min_order_qty"}
)

// MaxImportLines is the most products one import may carry.
const MaxImportLines = 100_000

// importSpec is a product import, as CSV columns or JSON {"products": [...]}.
var importSpec = upload.Spec{Array: "products", Required: RequiredColumns, Optional: OptionalColumns,
	MaxLines: MaxImportLines, Numbers: []string{"case_pack", "shelf_life_days", "cost_price", "retail_price", "min_order_qty"},
	Bools: []string{"perishable", "active"}}

// Import is one product import as the request sent it.
type Import struct {
	Body io.Reader
	upload.Request
	// Scope and Query identify the request for Idempotency-Key replays.
	Scope, Query string
}

// Import reads a product CSV (UTF-8, GBK or GB18030; header on line 1) or JSON
// {"products": [...]} and, when every line is good and it is not a dry run, creates or
// updates the products in one transaction. Lines identical to the catalogue change nothing.
// Problems are named "line N.column" or "products[i].field"; at most upload.MaxProblems are
// listed and the rest counted under "lines".
func (s *Service) Import(ctx context.Context, p *authz.Principal, in Import) (ImportResult, error) {
	pr := upload.NewProblems()
	var lines []ImportLine
	res, err := upload.Read(in.Body, in.Format, in.Charset, importSpec, pr, func(l *upload.Line) {
		lines = append(lines, parseLine(l, pr))
	})
	if err != nil {
		return ImportResult{Lines: len(lines)}, err
	}
	key := idempotency.Key{Scope: in.Scope, Value: in.IdempotencyKey, Hash: idempotency.RequestHash(in.Query, res.Hash)}
	if in.DryRun {
		key = idempotency.Key{}
	}
	return s.importLines(ctx, p, lines, pr, in.DryRun, key)
}

// parseLine reads one product; cells that do not parse are reported, and Validate later
// keeps those first messages.
func parseLine(l *upload.Line, pr *upload.Problems) ImportLine {
	label := l.Labeler()
	get := func(column string) string { v, _ := l.Get(column); return v }
	p := Product{SKU: get("sku"), Name: get("name"), DepartmentCode: get("department_code"),
		Category: get("category"), Unit: get("unit"), Location: get("location")}
	cell := func(column string) (string, bool) {
		v := get(column)
		if v == "" {
			pr.Add(label(column), "is required")
		}
		return v, v != ""
	}
	if v, ok := cell("case_pack"); ok {
		q, err := fixed.ParseQty(v)
		if err != nil {
			pr.Add(label("case_pack"), fixed.Message(err, 3))
		}
		p.CasePack = q
	}
	for _, c := range []struct {
		column string
		dst    *fixed.Money
	}{{"cost_price", &p.CostPrice}, {"retail_price", &p.RetailPrice}} {
		if v, ok := cell(c.column); ok {
			m, err := fixed.ParseMoney(v)
			if err != nil {
				pr.Add(label(c.column), fixed.Message(err, 2))
			}
			*c.dst = m
		}
	}
	if v, ok := cell("shelf_life_days"); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			pr.Add(label("shelf_life_days"), "must be a whole number of days")
		}
		p.ShelfLifeDays = n
	}
	if v, ok := cell("perishable"); ok {
		b, err := parseBool(v)
		if err != nil {
			pr.Add(label("perishable"), err.Error())
		}
		p.Perishable = b
	}
	p.Active = true
	if v := get("active"); v != "" {
		b, err := parseBool(v)
		if err != nil {
			pr.Add(label("active"), err.Error())
		}
		p.Active = b
	}
	if v := get("barcode"); v != "" {
		p.Barcode = &v
	}
	if v := get("supplier_code"); v != "" {
		p.SupplierCode = &v
	}
	if v := get("min_order_qty"); v != "" {
		q, err := fixed.ParseQty(v)
		if err != nil {
			pr.Add(label("min_order_qty"), fixed.Message(err, 3))
		}
		p.MinOrderQty = q
	}
	_, hasBarcode := l.Get("barcode")
	_, hasLocation := l.Get("location")
	_, hasActive := l.Get("active")
	_, hasSupplier := l.Get("supplier_code")
	_, hasMOQ := l.Get("min_order_qty")
	return ImportLine{Product: p, HasBarcode: hasBarcode, HasLocation: hasLocation, HasActive: hasActive,
		HasSupplier: hasSupplier, HasMinOrderQty: hasMOQ, label: label}
}

// parseBool reads the yes/no spellings of Chinese spreadsheets as well as true/false.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "1", "是", "yes", "y":
		return true, nil
	case "false", "0", "否", "no", "n":
		return false, nil
	}
	return false, errors.New("must be true or false (also 1/0, 是/否)")
}

// Export writes the products matching f as CSV in SKU order, with the columns Import takes
// and a UTF-8 byte-order mark so that Excel shows Chinese text correctly.
func (s *Service) Export(ctx context.Context, w io.Writer, f Filter) error {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(append(append([]string{}, RequiredColumns...), OptionalColumns...)); err != nil {
		return err
	}
	err := eachProduct(ctx, s.db, f, func(ps []Product) error {
		if err := s.withSupplierCodes(ctx, s.db, ps); err != nil {
			return err
		}
		for _, p := range ps {
			if err := cw.Write(record(p)); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func record(p Product) []string {
	return []string{p.SKU, p.Name, p.DepartmentCode, p.Category, p.Unit, p.CasePack.String(),
		strconv.Itoa(p.ShelfLifeDays), p.CostPrice.String(), p.RetailPrice.String(),
		strconv.FormatBool(p.Perishable), barcodeOf(p), p.Location, strconv.FormatBool(p.Active), supplierOf(p),
		p.MinOrderQty.String()}
}
