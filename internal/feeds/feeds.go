// Package feeds takes the daily data feeds of a store: POS sales, goods receipts, labour and
// expenses, as JSON {"lines": [...]} or CSV, up to 100,000 lines per request, all or nothing,
// with Idempotency-Key replay. Sales are upserted per (store, date, sku): a corrected re-send
// replaces the line and moves stock by the difference only.
package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Feed kinds.
const (
	KindSales    = "sales"
	KindReceipts = "receipts"
	KindLabour   = "labour"
	KindExpenses = "expenses"
)

// MaxLines is the most lines one request may carry.
const MaxLines = 100_000

// Expense categories of DESIGN.md §5.2.
var expenseCategories = []string{"materials", "repairs", "other"}

// columns lists each kind's fields: required first, then optional.
var columns = map[string]struct{ required, optional []string }{
	KindSales:    {[]string{"business_date", "sku", "qty", "net_sales", "cost"}, nil},
	KindReceipts: {[]string{"business_date", "sku", "qty", "cost"}, []string{"expiry_date"}},
	KindLabour:   {[]string{"business_date", "department_code", "headcount", "hours", "cost"}, nil},
	KindExpenses: {[]string{"business_date", "department_code", "category", "amount"}, []string{"note"}},
}

// cell is one value as sent: JSON strings and numbers both arrive as text, so a bad value is
// reported against its field instead of failing the whole decode.
type cell struct {
	s   string
	set bool
}

func (c *cell) UnmarshalJSON(b []byte) error {
	c.set = true
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		c.s = ""
	case len(b) > 1 && b[0] == '"' && bytes.IndexByte(b, '\\') < 0:
		c.s = string(b[1 : len(b)-1]) // the common case: no escapes to undo
	case len(b) > 0 && b[0] == '"':
		return json.Unmarshal(b, &c.s)
	case len(b) > 0 && (b[0] == '{' || b[0] == '['):
		c.s = "\x00object"
	default:
		c.s = string(b)
	}
	return nil
}

// rawLine holds every field any kind takes; which ones a kind allows is checked after.
type rawLine struct {
	BusinessDate   cell `json:"business_date"`
	SKU            cell `json:"sku"`
	Qty            cell `json:"qty"`
	NetSales       cell `json:"net_sales"`
	Cost           cell `json:"cost"`
	ExpiryDate     cell `json:"expiry_date"`
	DepartmentCode cell `json:"department_code"`
	Headcount      cell `json:"headcount"`
	Hours          cell `json:"hours"`
	Category       cell `json:"category"`
	Amount         cell `json:"amount"`
	Note           cell `json:"note"`
}

type namedCell struct {
	name string
	c    *cell
}

// all lists the cells without allocating, for the allowed-fields check.
func (r *rawLine) all() [12]namedCell {
	return [12]namedCell{{"business_date", &r.BusinessDate}, {"sku", &r.SKU}, {"qty", &r.Qty},
		{"net_sales", &r.NetSales}, {"cost", &r.Cost}, {"expiry_date", &r.ExpiryDate},
		{"department_code", &r.DepartmentCode}, {"headcount", &r.Headcount}, {"hours", &r.Hours},
		{"category", &r.Category}, {"amount", &r.Amount}, {"note", &r.Note}}
}

// problems collects field errors of a whole request, capped so a broken 100,000-line file
// answers a readable list.
type problems struct {
	fe      apperr.FieldErrors
	dropped int
}

const maxProblems = 500

func newProblems() *problems { return &problems{fe: apperr.FieldErrors{}} }

func (p *problems) add(field, msg string) {
	if len(p.fe) >= maxProblems {
		p.dropped++
		return
	}
	p.fe.Add(field, msg)
}

func (p *problems) err() error {
	if p.dropped > 0 {
		p.fe["lines"] = fmt.Sprintf("… and %d more problems not listed", p.dropped)
	}
	return p.fe.Err()
}

// at names a line's field: JSON paths for JSON bodies, file lines for CSV.
type at struct {
	csv   bool
	index int // JSON array index or CSV file line
}

func (a at) field(name string) string {
	if a.csv {
		return "line " + strconv.Itoa(a.index) + "." + name
	}
	return "lines[" + strconv.Itoa(a.index) + "]." + name
}

func (a at) String() string {
	if a.csv {
		return "line " + strconv.Itoa(a.index)
	}
	return "lines[" + strconv.Itoa(a.index) + "]"
}
