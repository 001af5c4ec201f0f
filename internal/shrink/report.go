package shrink

import (
	"cmp"
	"context"
	"slices"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// MaxReportDays is the longest period a report covers.
const MaxReportDays = 366

// Amounts are shrink by where it was recorded.
type Amounts struct {
	WriteOff, Markdown, Stocktake fixed.Money
}

// Total is their sum.
func (a Amounts) Total() fixed.Money { return a.WriteOff + a.Markdown + a.Stocktake }

func (a *Amounts) add(reason string, m fixed.Money) {
	switch reason {
	case shrinkfeed.ReasonMarkdown:
		a.Markdown += m
	case shrinkfeed.ReasonStocktake:
		a.Stocktake += m
	default:
		a.WriteOff += m
	}
}

// DepartmentShrink is a department's shrink against its sales and budget.
type DepartmentShrink struct {
	DepartmentCode string
	Amounts
	NetSales fixed.Money
	Budget   *fixed.Money // pro-rated to the period; nil without a budget
}

// PctOfWhole is part as a percentage of whole, with two decimals; ok is false when whole is
// not positive.
func PctOfWhole(part, whole fixed.Money) (Pct, bool) {
	if whole <= 0 {
		return 0, false
	}
	num := int64(part) * 10000
	if num >= 0 {
		return Pct((num + int64(whole)/2) / int64(whole)), true
	}
	return Pct((num - int64(whole)/2) / int64(whole)), true
}

// DayShrink is one day's shrink.
type DayShrink struct {
	Date civil.Date
	Amounts
}

// ReasonShrink is shrink of one reason: a write-off reason, markdown or stocktake.
type ReasonShrink struct {
	Reason string
	Amount fixed.Money
	Count  int
}

// ProductShrink is a product's write-offs and markdown loss.
type ProductShrink struct {
	SKU, Name, DepartmentCode string
	WriteOffQty               fixed.Qty
	WriteOff                  fixed.Money
	MarkdownQty               fixed.Qty
	Markdown                  fixed.Money
}

// Report is the shrink report of a period.
type Report struct {
	From, To     civil.Date
	Totals       DepartmentShrink
	ByDepartment []DepartmentShrink
	ByReason     []ReasonShrink
	ByDay        []DayShrink
	Top          []ProductShrink
}

// DefaultReportDays is the period a report covers when none is asked for: the four weeks up
// to today (the month to date is one day long on the 1st).
const DefaultReportDays = 28

// ReportQuery asks for a report; without dates, the DefaultReportDays up to today.
type ReportQuery struct {
	From, To       *civil.Date
	DepartmentCode string
	Top            int
}

// Report answers the store's shrink report in p's scope.
func (s *Service) Report(ctx context.Context, p *authz.Principal, storeID int64, q ReportQuery) (Report, error) {
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return Report{}, err
	}
	scope, err := s.scopeDepartments(ctx, p, storeID)
	if err != nil {
		return Report{}, err
	}
	depts = slices.DeleteFunc(depts, func(d string) bool {
		return (scope != nil && !slices.Contains(scope, d)) || (q.DepartmentCode != "" && d != q.DepartmentCode)
	})
	today, _, err := s.today(ctx, storeID)
	if err != nil {
		return Report{}, err
	}
	from, to := today.AddDays(1-DefaultReportDays), today
	if q.From != nil {
		from = *q.From
	}
	if q.To != nil {
		to = *q.To
	}
	fe := apperr.FieldErrors{}
	switch {
	case from > to:
		fe.Add("from", "must not be after to")
	case int(to-from) >= MaxReportDays:
		fe.Add("to", "a report covers at most 366 days")
	}
	if err := fe.Err(); err != nil {
		return Report{}, err
	}
	if q.Top <= 0 {
		q.Top = 20
	}
	rep := Report{From: from, To: to, Totals: DepartmentShrink{}}
	byDept := map[string]*DepartmentShrink{}
	for _, d := range depts {
		byDept[d] = &DepartmentShrink{DepartmentCode: d}
	}
	byDay := map[civil.Date]*Amounts{}
	byReason := map[string]*ReasonShrink{}
	add := func(date civil.Date, dept, kind, reason string, amount fixed.Money, n int) {
		ds := byDept[dept]
		if ds == nil {
			return
		}
		ds.add(kind, amount)
		if byDay[date] == nil {
			byDay[date] = &Amounts{}
		}
		byDay[date].add(kind, amount)
		if byReason[reason] == nil {
			byReason[reason] = &ReasonShrink{Reason: reason}
		}
		byReason[reason].Amount += amount
		byReason[reason].Count += n
	}
	ids := []int64{storeID}
	for _, markdowns := range []bool{false, true} {
		rows, err := sumByDay(ctx, s.db, markdowns, true, ids, depts, from, to)
		if err != nil {
			return Report{}, err
		}
		for _, r := range rows {
			kind := shrinkfeed.ReasonWriteOff
			if markdowns {
				kind = shrinkfeed.ReasonMarkdown
			}
			add(r.BusinessDate, r.DepartmentCode, kind, r.Reason, r.Amount, r.N)
		}
	}
	for _, src := range s.Others {
		rows, err := src.DailyShrink(ctx, ids, from, to)
		if err != nil {
			return Report{}, err
		}
		for _, r := range rows {
			add(r.Date, r.DepartmentCode, r.Reason, r.Reason, r.Amount, 0)
		}
	}
	if err := s.salesAndBudgets(ctx, storeID, from, to, byDept); err != nil {
		return Report{}, err
	}
	var budget fixed.Money
	hasBudget := false
	for _, d := range depts {
		ds := *byDept[d]
		rep.ByDepartment = append(rep.ByDepartment, ds)
		rep.Totals.WriteOff += ds.WriteOff
		rep.Totals.Markdown += ds.Markdown
		rep.Totals.Stocktake += ds.Stocktake
		rep.Totals.NetSales += ds.NetSales
		if ds.Budget != nil {
			budget += *ds.Budget
			hasBudget = true
		}
	}
	if hasBudget {
		rep.Totals.Budget = &budget
	}
	for d := from; d <= to; d++ {
		a := byDay[d]
		if a == nil {
			a = &Amounts{}
		}
		rep.ByDay = append(rep.ByDay, DayShrink{Date: d, Amounts: *a})
	}
	for _, r := range byReason {
		rep.ByReason = append(rep.ByReason, *r)
	}
	slices.SortFunc(rep.ByReason, func(a, b ReasonShrink) int {
		return cmp.Or(cmp.Compare(b.Amount, a.Amount), cmp.Compare(a.Reason, b.Reason))
	})
	rep.Top, err = topProducts(ctx, s, storeID, depts, from, to, q.Top)
	return rep, err
}

