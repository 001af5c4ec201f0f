package kpi

import (
	"testing"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func money(s string) fixed.Money {
	m, err := fixed.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func mp(s string) *fixed.Money { m := money(s); return &m }

func date(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// str shows a nullable decimal the way the API does.
func str(v *fixed.Money) string {
	if v == nil {
		return "null"
	}
	return v.String()
}

func TestValueRoundsHalfAwayFromZeroAndNeverDividesByZero(t *testing.T) {
	cases := []struct {
		name string
		a    Actuals
		key  Key
		want string
	}{
		{"margin percent a third", Actuals{Sales: money("3.00"), COGS: money("2.00")}, GrossMarginPct, "33.33"},
		{"margin percent two thirds", Actuals{Sales: money("0.03"), COGS: money("0.01")}, GrossMarginPct, "66.67"},
		{"half rounds up", Actuals{Sales: money("8.00"), COGS: money("7.99")}, GrossMarginPct, "0.13"},
		{"negative half rounds down", Actuals{Sales: money("8.00"), COGS: money("8.01")}, GrossMarginPct, "-0.13"},
		{"negative margin", Actuals{Sales: money("3.00"), COGS: money("4.00")}, GrossMarginPct, "-33.33"},
		{"zero sales: no margin percent", Actuals{COGS: money("5.00")}, GrossMarginPct, "null"},
		{"zero sales: no shrink percent", Actuals{Shrink: money("5.00")}, ShrinkPct, "null"},
		{"shrink percent", Actuals{Sales: money("400.00"), Shrink: money("6.00")}, ShrinkPct, "1.50"},
		{"gross margin", Actuals{Sales: money("100.00"), COGS: money("72.35")}, GrossMargin, "27.65"},
		{"opex counts other expenses", Actuals{Labour: money("10.00"), Materials: money("2.00"), Repairs: money("3.00"),
			OtherExpenses: money("4.00")}, Opex, "19.00"},
		// 3000 ÷ ((2 + 4) ÷ 2 days) = 1000
		{"sales per head", Actuals{Sales: money("3000.00"), Headcount: fixed.QtyOf(6), LabourDays: 2}, SalesPerHead, "1000.00"},
		{"no labour data: no sales per head", Actuals{Sales: money("3000.00")}, SalesPerHead, "null"},
		{"sales per labour hour", Actuals{Sales: money("3000.00"), Hours: fixed.QtyOf(48)}, SalesPerLabourHour, "62.50"},
		{"no hours: no sales per hour", Actuals{Sales: money("3000.00")}, SalesPerLabourHour, "null"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := str(tc.a.Value(tc.key)); got != tc.want {
				t.Errorf("%s = %s, want %s", Keys[tc.key], got, tc.want)
			}
		})
	}
}

func TestJudgeAtTheBoundaries(t *testing.T) {
	cases := []struct {
		name           string
		actual, budget string
		higherBetter   bool
		want           string
	}{
		{"higher: exactly on budget", "100.00", "100.00", true, OnTrack},
		{"higher: above", "100.01", "100.00", true, OnTrack},
		{"higher: 5 % short is watch", "95.00", "100.00", true, Watch},
		{"higher: just over 5 % short", "94.99", "100.00", true, OffTrack},
		{"lower: exactly on budget", "100.00", "100.00", false, OnTrack},
		{"lower: under", "99.99", "100.00", false, OnTrack},
		{"lower: 5 % over is watch", "105.00", "100.00", false, Watch},
		{"lower: just over 5 % over", "105.01", "100.00", false, OffTrack},
		{"lower: anything over a zero budget", "0.01", "0.00", false, OffTrack},
		{"higher: zero budget met", "0.00", "0.00", true, OnTrack},
		{"higher: negative margin against a positive one", "-1.00", "20.00", true, OffTrack},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Judge(money(tc.actual), money(tc.budget), tc.higherBetter); got != tc.want {
				t.Errorf("Judge(%s, %s) = %s, want %s", tc.actual, tc.budget, got, tc.want)
			}
		})
	}
}

func amounts(sales, pct, labour, perHead string) budget.Amounts {
	p := func(s string) *fixed.Money {
		if s == "" {
			return nil
		}
		return mp(s)
	}
	return budget.Amounts{SalesTarget: p(sales), GrossMarginPctTarget: p(pct), LabourBudget: p(labour),
		MaterialsBudget: p(labour), RepairsBudget: p(labour), ShrinkBudget: p(labour), SalesPerHeadTarget: p(perHead)}
}

