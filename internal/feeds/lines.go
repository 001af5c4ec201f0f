package feeds

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/upload"
)

// rules is what validating a store's lines needs to know.
type rules struct {
	products    map[string]*catalog.Ref
	today       civil.Date
	departments []string          // departments the store runs
	canSee      func(string) bool // the caller's department scope
	pr          *upload.Problems
}

type saleLine struct {
	date     civil.Date
	ref      *catalog.Ref
	qty      fixed.Qty
	sales    fixed.Money
	cost     fixed.Money
	position int32
}

type receiptLine struct {
	date, expiry civil.Date
	ref          *catalog.Ref
	qty          fixed.Qty
	cost         fixed.Money
	position     int32
}

type labourLine struct {
	date           civil.Date
	department     string
	headcount, hrs fixed.Qty
	cost           fixed.Money
}

type expenseLine struct {
	date       civil.Date
	department string
	category   string
	note       string
	amount     fixed.Money
}

func (r *rules) date(c cell, a at, name string) civil.Date {
	if c.s == "" {
		r.pr.Add(a.field(name), "is required")
		return 0
	}
	d, err := civil.Parse(c.s)
	if err != nil {
		r.pr.Add(a.field(name), err.Error())
		return 0
	}
	switch {
	case name == "business_date" && d > r.today:
		r.pr.Add(a.field(name), fmt.Sprintf("is in the future: today is %s in the store's time zone", r.today))
	case name == "business_date" && d < earliestBusinessDate:
		r.pr.Add(a.field(name), "must be on or after "+earliestBusinessDate.String())
	case name == "expiry_date" && d > r.today.AddDays(maxShelfDays):
		r.pr.Add(a.field(name), fmt.Sprintf("must be at most ten years ahead (%s)", r.today.AddDays(maxShelfDays)))
	}
	return d
}

// earliestBusinessDate bounds history: years of it load, a typo such as 0001-01-01 does not.
var earliestBusinessDate = civil.Of(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))

// maxShelfDays is how far ahead an expiry date may lie: ten years covers tinned food.
const maxShelfDays = 3653

// qty reads a quantity that must fit col, the column it is stored in.
func (r *rules) qty(c cell, a at, name string, col fixed.Column) fixed.Qty {
	if c.s == "" {
		r.pr.Add(a.field(name), "is required")
		return 0
	}
	q, err := fixed.ParseQty(c.s)
	switch {
	case err != nil:
		r.pr.Add(a.field(name), fixed.Message(err, 3))
	case col.CheckQty(q) != nil:
		r.pr.Add(a.field(name), col.CheckQty(q).Error())
	case q < 0:
		r.pr.Add(a.field(name), "must not be negative")
	}
	return q
}

// money reads an amount that must fit col, the column it is stored in.
func (r *rules) money(c cell, a at, name string, col fixed.Column) fixed.Money {
	if c.s == "" {
		r.pr.Add(a.field(name), "is required")
		return 0
	}
	m, err := fixed.ParseMoney(c.s)
	switch {
	case err != nil:
		r.pr.Add(a.field(name), fixed.Message(err, 2))
	case col.CheckMoney(m) != nil:
		r.pr.Add(a.field(name), col.CheckMoney(m).Error())
	case m < 0:
		r.pr.Add(a.field(name), "must not be negative")
	}
	return m
}

func (r *rules) product(c cell, a at) *catalog.Ref {
	if c.s == "" {
		r.pr.Add(a.field("sku"), "is required")
		return nil
	}
	ref := r.products[c.s]
	switch {
	case ref == nil:
		r.pr.Add(a.field("sku"), fmt.Sprintf("unknown SKU %q", truncate(c.s)))
		return nil
	case !slices.Contains(r.departments, ref.DepartmentCode):
		r.pr.Add(a.field("sku"), fmt.Sprintf("%s belongs to department %s, which this store does not run", ref.SKU, ref.DepartmentCode))
	case !r.canSee(ref.DepartmentCode):
		r.pr.Add(a.field("sku"), fmt.Sprintf("%s belongs to department %s, which is not yours", ref.SKU, ref.DepartmentCode))
	}
	return ref
}

