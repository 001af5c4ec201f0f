// Package budget owns the monthly department budgets of each store: a sales target, a gross
// margin target (percent), ceilings for labour, materials, repairs and shrink, and a sales
// per head target. Store managers set their own store's, admins every store's; supervisors
// read their own departments and HQ reads all. The KPI engine reads them through ForStores.
package budget

import (
	"fmt"
	"regexp"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Limits of the amounts. The money cap is far above any department's month; the margin target
// is a percent. ValidateAmounts also checks each amount against its column's range
// (Columns), and a test keeps the caps inside them.
const (
	MaxAmount = fixed.Money(1_000_000_000_000) // 10,000,000,000.00 yuan
	MaxPct    = fixed.Money(10_000)            // 100.00 %
)

// Amounts are the seven figures of a department's month; nil means no target is set.
type Amounts struct {
	SalesTarget          *fixed.Money
	GrossMarginPctTarget *fixed.Money // percent with 2 decimals: 2850 is 28.50 %
	LabourBudget         *fixed.Money
	MaterialsBudget      *fixed.Money
	RepairsBudget        *fixed.Money
	ShrinkBudget         *fixed.Money
	SalesPerHeadTarget   *fixed.Money
}

// Field is one amount with the name clients use for it.
type Field struct {
	Name  string
	Value **fixed.Money
}

// FieldNames lists the amounts' JSON names in the order screens show them.
var FieldNames = [7]string{"sales_target", "gross_margin_pct_target", "labour_budget", "materials_budget",
	"repairs_budget", "shrink_budget", "sales_per_head_target"}

// Columns are the DECIMAL columns of the amounts, in the order of FieldNames.
var Columns = [7]fixed.Column{fixed.BudgetsSalesTarget, fixed.BudgetsGrossMarginPctTarget, fixed.BudgetsLabourBudget,
	fixed.BudgetsMaterialsBudget, fixed.BudgetsRepairsBudget, fixed.BudgetsShrinkBudget, fixed.BudgetsSalesPerHeadTarget}

// Fields lists a's amounts by name, for code that treats them alike.
func (a *Amounts) Fields() [7]Field {
	ptrs := [7]**fixed.Money{&a.SalesTarget, &a.GrossMarginPctTarget, &a.LabourBudget, &a.MaterialsBudget,
		&a.RepairsBudget, &a.ShrinkBudget, &a.SalesPerHeadTarget}
	var out [7]Field
	for i := range ptrs {
		out[i] = Field{Name: FieldNames[i], Value: ptrs[i]}
	}
	return out
}

// Empty reports whether no amount is set.
func (a Amounts) Empty() bool {
	for _, f := range a.Fields() {
		if *f.Value != nil {
			return false
		}
	}
	return true
}

// Equal reports whether a and b hold the same amounts.
func (a Amounts) Equal(b Amounts) bool {
	fa, fb := a.Fields(), b.Fields()
	for i := range fa {
		x, y := *fa[i].Value, *fb[i].Value
		if (x == nil) != (y == nil) || (x != nil && *x != *y) {
			return false
		}
	}
	return true
}

// Budget is one department's budget of one month. A department without a stored budget has
// Version 0, no amounts and no UpdatedAt.
type Budget struct {
	StoreID        int64
	Month          string // YYYY-MM
	DepartmentCode string
	Amounts
	Version   int
	UpdatedAt *time.Time
	UpdatedBy string
}

// Edit is a requested change of one department's month: the new amounts and the version
// they are based on (0 creates).
type Edit struct {
	DepartmentCode string
	Amounts
	Version int
}

var monthPattern = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// ValidMonth reports whether m is a month written YYYY-MM.
func ValidMonth(m string) bool { return monthPattern.MatchString(m) }

// CheckMonth names the field when m is not a month YYYY-MM.
func CheckMonth(field, m string) error {
	if !ValidMonth(m) {
		return apperr.Field(field, "must be a month YYYY-MM")
	}
	return nil
}

// PreviousMonth is the month before m (a valid month).
func PreviousMonth(m string) string {
	t, _ := time.Parse("2006-01", m)
	return t.AddDate(0, -1, 0).Format("2006-01")
}

// MonthOf is the month YYYY-MM of t.
func MonthOf(t time.Time) string { return t.Format("2006-01") }

// ValidateAmounts names every amount out of range, each prefixed (for example "items[2].").
func ValidateAmounts(a Amounts, prefix string, fe apperr.FieldErrors) {
	for i, f := range a.Fields() {
		v := *f.Value
		switch {
		case v == nil:
			continue
		case *v < 0:
			fe.Add(prefix+f.Name, "must be 0 or more")
		case f.Name == "gross_margin_pct_target" && *v > MaxPct:
			fe.Add(prefix+f.Name, "must be a percent from 0 to 100")
		case *v > MaxAmount:
			fe.Add(prefix+f.Name, fmt.Sprintf("must be at most %s", MaxAmount))
		}
		Columns[i].FieldMoney(fe, prefix+f.Name, *v)
	}
}
