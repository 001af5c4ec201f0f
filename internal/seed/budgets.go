package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// BudgetServices are the modules the demo budgets are derived from and saved through.
type BudgetServices struct {
	Org    *org.Service
	Feeds  *feeds.Service
	Budget *budget.Service
	// Shrink are the shrink sources the KPIs sum (the stocktakes').
	Shrink []shrinkfeed.Source
}

// BudgetResult counts the department months a run budgeted.
type BudgetResult struct {
	Budgets int
}

// offTrack is a department whose plan the demo store misses: the KPI and by how much.
type offTrack struct {
	store, department string
	kpi               string  // "sales", "gross_margin_pct", "labour" or "shrink"
	by                float64 // sales under plan, labour or shrink over it (a share), or margin points under
}

// offTrackPlans are the one or two departments per store whose cards show red on the
// cockpit; every other department lands at or just better than plan.
var offTrackPlans = []offTrack{
	{"sh-pudong", "seafood", "sales", 0.15},
	{"sh-pudong", "bakery", "labour", 0.12},
	{"sh-xuhui", "deli", "gross_margin_pct", 4},
	{"gz-tianhe", "seafood", "sales", 0.12},
	{"gz-tianhe", "bakery", "shrink", 0.6},
}

// Budgets sets every demo store's department budgets for each month of its history and the
// current one, derived from what the store actually did (the simulated feeds and the
// stocktake losses): most departments land just inside their plan, and the departments of
// offTrackPlans miss it clearly. The current month's targets are set against the month so
// far, today included (which has no sales yet), so the cockpit shows the same picture on the
// day the demo is seeded. Department months that have a budget are left alone, so a second
// run (or a plan someone edited) changes nothing. Run it after History and Stocktakes.
func Budgets(ctx context.Context, s BudgetServices, today civil.Date) (BudgetResult, error) {
	var res BudgetResult
	sys := authz.System("seed")
	stores, _, err := s.Org.ListStores(ctx, sys, org.StoreFilter{}, paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "code"})
	if err != nil {
		return res, fmt.Errorf("demo budgets: stores: %w", err)
	}
	from := firstOfMonth(today.AddDays(-366))
	for _, demo := range Stores {
		i := slices.IndexFunc(stores, func(st org.Store) bool { return st.Code == demo.Code })
		if i < 0 {
			return res, fmt.Errorf("demo budgets: store %s is missing: seed the demo chain first", demo.Code)
		}
		id := stores[i].ID
		a, err := readActuals(ctx, s, id, from, today)
		if err != nil {
			return res, fmt.Errorf("demo budgets: store %s: %w", demo.Code, err)
		}
		for _, month := range a.months(today) {
			n, err := saveMonth(ctx, s.Budget, sys, demo.Code, id, month, a, today)
			res.Budgets += n
			if err != nil {
				return res, fmt.Errorf("demo budgets: store %s %s: %w", demo.Code, month, err)
			}
		}
	}
	return res, nil
}

// saveMonth budgets the departments of one month that have no budget yet.
func saveMonth(ctx context.Context, svc *budget.Service, sys *authz.Principal, code string, storeID int64, month string,
	a storeActuals, today civil.Date) (int, error) {
	have, err := svc.Month(ctx, sys, storeID, month)
	if err != nil {
		return 0, err
	}
	var edits []budget.Edit
	for _, b := range have {
		if b.Version > 0 {
			continue
		}
		if amounts, ok := a.plan(code, b.DepartmentCode, month, today); ok {
			edits = append(edits, budget.Edit{DepartmentCode: b.DepartmentCode, Amounts: amounts})
		}
	}
	if len(edits) == 0 {
		return 0, nil
	}
	_, err = svc.SaveMonth(ctx, sys, storeID, month, edits, apperr.FieldErrors{})
	return len(edits), err
}

// tally is one department's month, in yuan (headcount in people, summed over days).
type tally struct {
	sales, cost, labour, materials, repairs, shrink float64
	headcount                                       float64
	labourDays                                      int
}

type monthDept struct{ month, dept string }

// storeActuals is a store's months: each department's tally and the days with sales.
type storeActuals struct {
	depts     map[monthDept]*tally
	salesDays map[string]map[civil.Date]bool
}

func readActuals(ctx context.Context, s BudgetServices, storeID int64, from, to civil.Date) (storeActuals, error) {
	a := storeActuals{depts: map[monthDept]*tally{}, salesDays: map[string]map[civil.Date]bool{}}
	ids := []int64{storeID}
	at := func(d civil.Date, dept string) *tally {
		k := monthDept{monthOf(d), dept}
		if a.depts[k] == nil {
			a.depts[k] = &tally{}
		}
		return a.depts[k]
	}
	yuan := func(m fixed.Money) float64 { return float64(m) / 100 }
	sales, err := s.Feeds.DailySales(ctx, ids, from, to)
	if err != nil {
		return a, err
	}
	for _, r := range sales {
		t := at(r.Date, r.DepartmentCode)
		t.sales += yuan(r.NetSales)
		t.cost += yuan(r.Cost)
		m := monthOf(r.Date)
		if a.salesDays[m] == nil {
			a.salesDays[m] = map[civil.Date]bool{}
		}
		a.salesDays[m][r.Date] = true
	}
	labour, err := s.Feeds.DailyLabour(ctx, ids, from, to)
	if err != nil {
		return a, err
	}
	for _, r := range labour {
		t := at(r.Date, r.DepartmentCode)
		t.labour += yuan(r.Cost)
		t.headcount += float64(r.Headcount) / 1000
		t.labourDays++
	}
	expenses, err := s.Feeds.DailyExpenses(ctx, ids, from, to)
	if err != nil {
		return a, err
	}
	for _, r := range expenses {
		t := at(r.Date, r.DepartmentCode)
		switch r.Category {
		case "materials":
			t.materials += yuan(r.Amount)
		case "repairs":
			t.repairs += yuan(r.Amount)
		}
	}
	for _, src := range s.Shrink {
		rows, err := src.DailyShrink(ctx, ids, from, to)
		if err != nil {
			return a, err
		}
		for _, r := range rows {
			at(r.Date, r.DepartmentCode).shrink += yuan(r.Amount)
		}
	}
	return a, nil
}

