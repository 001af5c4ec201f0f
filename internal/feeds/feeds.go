// Package feeds takes the daily data feeds of a store: POS sales, goods receipts, labour and
// expenses, as JSON {"lines": [...]} or CSV (UTF-8, GBK or GB18030), up to 100,000 lines per
// request, all or nothing, with Idempotency-Key replay and a dry run. Sales are upserted per
// (store, date, sku): a corrected re-send replaces the line and moves stock by the
// difference only.
package feeds

import (
	"strconv"

	"github.com/storeops/storeops/internal/platform/upload"
)

// Feed kinds.
const (
	KindSales    = "sales"
	KindReceipts = "receipts"
	KindLabour   = "labour"
	KindExpenses = "expenses"
)

// Kinds lists the feed kinds.
var Kinds = []string{KindSales, KindReceipts, KindLabour, KindExpenses}

// MaxLines is the most lines one request may carry.
const MaxLines = 100_000

// Expense categories of DESIGN.md §5.2.
var expenseCategories = []string{"materials", "repairs", "other"}

// numbers are the fields sent as decimals: JSON numbers or strings.
var numbers = []string{"qty", "net_sales", "cost", "headcount", "hours", "amount"}

// specs lists each kind's fields: required first, then optional.
var specs = map[string]upload.Spec{
	KindSales: {Array: "lines", MaxLines: MaxLines, Numbers: numbers,
		Required: []string{"business_date", "sku", "qty", "net_sales", "cost"}},
	KindReceipts: {Array: "lines", MaxLines: MaxLines, Numbers: numbers,
		Required: []string{"business_date", "sku", "qty", "cost"}, Optional: []string{"expiry_date"}},
	KindLabour: {Array: "lines", MaxLines: MaxLines, Numbers: numbers,
		Required: []string{"business_date", "department_code", "headcount", "hours", "cost"}},
	KindExpenses: {Array: "lines", MaxLines: MaxLines, Numbers: numbers,
		Required: []string{"business_date", "department_code", "category", "amount"}, Optional: []string{"note"}},
}

// cell is one value as sent: JSON strings and numbers both arrive as text, so a bad value is
// reported against its field.
type cell struct {
	s   string
	set bool
}

// rawLine holds every field any kind takes, as text, until the products it names are
// looked up.
type rawLine struct {
	a                                                at
	businessDate, sku, qty, netSales, cost, expiry   cell
	departmentCode, headcount, hours, category, note cell
	amount                                           cell
}

func (r *rawLine) fill(l *upload.Line) {
	get := func(name string) cell { v, ok := l.Get(name); return cell{v, ok} }
	r.businessDate, r.sku, r.qty, r.netSales = get("business_date"), get("sku"), get("qty"), get("net_sales")
	r.cost, r.expiry, r.departmentCode = get("cost"), get("expiry_date"), get("department_code")
	r.headcount, r.hours, r.category = get("headcount"), get("hours"), get("category")
	r.note, r.amount = get("note"), get("amount")
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
