package ordering

import (
	"errors"
	"slices"
	"testing"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func q(s string) fixed.Qty {
	v, err := fixed.ParseQty(s)
	if err != nil {
		panic(err)
	}
	return v
}

// flat is a forecast of units a day for n days from 2026-12-01.
func flat(units float64, n int) []forecast.Point {
	out := make([]forecast.Point, n)
	for i := range out {
		out[i] = forecast.Point{Day: forecast.Date(2026, 12, 1) + forecast.Day(i), Units: units, Level: units,
			Weekday: 1, Yearly: 1, Event: 1, Promo: 1, Method: forecast.MethodSmoothing}
	}
	return out
}

func TestSuggestAddsTheTermsUp(t *testing.T) {
	// 10 a day; delivery tomorrow (lead 1), next the day after (cover 1); no error: no safety.
	got, ex := Suggest(SuggestInput{Days: flat(10, 2), Lead: 1, Cover: 1, ServiceLevel: 0.95, OnHand: q("4"),
		CasePack: q("1")})
	// need = 10 (until delivery) + 10 (cover) + 0 − 4 = 16
	if got != q("16") || ex.Need != q("16") || ex.UntilDelivery != q("10") || ex.Forecast != q("10") || ex.SafetyStock != 0 {
		t.Fatalf("suggested %s, explanation %+v", got, ex)
	}
	if ex.CoverDays != 1 || ex.LeadDays != 1 || len(ex.Days) != 1 || ex.Days[0].Date != "2026-12-02" {
		t.Fatalf("cover and lead: %+v", ex)
	}
	// On hand and on order beyond what sells: never below 0.
	if got, _ := Suggest(SuggestInput{Days: flat(10, 2), Lead: 1, Cover: 1, OnHand: q("30"), OnOrder: q("5")}); got != 0 {
		t.Fatalf("overstocked: suggested %s, want 0", got)
	}
}

func TestSafetyStockGrowsWithServiceLevelAndError(t *testing.T) {
	in := SuggestInput{Days: flat(10, 3), Lead: 1, Cover: 2, Sigma: 3, ServiceLevel: 0.95, CasePack: q("0.001")}
	_, at95 := Suggest(in)
	in.ServiceLevel = 0.80
	_, at80 := Suggest(in)
	// z(0.95) = 1.645 over 3 independent days: 1.645 × 3 × √3 = 8.547
	if at95.SafetyStock != q("8.547") {
		t.Fatalf("safety stock at 95 %%: %s, want 8.547", at95.SafetyStock)
	}
	if at80.SafetyStock >= at95.SafetyStock || at80.SafetyStock <= 0 {
		t.Fatalf("safety stock at 80 %% is %s, at 95 %% %s", at80.SafetyStock, at95.SafetyStock)
	}
	in.ErrCorr = 0.5 // errors that run in the same direction need more
	if _, ex := Suggest(in); ex.SafetyStock <= at80.SafetyStock {
		t.Fatalf("correlated errors: safety stock %s, independent %s", ex.SafetyStock, at80.SafetyStock)
	}
}

func TestShelfLifeCapBinds(t *testing.T) {
	// 10 a day, a 2-day shelf life, 3 days of cover: a delivery can sell 20 before it expires.
	in := SuggestInput{Days: flat(10, 5), Lead: 1, Cover: 3, ShelfLifeDays: 2, CasePack: q("1")}
	got, ex := Suggest(in)
	if ex.ShelfLifeCap == nil || *ex.ShelfLifeCap != q("20") || !ex.CapBinds || got != q("20") {
		t.Fatalf("suggested %s, cap %v binds %v", got, ex.ShelfLifeCap, ex.CapBinds)
	}
	// Stock left over at delivery sells first and shrinks the cap: 15 on hand, 10 sell until
	// the delivery, 5 are left for the delivery's days.
	in.OnHand = q("15")
	got, ex = Suggest(in)
	if *ex.ShelfLifeCap != q("15") || got != q("15") {
		t.Fatalf("with stock left: suggested %s, cap %s", got, ex.ShelfLifeCap)
	}
	// Not perishable: no cap.
	in.ShelfLifeDays = 0
	if _, ex := Suggest(in); ex.ShelfLifeCap != nil || ex.CapBinds {
		t.Fatalf("non-perishable has a cap: %+v", ex)
	}
}

func TestCasePackRounding(t *testing.T) {
	cases := []struct {
		name                 string
		need, expected, pack string
		cap                  string // "" for none
		want                 string
		how                  string
	}{
		{"exact", "30", "20", "10", "", "30", RoundExact},
		{"nearest down", "32", "20", "10", "", "30", RoundNearest},
		{"half up", "35", "20", "10", "", "40", RoundNearest},
		{"up to cover the forecast", "5", "2", "30", "", "30", RoundUp},
		{"down when the forecast is covered", "12", "8", "10", "", "10", RoundNearest},
		{"down at the cap", "35", "20", "10", "38", "30", RoundDownCap},
		{"up within the cap", "35", "20", "10", "40", "40", RoundNearest},
	}
	for _, c := range cases {
		var capQty *fixed.Qty
		if c.cap != "" {
			v := q(c.cap)
			capQty = &v
		}
		got, how := roundToPack(q(c.need), q(c.expected), q(c.pack), capQty)
		if got != q(c.want) || how != c.how {
			t.Errorf("%s: got %s (%s), want %s (%s)", c.name, got, how, c.want, c.how)
		}
	}
}

func TestMinimumOrderRaisesAPositiveOrderOnly(t *testing.T) {
	got, ex := Suggest(SuggestInput{Days: flat(3, 2), Lead: 1, Cover: 1, CasePack: q("2"), MinOrderQty: q("9")})
	// need 6 → 6, raised to 9 and up to whole packs: 10
	if got != q("10") || !ex.MinOrderRaise {
		t.Fatalf("suggested %s raised %v, want 10 raised", got, ex.MinOrderRaise)
	}
	if got, ex := Suggest(SuggestInput{Days: flat(3, 2), Lead: 1, Cover: 1, OnHand: q("50"), MinOrderQty: q("9")}); got != 0 || ex.MinOrderRaise {
		t.Fatalf("nothing needed yet %s ordered", got)
	}
}

func TestForecastPartsAreExplained(t *testing.T) {
	s := forecast.Series{Start: forecast.Date(2026, 1, 1), Sales: make([]float32, 200)}
	for i := range s.Sales {
		s.Sales[i] = 10
		if (s.Start + forecast.Day(i)).Weekday() == 6 {
			s.Sales[i] = 25
		}
	}
	m := forecast.Fit([]forecast.Series{s}, forecast.Options{})[0]
	from := s.End()
	days := m.Forecast(from, 8, nil)
	_, ex := Suggest(SuggestInput{Days: days, Lead: 1, Cover: 7, ServiceLevel: 0.95, Sigma: m.Sigma})
	if len(ex.Days) != 7 || ex.Method != forecast.MethodSmoothing {
		t.Fatalf("explanation days %d method %s", len(ex.Days), ex.Method)
	}
	sat := slices.IndexFunc(ex.Days, func(d DayPart) bool { c, _ := civil.Parse(d.Date); return c.Weekday() == 6 })
	if sat < 0 || ex.Days[sat].Weekday <= 1.5 || ex.Days[sat].Units <= ex.Days[(sat+1)%7].Units {
		t.Fatalf("Saturday's weekday factor is not explained: %+v", ex.Days)
	}
}

func line(suggested, ordered string) Line {
	return Line{SKU: "P1", CasePack: q("1"), SuggestedQty: q(suggested), OrderedQty: q(ordered), DaysSinceSale: 1,
		Explanation: Explanation{UntilDelivery: q("10"), Forecast: q("10"), SafetyStock: q("3"), OnHand: q("10")}}
}

func TestFlags(t *testing.T) {
	l := line("13", "13")
	if f := FlagsOf(l); len(f) != 0 {
		t.Fatalf("a plain line has flags %v", f)
	}
	l.OrderedQty = q("5")
	if f := FlagsOf(l); !slices.Contains(f, FlagStockoutRisk) {
		t.Fatalf("ordering 5 of 20 needed: flags %v", f)
	}
	l.OrderedQty = q("60")
	if f := FlagsOf(l); !slices.Contains(f, FlagOverstockRisk) {
		t.Fatalf("ordering 60 for 20: flags %v", f)
	}
	c := q("12")
	l = line("13", "13")
	l.Explanation.ShelfLifeCap = &c
	if f := FlagsOf(l); !slices.Contains(f, FlagOverstockRisk) {
		t.Fatalf("ordering past the shelf-life cap: flags %v", f)
	}
	l = line("13", "13")
	lw := q("6")
	l.LastWeekQty = &lw
	if f := FlagsOf(l); !slices.Contains(f, FlagBigChange) {
		t.Fatalf("13 against 6 last week: flags %v", f)
	}
	lw = q("12")
	if f := FlagsOf(l); slices.Contains(f, FlagBigChange) {
		t.Fatalf("13 against 12 last week: flags %v", f)
	}
	l.DaysSinceSale = NoSalesDays
	if f := FlagsOf(l); !slices.Contains(f, FlagNoSales) {
		t.Fatalf("14 days without a sale: flags %v", f)
	}
	l.DaysSinceSale = -1
	if f := FlagsOf(l); !slices.Contains(f, FlagNoSales) {
		t.Fatalf("never sold: flags %v", f)
	}
}

func TestEditRules(t *testing.T) {
	l := Line{SKU: "P1", CasePack: q("5"), MinOrderQty: q("10"), SuggestedQty: q("20")}
	field := func(err error) string {
		var fe apperr.FieldErrors
		if errors.As(err, &fe) {
			for k := range fe {
				return k
			}
		}
		return ""
	}
	if f := field(CheckEdit(l, q("-5"), "")); f != "ordered_qty" {
		t.Errorf("negative: field %q", f)
	}
	if f := field(CheckEdit(l, q("22"), "")); f != "ordered_qty" {
		t.Errorf("not whole cases: field %q", f)
	}
	if f := field(CheckEdit(l, q("5"), "")); f != "ordered_qty" {
		t.Errorf("below the minimum: field %q", f)
	}
	if err := CheckEdit(l, q("25"), ""); err != nil { // +25 %: no reason needed
		t.Errorf("25 %% more: %v", err)
	}
	err := CheckEdit(l, q("30"), "") // +50 %
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != "deviation_reason_required" {
		t.Errorf("50 %% more without a reason: %v", err)
	}
	if err := CheckEdit(l, q("30"), "团购"); err != nil {
		t.Errorf("50 %% more with a reason: %v", err)
	}
	if err := CheckEdit(l, 0, ""); err == nil {
		t.Errorf("ordering nothing against 20 needs a reason")
	}
	if !NeedsReason(0, q("5")) || NeedsReason(0, 0) {
		t.Errorf("against a suggestion of 0 any order needs a reason, none does not")
	}
}

func TestDeliveryCalendar(t *testing.T) {
	mon, _ := civil.Parse("2026-11-30")
	if got := NextDelivery(mon, DefaultWeekdays); got != mon.AddDays(1) {
		t.Errorf("daily: next after Monday is %s", got)
	}
	if got := NextDelivery(mon, "135"); got != mon.AddDays(2) { // Wednesday
		t.Errorf("Mon/Wed/Fri: next after Monday is %s", got)
	}
	fri := mon.AddDays(4)
	if got := NextDelivery(fri, "135"); got != mon.AddDays(7) {
		t.Errorf("Mon/Wed/Fri: next after Friday is %s", got)
	}
	for _, bad := range []string{"", "7", "113", "12345678", "a"} {
		if ValidWeekdays(bad) {
			t.Errorf("weekdays %q accepted", bad)
		}
	}
}

func TestReceiptRules(t *testing.T) {
	day, _ := civil.Parse("2026-12-01")
	lines := map[string]lineRow{"A": {SKU: "A", OrderedQty: q("10")}, "B": {SKU: "B", OrderedQty: q("4")}}
	fields := func(err error) apperr.FieldErrors {
		var fe apperr.FieldErrors
		errors.As(err, &fe)
		return fe
	}
	before := day.AddDays(-1)
	err := CheckReceipt(Receipt{Lines: []ReceiptLine{
		{SKU: "A", ReceivedQty: q("-1")},
		{SKU: "B", ReceivedQty: q("2"), RefusedQty: q("2")},
		{SKU: "C", ReceivedQty: q("1")},
		{SKU: "A", ReceivedQty: q("1"), Expiry: &before},
	}}, lines, day)
	fe := fields(err)
	for _, f := range []string{"lines[0].received_qty", "lines[1].refuse_reason", "lines[2].sku", "lines[3].sku"} {
		if fe[f] == "" {
			t.Errorf("%s not named: %v", f, err)
		}
	}
	err = CheckReceipt(Receipt{Lines: []ReceiptLine{{SKU: "A", ReceivedQty: q("31")}}}, lines, day)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != "over_receipt" {
		t.Fatalf("31 of 10 without confirmation: %v", err)
	}
	if err := CheckReceipt(Receipt{ConfirmOverReceipt: true, Lines: []ReceiptLine{{SKU: "A", ReceivedQty: q("31")}}}, lines, day); err != nil {
		t.Fatalf("31 of 10 confirmed: %v", err)
	}
	if err := CheckReceipt(Receipt{Lines: []ReceiptLine{{SKU: "A", ReceivedQty: q("30")}}}, lines, day); err != nil {
		t.Fatalf("exactly 3×: %v", err)
	}
}

func TestAllowedActions(t *testing.T) {
	cases := []struct {
		status string
		rel    Relation
		want   []string
	}{
		{StatusDraft, Relation{Role: authz.RoleSupervisor}, []string{"edit_lines", "submit", "delete", "export"}},
		{StatusDraft, Relation{Role: authz.RoleHQPromotions}, []string{"export"}},
		{StatusSubmitted, Relation{Role: authz.RoleSupervisor, Own: true}, []string{"export"}},
		{StatusSubmitted, Relation{Role: authz.RoleSupervisor, Deputy: true, Own: true}, []string{"export"}},
		{StatusSubmitted, Relation{Role: authz.RoleSupervisor, Deputy: true}, []string{"approve", "reject", "export"}},
		{StatusSubmitted, Relation{Role: authz.RoleStoreManager, Own: true}, []string{"approve", "reject", "export"}},
		{StatusApproved, Relation{Role: authz.RoleSupervisor}, []string{"receive", "export"}},
		{StatusReceived, Relation{Role: authz.RoleStoreManager}, []string{"export"}},
	}
	for _, c := range cases {
		if got := AllowedActions(Plan{Status: c.status}, c.rel); !slices.Equal(got, c.want) {
			t.Errorf("%s as %+v: %v, want %v", c.status, c.rel, got, c.want)
		}
	}
}