func (r *rules) department(c cell, a at) string {
	switch {
	case c.s == "":
		r.pr.Add(a.field("department_code"), "is required")
	case !slices.Contains(r.departments, c.s):
		r.pr.Add(a.field("department_code"), fmt.Sprintf("unknown department %q for this store: it runs %s",
			truncate(c.s), strings.Join(r.departments, ", ")))
	case !r.canSee(c.s):
		r.pr.Add(a.field("department_code"), "is not one of your departments")
	}
	return c.s
}

func truncate(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// duplicates remembers where each key was first seen in a request.
type duplicates[K comparable] map[K]at

func (d duplicates[K]) check(k K, a at, pr *upload.Problems, field string) {
	if first, ok := d[k]; ok {
		pr.Add(a.field(field), "repeats "+first.String()+": send each line once")
		return
	}
	d[k] = a
}

func (r *rules) sale(raw *rawLine, seen duplicates[[2]int64], out *[]saleLine) {
	a := raw.a
	l := saleLine{date: r.date(raw.businessDate, a, "business_date"), ref: r.product(raw.sku, a),
		qty: r.qty(raw.qty, a, "qty", fixed.SalesLinesQty), sales: r.money(raw.netSales, a, "net_sales", fixed.SalesLinesNetSales),
		cost: r.money(raw.cost, a, "cost", fixed.SalesLinesCost), position: int32(a.index)}
	if l.ref != nil && l.date != 0 {
		seen.check([2]int64{int64(l.date), l.ref.ID}, a, r.pr, "sku")
	}
	*out = append(*out, l)
}

func (r *rules) receipt(raw *rawLine, out *[]receiptLine) {
	a := raw.a
	l := receiptLine{date: r.date(raw.businessDate, a, "business_date"), ref: r.product(raw.sku, a),
		qty: r.qty(raw.qty, a, "qty", fixed.InventoryMovementsQty), cost: r.money(raw.cost, a, "cost", fixed.SalesLinesCost),
		position: int32(a.index)}
	if raw.qty.s != "" && l.qty == 0 {
		r.pr.Add(a.field("qty"), "must be greater than 0")
	} else if l.qty > 0 {
		if err := fixed.StockLotsUnitCost.CheckMoney(unitCost(l.cost, l.qty)); err != nil {
			r.pr.Add(a.field("cost"), "the unit cost (cost ÷ qty) "+err.Error())
		}
	}
	if raw.expiry.s != "" {
		l.expiry = r.date(raw.expiry, a, "expiry_date")
		if l.expiry != 0 && l.date != 0 && l.expiry < l.date {
			r.pr.Add(a.field("expiry_date"), "must not be before business_date")
		}
		if l.ref != nil && !l.ref.Perishable {
			r.pr.Add(a.field("expiry_date"), l.ref.SKU+" is not perishable and keeps no lots")
		}
	}
	*out = append(*out, l)
}

func (r *rules) labour(raw *rawLine, seen duplicates[string], out *[]labourLine) {
	a := raw.a
	l := labourLine{date: r.date(raw.businessDate, a, "business_date"), department: r.department(raw.departmentCode, a),
		headcount: r.qty(raw.headcount, a, "headcount", fixed.LabourLinesHeadcount), hrs: r.qty(raw.hours, a, "hours", fixed.LabourLinesHours),
		cost: r.money(raw.cost, a, "cost", fixed.LabourLinesCost)}
	seen.check(l.date.String()+"|"+l.department, a, r.pr, "department_code")
	*out = append(*out, l)
}

func (r *rules) expense(raw *rawLine, seen duplicates[string], out *[]expenseLine) {
	a := raw.a
	l := expenseLine{date: r.date(raw.businessDate, a, "business_date"), department: r.department(raw.departmentCode, a),
		category: raw.category.s, note: raw.note.s, amount: r.money(raw.amount, a, "amount", fixed.ExpenseLinesAmount)}
	if !slices.Contains(expenseCategories, l.category) {
		r.pr.Add(a.field("category"), "must be one of: materials, repairs, other")
	}
	if utf8.RuneCountInString(l.note) > 200 {
		r.pr.Add(a.field("note"), "must be at most 200 characters")
	}
	seen.check(strings.Join([]string{l.date.String(), l.department, l.category, l.note}, "|"), a, r.pr, "note")
	*out = append(*out, l)
}