// salesAndBudgets fills each department's net sales and its shrink budget pro-rated to the
// days of each month the period covers.
func (s *Service) salesAndBudgets(ctx context.Context, storeID int64, from, to civil.Date, byDept map[string]*DepartmentShrink) error {
	sales, err := s.Sales.DailySales(ctx, []int64{storeID}, from, to)
	if err != nil {
		return err
	}
	for _, r := range sales {
		if ds := byDept[r.DepartmentCode]; ds != nil {
			ds.NetSales += r.NetSales
		}
	}
	budgets, err := s.Budgets.ForStores(ctx, []int64{storeID}, from.String()[:7], to.String()[:7])
	if err != nil {
		return err
	}
	shares := map[string]civil.MonthShare{}
	for _, m := range civil.MonthShares(from, to) {
		shares[m.Month] = m
	}
	for _, b := range budgets {
		ds, share := byDept[b.DepartmentCode], shares[b.Month]
		if ds == nil || b.ShrinkBudget == nil || share.Days == 0 {
			continue
		}
		part := fixed.Money((int64(*b.ShrinkBudget)*int64(share.Days) + int64(share.MonthDays)/2) / int64(share.MonthDays))
		if ds.Budget == nil {
			ds.Budget = new(fixed.Money)
		}
		*ds.Budget += part
	}
	return nil
}

type productAgg struct {
	SKU            string `gorm:"column:sku"`
	Name           string
	DepartmentCode string
	Qty            fixed.Qty
	Amount         fixed.Money
}

// topProducts answers the n products that lost most over the period (write-offs and markdowns).
func topProducts(ctx context.Context, s *Service, storeID int64, depts []string, from, to civil.Date, n int) ([]ProductShrink, error) {
	byProduct := map[string]*ProductShrink{}
	for _, markdowns := range []bool{false, true} {
		q := s.db.WithContext(ctx).Where("store_id = ? AND business_date >= ? AND business_date <= ?", storeID, from, to).
			Where("department_code IN ?", append([]string{""}, depts...))
		if markdowns {
			q = q.Model(&markdownRow{}).Where("status = ?", MarkdownApplied).
				Select("sku, MAX(name) AS name, MAX(department_code) AS department_code, SUM(qty) AS qty, SUM(loss) AS amount")
		} else {
			q = q.Model(&writeOffRow{}).Where("status = ?", WriteOffPosted).
				Select("sku, MAX(name) AS name, MAX(department_code) AS department_code, SUM(qty) AS qty, SUM(value) AS amount")
		}
		var rows []productAgg
		if err := q.Group("sku").Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			ps := byProduct[r.SKU]
			if ps == nil {
				ps = &ProductShrink{SKU: r.SKU, Name: r.Name, DepartmentCode: r.DepartmentCode}
				byProduct[r.SKU] = ps
			}
			if markdowns {
				ps.MarkdownQty, ps.Markdown = r.Qty, r.Amount
			} else {
				ps.WriteOffQty, ps.WriteOff = r.Qty, r.Amount
			}
		}
	}
	out := make([]ProductShrink, 0, len(byProduct))
	for _, ps := range byProduct {
		out = append(out, *ps)
	}
	slices.SortFunc(out, func(a, b ProductShrink) int {
		return cmp.Or(cmp.Compare(b.WriteOff+b.Markdown, a.WriteOff+a.Markdown), cmp.Compare(a.SKU, b.SKU))
	})
	return out[:min(n, len(out))], nil
}
