package stocktake

import (
	"testing"

	"github.com/storeops/storeops/internal/platform/fixed"
)

func TestEvaluateFlagsOverTolerance(t *testing.T) {
	tol := Tolerance{Pct: 500, Value: 20000} // 5 %, 200.00 yuan
	cases := []struct {
		name              string
		book, counted     fixed.Qty
		cost              fixed.Money
		wantVariance      fixed.Qty
		wantValue         fixed.Money
		wantOver, recount bool
	}{
		{"exact", 10000, 10000, 300, 0, 0, false, false},
		{"5 % is inside", 10000, 9500, 300, -500, -150, false, false},
		{"over 5 %", 10000, 9400, 300, -600, -180, true, true},
		{"small % but over value", 1000000, 990000, 5000, -10000, -50000, true, true},
		{"nothing on the book", 0, 1000, 100, 1000, 100, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := Evaluate(Line{Book: tc.book, Counted: tc.counted, HasCount: true, UnitCost: tc.cost}, tol)
			if l.Variance != tc.wantVariance || l.VarianceValue != tc.wantValue || l.OverTolerance != tc.wantOver || l.NeedsRecount != tc.recount {
				t.Errorf("got %+v", l)
			}
			l = Evaluate(Line{Book: tc.book, Counted: tc.counted, HasCount: true, UnitCost: tc.cost, Recounted: true}, tol)
			if l.NeedsRecount {
				t.Error("a recounted line still needs a recount")
			}
		})
	}
	if l := Evaluate(Line{Book: 5000}, tol); l.NeedsRecount || l.Variance != 0 {
		t.Errorf("uncounted line: %+v", l)
	}
}

func TestSummariseAccuracy(t *testing.T) {
	cases := []struct {
		name  string
		lines []Line
		want  Ratio
	}{
		{"no variance", []Line{{Book: 10000, UnitCost: 100}}, RatioOne},
		{"1 % off", []Line{{Book: 100000, UnitCost: 100, VarianceValue: -100}, {Book: 0, UnitCost: 100}}, 9900},
		{"gains count too", []Line{{Book: 10000, UnitCost: 1000, VarianceValue: 250}, {Book: 10000, UnitCost: 1000, VarianceValue: -250}}, 9750},
		{"worse than nothing is 0", []Line{{Book: 1000, UnitCost: 100, VarianceValue: -500}}, 0},
		{"no book value, a variance", []Line{{Book: 0, UnitCost: 100, VarianceValue: 100}}, 0},
		{"negative book has no value", []Line{{Book: -1000, UnitCost: 100}, {Book: 1000, UnitCost: 100}}, RatioOne},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Summarise(tc.lines).Accuracy; got != tc.want {
				t.Errorf("accuracy %s, want %s", got, tc.want)
			}
		})
	}
}

func TestValidatePlan(t *testing.T) {
	ok := Stocktake{Scope: ScopeCycle, DepartmentCode: "produce", Categories: []string{"叶菜"}, Zones: []string{"冷库"}}
	if err := Validate(ok); err != nil {
		t.Fatal(err)
	}
	bad := []Stocktake{
		{Scope: "partial", Zones: []string{"a"}},
		{Scope: ScopeCycle, DepartmentCode: "produce", Zones: []string{"a"}},
		{Scope: ScopeFull, DepartmentCode: "produce", Categories: []string{"x"}, Zones: []string{"a"}},
		{Scope: ScopeFull, DepartmentCode: "produce", Zones: []string{"a", "a"}},
		{Scope: ScopeFull, DepartmentCode: "produce", Zones: []string{"a"}, TolerancePct: -1},
	}
	for i, st := range bad {
		if Validate(st) == nil {
			t.Errorf("case %d passed validation", i)
		}
	}
}

func TestRatioText(t *testing.T) {
	for _, s := range []string{"0.9876", "1.0000", "0.0000"} {
		r, err := parseRatio(s)
		if err != nil || r.String() != s {
			t.Errorf("%s → %v %v", s, r, err)
		}
	}
}
