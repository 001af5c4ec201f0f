package kpi

import (
	"math/big"
	"time"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Plan holds one store's stored budgets: department → month (YYYY-MM) → amounts.
type Plan map[string]map[string]budget.Amounts

// PlansOf groups budgets by store.
func PlansOf(list []budget.Budget) map[int64]Plan {
	out := map[int64]Plan{}
	for _, b := range list {
		p := out[b.StoreID]
		if p == nil {
			p = Plan{}
			out[b.StoreID] = p
		}
		if p[b.DepartmentCode] == nil {
			p[b.DepartmentCode] = map[string]budget.Amounts{}
		}
		p[b.DepartmentCode][b.Month] = b.Amounts
	}
	return out
}

// MonthShare is the part of one month a range of days covers (civil.MonthShares makes them).
type MonthShare = civil.MonthShare

// Targets is a scope's budget pro-rated to a range of days, exact; nil where the scope has
// no such budget. Money is in cents, percents in hundredths.
type Targets struct {
	Sales, GrossMargin, GrossMarginPct            *big.Rat
	Labour, Materials, Repairs, Shrink, ShrinkPct *big.Rat
	Opex, SalesPerHead                            *big.Rat
}

func (t Targets) of(k Key) *big.Rat {
	switch k {
	case Sales:
		return t.Sales
	case GrossMargin:
		return t.GrossMargin
	case GrossMarginPct:
		return t.GrossMarginPct
	case LabourCost:
		return t.Labour
	case Materials:
		return t.Materials
	case Repairs:
		return t.Repairs
	case Shrink:
		return t.Shrink
	case ShrinkPct:
		return t.ShrinkPct
	case Opex:
		return t.Opex
	case SalesPerHead:
		return t.SalesPerHead
	}
	return nil // cogs and sales per labour hour have no budget line
}

type amountOf func(budget.Amounts) *fixed.Money

func salesTarget(a budget.Amounts) *fixed.Money { return a.SalesTarget }

// ProRate works out the budget of the departments depts over the months of shares: each
// month's amount × days of the range in it ÷ days of the month, summed. A budget line is
// nil unless every department has it in every month touched, since a partial sum would
// make a made-up comparison.
//
// The margin percent is not pro-rated: when the months and departments share one target it
// is that target, otherwise the targets weighted by the pro-rated sales targets. The
// shrink percent budget is shrink ÷ sales budget; sales per head is pro-rated like sales,
// and over several departments it is their sales budget ÷ their planned heads (each
// department's sales budget ÷ its sales per head target).
func ProRate(plan Plan, depts []string, shares []MonthShare) Targets {
	if len(depts) == 0 || len(shares) == 0 {
		return Targets{}
	}
	sum := func(get amountOf) *big.Rat {
		total := new(big.Rat)
		for _, d := range depts {
			v := deptSum(plan, d, shares, get)
			if v == nil {
				return nil
			}
			total.Add(total, v)
		}
		return total
	}
	t := Targets{Sales: sum(salesTarget), Labour: sum(func(a budget.Amounts) *fixed.Money { return a.LabourBudget }),
		Materials: sum(func(a budget.Amounts) *fixed.Money { return a.MaterialsBudget }),
		Repairs:   sum(func(a budget.Amounts) *fixed.Money { return a.RepairsBudget }),
		Shrink:    sum(func(a budget.Amounts) *fixed.Money { return a.ShrinkBudget })}
	if t.Labour != nil && t.Materials != nil && t.Repairs != nil {
		t.Opex = new(big.Rat).Add(t.Labour, new(big.Rat).Add(t.Materials, t.Repairs))
	}
	t.GrossMargin = grossMargin(plan, depts, shares)
	t.GrossMarginPct = marginPct(plan, depts, shares, t.GrossMargin, t.Sales)
	if t.Shrink != nil && t.Sales != nil && t.Sales.Sign() != 0 {
		t.ShrinkPct = new(big.Rat).Mul(new(big.Rat).Quo(t.Shrink, t.Sales), big.NewRat(10_000, 1))
	}
	t.SalesPerHead = salesPerHead(plan, depts, shares)
	return t
}

// deptSum is one department's amount pro-rated over the shares; nil if a month lacks it.
func deptSum(plan Plan, dept string, shares []MonthShare, get amountOf) *big.Rat {
	total := new(big.Rat)
	for _, s := range shares {
		a, ok := plan[dept][s.Month]
		v := get(a)
		if !ok || v == nil {
			return nil
		}
		total.Add(total, big.NewRat(int64(*v)*int64(s.Days), int64(s.MonthDays)))
	}
	return total
}

// grossMargin is Σ pro-rated sales target × margin target, in cents.
func grossMargin(plan Plan, depts []string, shares []MonthShare) *big.Rat {
	total := new(big.Rat)
	for _, d := range depts {
		for _, s := range shares {
			a := plan[d][s.Month]
			if a.SalesTarget == nil || a.GrossMarginPctTarget == nil {
				return nil
			}
			v := new(big.Rat).SetFrac64(int64(*a.SalesTarget)*int64(s.Days), int64(s.MonthDays))
			total.Add(total, v.Mul(v, big.NewRat(int64(*a.GrossMarginPctTarget), 10_000)))
		}
	}
	return total
}

func marginPct(plan Plan, depts []string, shares []MonthShare, gm, sales *big.Rat) *big.Rat {
	var first *fixed.Money
	same := true
	for _, d := range depts {
		for _, s := range shares {
			v := plan[d][s.Month].GrossMarginPctTarget
			if v == nil {
				return nil
			}
			if first == nil {
				first = v
			}
			same = same && *v == *first
		}
	}
	switch {
	case same:
		return big.NewRat(int64(*first), 1)
	case gm != nil && sales != nil && sales.Sign() != 0:
		return new(big.Rat).Mul(new(big.Rat).Quo(gm, sales), big.NewRat(10_000, 1))
	}
	return nil
}

func salesPerHead(plan Plan, depts []string, shares []MonthShare) *big.Rat {
	perHead := func(a budget.Amounts) *fixed.Money { return a.SalesPerHeadTarget }
	if len(depts) == 1 {
		return deptSum(plan, depts[0], shares, perHead)
	}
	sales, heads := new(big.Rat), new(big.Rat)
	for _, d := range depts {
		s, h := deptSum(plan, d, shares, salesTarget), deptSum(plan, d, shares, perHead)
		if s == nil || h == nil || h.Sign() == 0 {
			return nil
		}
		sales.Add(sales, s)
		heads.Add(heads, new(big.Rat).Quo(s, h))
	}
	if heads.Sign() == 0 {
		return nil
	}
	return sales.Quo(sales, heads)
}

// DailySalesTarget is the scope's sales target of one day: each department's month target ÷
// days of the month; nil unless every department has one.
func DailySalesTarget(plan Plan, depts []string, day civil.Date) *big.Rat {
	if len(depts) == 0 {
		return nil
	}
	share := []MonthShare{{Month: monthOf(day), Days: 1, MonthDays: daysInMonth(day)}}
	total := new(big.Rat)
	for _, d := range depts {
		v := deptSum(plan, d, share, salesTarget)
		if v == nil {
			return nil
		}
		total.Add(total, v)
	}
	return total
}

func monthOf(d civil.Date) string { return d.String()[:7] }

func daysInMonth(d civil.Date) int {
	y, m, _ := d.Time().Date()
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func firstOfMonth(d civil.Date) civil.Date {
	_, _, day := d.Time().Date()
	return d.AddDays(1 - day)
}

func lastOfMonth(d civil.Date) civil.Date { return firstOfMonth(d).AddDays(daysInMonth(d) - 1) }

// shift moves a date by months; the day is kept where the target month has it, otherwise
// it becomes that month's last day, and a month's last day stays a last day, so a whole
// month maps onto a whole month.
func shift(d civil.Date, months int) civil.Date {
	y, m, day := d.Time().Date()
	first := civil.Of(time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC))
	n := daysInMonth(first)
	if day > n || d == lastOfMonth(d) {
		day = n
	}
	return first.AddDays(day - 1)
}

// monthRange is the first and last day of a month YYYY-MM.
func monthRange(month string) (civil.Date, civil.Date, error) {
	from, err := civil.Parse(month + "-01")
	if err != nil {
		return 0, 0, err
	}
	return from, lastOfMonth(from), nil
}