// months lists the months with sales, and the current month.
func (a storeActuals) months(today civil.Date) []string {
	out := []string{monthOf(today)}
	for m := range a.salesDays {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// plan derives a department's budget of a month from its actuals. Every amount is set so
// that, pro-rated over the days the cockpit compares (the whole of a past month, the month
// to date now), it sits a little below the actual of what should be higher and a little above
// that of costs, unless offTrackPlans says otherwise. A past month that began before the
// history did is planned for the whole month at the pace of the days it has; the current
// month, until its first sales come in, at last month's pace.
func (a storeActuals) plan(store, dept, month string, today civil.Date) (budget.Amounts, bool) {
	t, days := a.depts[monthDept{month, dept}], len(a.salesDays[month])
	cover, current := days, month == monthOf(today)
	if current {
		cover = dayOfMonth(today)
	}
	if current && (t == nil || t.sales == 0) {
		prev := budget.PreviousMonth(month)
		if t = a.depts[monthDept{prev, dept}]; t == nil || len(a.salesDays[prev]) == 0 {
			return budget.Amounts{}, false
		}
		// Last month's pace over this month's days so far; nothing sold yet is off track.
		scaled := *t
		t = &scaled
		t.scale(float64(cover) / float64(len(a.salesDays[prev])))
	}
	if t == nil || t.sales <= 0 || cover == 0 {
		return budget.Amounts{}, false
	}
	month0, _ := civil.Parse(month + "-01")
	perMonth := float64(daysInMonth(month0)) / float64(cover)
	rng := rand.New(rand.NewPCG(streamSeed("budget", store, dept), streamSeed(month)))
	ahead := func() float64 { return 0.95 + 0.035*rng.Float64() } // actual 1.5-5 % better than plan
	behind := func() float64 { return 1.02 + 0.05*rng.Float64() } // costs 2-7 % under budget
	miss := offTrack{}
	if i := slices.IndexFunc(offTrackPlans, func(o offTrack) bool { return o.store == store && o.department == dept }); i >= 0 {
		miss = offTrackPlans[i]
	}

	salesF := ahead()
	if miss.kpi == "sales" {
		salesF = 1 / (1 - miss.by)
	}
	salesTarget := t.sales * salesF * perMonth
	marginPct := 100 * (t.sales - t.cost) / t.sales
	marginTarget := marginPct - 0.3 - 0.7*rng.Float64()
	if miss.kpi == "gross_margin_pct" {
		marginTarget = marginPct + miss.by
	}
	labourF := behind()
	if miss.kpi == "labour" {
		labourF = 1 / (1 + miss.by)
	}
	shrink := max(t.shrink*behind()*1.2*perMonth, 0.008*salesTarget)
	if miss.kpi == "shrink" && t.shrink > 0 {
		shrink = t.shrink / (1 + miss.by) * perMonth
	}
	out := budget.Amounts{
		SalesTarget:          money(salesTarget, 100),
		GrossMarginPctTarget: money(max(marginTarget, 0), 0.1),
		LabourBudget:         money(t.labour*labourF*perMonth, 100),
		MaterialsBudget:      money(max(t.materials*behind()*perMonth, 300), 10),
		RepairsBudget:        money(max(t.repairs*behind()*perMonth, 800), 100),
		ShrinkBudget:         money(shrink, 10),
	}
	if t.labourDays > 0 && t.headcount > 0 {
		perHead := t.sales / (t.headcount / float64(t.labourDays))
		out.SalesPerHeadTarget = money(perHead*salesF*perMonth, 10)
	}
	return out, true
}

func (t *tally) scale(f float64) {
	t.sales, t.cost, t.labour, t.materials, t.repairs, t.shrink = t.sales*f, t.cost*f, t.labour*f, t.materials*f,
		t.repairs*f, t.shrink*f
	// Headcount per day stays: scale the days and the sum together.
	t.headcount *= f
	t.labourDays = int(math.Round(float64(t.labourDays) * f))
}

// money rounds yuan v to a multiple of step (step ≥ 0.01) for a plan someone could have typed.
func money(v, step float64) *fixed.Money {
	m := fixed.Money(math.Round(math.Round(v/step) * step * 100))
	return &m
}

func monthOf(d civil.Date) string { return d.String()[:7] }

func dayOfMonth(d civil.Date) int { return d.Time().Day() }

func firstOfMonth(d civil.Date) civil.Date { return d.AddDays(1 - dayOfMonth(d)) }

func daysInMonth(d civil.Date) int {
	t := d.Time()
	return t.AddDate(0, 1, -t.Day()).Day()
}
