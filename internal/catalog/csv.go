package catalog

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/csvx"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// The CSV columns of import and export; the optional ones may be left out of an import.
var (
	RequiredColumns = []string{"sku", "name", "department_code", "category", "unit", "case_pack",
		"shelf_life_days", "cost_price", "retail_price", "perishable"}
	OptionalColumns = []string{"barcode", "location", "active"}
)

// Import reads a product CSV (UTF-8, with or without a byte-order mark; header on line 1)
// and, when every line is good and dryRun is false, creates or updates the products in one
// transaction. Lines identical to the catalogue change nothing. Problems are named
// "line N.column"; at most MaxImportProblems are listed and the rest counted under "lines".
func (s *Service) Import(ctx context.Context, p *authz.Principal, r io.Reader, dryRun bool) (ImportResult, error) {
	rd, err := csvx.NewReader(r, RequiredColumns, OptionalColumns)
	if err != nil {
		return ImportResult{}, err
	}
	pr := newProblems()
	var lines []ImportLine
	for {
		err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var fe apperr.FieldErrors
		if errors.As(err, &fe) {
			// Not UTF-8 or malformed CSV: the rest of the file cannot be read reliably.
			for k, v := range fe {
				pr.add(k, v)
			}
			return ImportResult{Lines: len(lines)}, pr.err()
		}
		if err != nil {
			return ImportResult{Lines: len(lines)}, err
		}
		lines = append(lines, parseLine(rd, pr))
	}
	return s.importLines(ctx, p, lines, pr, dryRun)
}

// parseLine reads one record; cells that do not parse are reported, and Validate later
// keeps those first messages.
func parseLine(rd *csvx.Reader, pr *problems) ImportLine {
	line := rd.Line()
	label := func(column string) string { return csvx.Field(line, column) }
	p := Product{SKU: rd.Get("sku"), Name: rd.Get("name"), DepartmentCode: rd.Get("department_code"),
		Category: rd.Get("category"), Unit: rd.Get("unit"), Location: rd.Get("location")}
	cell := func(column string) (string, bool) {
		v := rd.Get(column)
		if v == "" {
			pr.add(label(column), "is required")
		}
		return v, v != ""
	}
	if v, ok := cell("case_pack"); ok {
		q, err := fixed.ParseQty(v)
		if err != nil {
			pr.add(label("case_pack"), fixed.Message(err, 3))
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
				pr.add(label(c.column), fixed.Message(err, 2))
			}
			*c.dst = m
		}
	}
	if v, ok := cell("shelf_life_days"); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			pr.add(label("shelf_life_days"), "must be a whole number of days")
		}
		p.ShelfLifeDays = n
	}
	if v, ok := cell("perishable"); ok {
		b, err := parseBool(v)
		if err != nil {
			pr.add(label("perishable"), err.Error())
		}
		p.Perishable = b
	}
	p.Active = true
	if v := rd.Get("active"); v != "" {
		b, err := parseBool(v)
		if err != nil {
			pr.add(label("active"), err.Error())
		}
		p.Active = b
	}
	if v := rd.Get("barcode"); v != "" {
		p.Barcode = &v
	}
	return ImportLine{Product: p, HasBarcode: rd.Has("barcode"), HasLocation: rd.Has("location"),
		HasActive: rd.Has("active"), label: label}
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
		strconv.FormatBool(p.Perishable), barcodeOf(p), p.Location, strconv.FormatBool(p.Active)}
}