func TestProRate(t *testing.T) {
	plan := Plan{
		"produce": {"2026-09": amounts("60000.00", "20.00", "3000.00", "6000.00"),
			"2026-10": amounts("31000.00", "30.00", "3100.00", "31000.00")},
		"meat": {"2026-10": amounts("31000.00", "30.00", "", "15500.00")},
	}
	cases := []struct {
		name       string
		depts      []string
		from, to   string
		key        Key
		want       string
		wantShares int
	}{
		// 31,000 × 10/31
		{"partial month", []string{"produce"}, "2026-10-01", "2026-10-10", Sales, "10000.00", 1},
		{"partial month labour", []string{"produce"}, "2026-10-01", "2026-10-10", LabourCost, "1000.00", 1},
		// 10,000 × 30 %
		{"partial month margin", []string{"produce"}, "2026-10-01", "2026-10-10", GrossMargin, "3000.00", 1},
		{"margin percent of one month is not pro-rated", []string{"produce"}, "2026-10-01", "2026-10-10", GrossMarginPct, "30.00", 1},
		// 60,000 × 10/30 + 31,000 × 10/31 = 20,000 + 10,000
		{"two months", []string{"produce"}, "2026-09-21", "2026-10-10", Sales, "30000.00", 2},
		// (20,000 × 20 % + 10,000 × 30 %) ÷ 30,000 = 23.333 %
		{"two months' margin percent weighted by sales target", []string{"produce"}, "2026-09-21", "2026-10-10", GrossMarginPct, "23.33", 2},
		{"two months' margin", []string{"produce"}, "2026-09-21", "2026-10-10", GrossMargin, "7000.00", 2},
		// 3 lines × (3,000 × 10/30 + 3,100 × 10/31) = 3 × 2,000
		{"opex is labour + materials + repairs", []string{"produce"}, "2026-09-21", "2026-10-10", Opex, "6000.00", 2},
		// shrink 2,000 ÷ sales 30,000
		{"shrink percent", []string{"produce"}, "2026-09-21", "2026-10-10", ShrinkPct, "6.67", 2},
		// 6,000 × 10/30 + 31,000 × 10/31
		{"sales per head pro-rated like sales", []string{"produce"}, "2026-09-21", "2026-10-10", SalesPerHead, "12000.00", 2},
		{"one day", []string{"produce"}, "2026-10-01", "2026-10-01", Sales, "1000.00", 1},
		{"a month without a budget makes it null", []string{"meat"}, "2026-09-21", "2026-10-10", Sales, "null", 2},
		{"a department without the line makes the total null", []string{"meat", "produce"}, "2026-10-01", "2026-10-31", LabourCost, "null", 1},
		{"total sales", []string{"meat", "produce"}, "2026-10-01", "2026-10-31", Sales, "62000.00", 1},
		// 62,000 ÷ (31,000/31,000 + 31,000/15,500 heads) = 62,000 ÷ 3
		{"total sales per head over planned heads", []string{"meat", "produce"}, "2026-10-01", "2026-10-31", SalesPerHead, "20666.67", 1},
		{"no departments, no budget", nil, "2026-10-01", "2026-10-31", Sales, "null", 1},
		{"cogs has no budget", []string{"produce"}, "2026-10-01", "2026-10-31", COGS, "null", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			shares := civil.MonthShares(date(tc.from), date(tc.to))
			if len(shares) != tc.wantShares {
				t.Fatalf("shares %+v", shares)
			}
			if got := str(round(ProRate(plan, tc.depts, shares).of(tc.key))); got != tc.want {
				t.Errorf("%s budget = %s, want %s", Keys[tc.key], got, tc.want)
			}
		})
	}
	if got := str(round(DailySalesTarget(plan, []string{"produce"}, date("2026-09-05")))); got != "2000.00" {
		t.Errorf("daily target %s", got)
	}
	// 100.00 over 31 days is 3.2258 a day.
	if got := str(round(DailySalesTarget(Plan{"x": {"2026-10": amounts("100.00", "", "", "")}}, []string{"x"}, date("2026-10-02")))); got != "3.23" {
		t.Errorf("daily target %s", got)
	}
}

func TestShiftKeepsWholeMonthsWhole(t *testing.T) {
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-03-30", -1, "2026-02-28"},
		{"2026-02-28", -1, "2026-01-31"},
		{"2026-01-15", -1, "2025-12-15"},
		{"2028-02-29", -12, "2027-02-28"},
		{"2026-10-01", -12, "2025-10-01"},
	}
	for _, tc := range cases {
		if got := shift(date(tc.from), tc.months).String(); got != tc.want {
			t.Errorf("shift(%s, %d) = %s, want %s", tc.from, tc.months, got, tc.want)
		}
	}
}

func TestCompute(t *testing.T) {
	cur := Actuals{Sales: money("9500.00"), COGS: money("7000.00"), Labour: money("1050.00"), HasSales: true, HasLabour: true}
	plan := Plan{"produce": {"2026-10": amounts("31000.00", "25.00", "3100.00", "")}}
	targets := ProRate(plan, []string{"produce"}, civil.MonthShares(date("2026-10-01"), date("2026-10-10")))
	lastMonth := Actuals{Sales: money("8000.00"), HasSales: true}
	set := Compute(cur, targets, lastMonth, Actuals{})

	sales := set[Sales]
	if str(sales.Actual) != "9500.00" || str(sales.Budget) != "10000.00" || str(sales.Variance) != "-500.00" ||
		str(sales.VariancePct) != "-5.00" || sales.Status != Watch || str(sales.LastMonth) != "8000.00" || sales.LastYear != nil {
		t.Errorf("sales %+v", sales)
	}
	// 2,500 ÷ 9,500 = 26.32 % against 25.00 %
	gmp := set[GrossMarginPct]
	if str(gmp.Actual) != "26.32" || str(gmp.Budget) != "25.00" || str(gmp.Variance) != "1.32" || gmp.Status != OnTrack {
		t.Errorf("gross margin pct %+v", gmp)
	}
	// 1,050 against 1,000: 5 % over
	lab := set[LabourCost]
	if str(lab.Variance) != "50.00" || str(lab.VariancePct) != "5.00" || lab.Status != Watch || lab.LastMonth != nil {
		t.Errorf("labour %+v", lab)
	}
	if c := set[COGS]; c.Budget != nil || c.Status != "" || c.Variance != nil {
		t.Errorf("cogs has a budget: %+v", c)
	}
	if s := set[SalesPerHead]; s.Actual != nil || s.Budget != nil || s.Status != "" {
		t.Errorf("sales per head without heads %+v", s)
	}
	zero := Compute(Actuals{}, Targets{}, Actuals{}, Actuals{})
	if zero[Sales].Actual == nil || *zero[Sales].Actual != 0 || zero[GrossMarginPct].Actual != nil {
		t.Errorf("no data: %+v", zero[Sales])
	}
}
