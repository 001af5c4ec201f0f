package shrink

import (
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func money(t *testing.T, s string) fixed.Money {
	t.Helper()
	m, err := fixed.ParseMoney(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func qty(t *testing.T, s string) fixed.Qty {
	t.Helper()
	q, err := fixed.ParseQty(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestPriceAndDiscountRoundToTheFen(t *testing.T) {
	cases := []struct{ regular, pct, price, back string }{
		{"12.99", "30", "9.09", "30.02"}, // 9.093 → 9.09; 3.90/12.99 = 30.02 %
		{"10.00", "50", "5.00", "50.00"},
		{"0.99", "20", "0.79", "20.20"}, // 0.792 → 0.79
		{"3.35", "30", "2.35", "29.85"}, // 2.345 → 2.35 (half away from zero)
	}
	for _, c := range cases {
		got := Price(money(t, c.regular), money(t, c.pct))
		if got.String() != c.price {
			t.Errorf("Price(%s, %s %%) = %s, want %s", c.regular, c.pct, got, c.price)
		}
		if d := DiscountOf(money(t, c.regular), got); d.String() != c.back {
			t.Errorf("DiscountOf(%s, %s) = %s, want %s", c.regular, got, d, c.back)
		}
	}
}

func TestClassifyByTheLadderAndTheMaximum(t *testing.T) {
	r := DefaultRules("produce")
	regular := money(t, "12.99")
	cases := []struct {
		price    string
		want     Decision
		pct      string
		onLadder bool
	}{
		{"9.09", ApplyNow, "30.00", true},       // 30 % rounded to the fen is still the step
		{"10.39", ApplyNow, "20.00", true},      // 20 %
		{"6.50", ApplyNow, "50.00", true},       // 6.495 → 6.50: the 50 % step
		{"8.00", NeedsApproval, "38.41", false}, // off the ladder, within 50 %
		{"6.49", Refused, "50.04", false},       // a fen below the 50 % price is beyond the maximum
		{"3.00", Refused, "76.91", false},
		{"0.00", Refused, "100.00", false},
	}
	for _, c := range cases {
		d, pct, on := r.Classify(regular, money(t, c.price))
		if d != c.want || pct.String() != c.pct || on != c.onLadder {
			t.Errorf("Classify(12.99 → %s) = %v %s %v, want %v %s %v", c.price, d, pct, on, c.want, c.pct, c.onLadder)
		}
	}
}

func TestRulesValidateNamesEveryField(t *testing.T) {
	r := Rules{Ladder: []Pct{PctOf(30), PctOf(30), PctOf(60)}, MaxDiscount: PctOf(50), WindowDays: 0,
		Schedule: []Step{{HoursLeft: 4, Discount: PctOf(25)}, {HoursLeft: 200, Discount: PctOf(30)}}}
	err := r.Validate()
	if err == nil {
		t.Fatal("want errors")
	}
	for _, field := range []string{"ladder[1]", "ladder[2]", "window_days", "schedule[0].hours_left", "schedule[1].discount_pct"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("error %q does not name %s", err, field)
		}
	}
	good := DefaultRules("meat")
	good.Schedule = []Step{{HoursLeft: 4, Discount: PctOf(50)}, {HoursLeft: 24, Discount: PctOf(30)}}
	if err := good.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if good.Schedule[0].HoursLeft != 24 {
		t.Errorf("schedule not sorted by hours left: %+v", good.Schedule)
	}
	deeperFirst := DefaultRules("meat")
	deeperFirst.Schedule = []Step{{HoursLeft: 24, Discount: PctOf(50)}, {HoursLeft: 4, Discount: PctOf(30)}}
	if err := deeperFirst.Validate(); err == nil || !strings.Contains(err.Error(), "schedule[1].discount_pct") {
		t.Errorf("a shallower discount for fewer hours left must be refused: %v", err)
	}
}

func mustDate(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHoursLeftAndTheScheduledStep(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	expiry := mustDate(t, "2026-11-02")
	r := DefaultRules("bakery")
	cases := []struct {
		now   string
		hours int
		step  string
	}{
		{"2026-11-01T08:00:00+08:00", 40, "20.00"}, // beyond every schedule entry: the first step
		{"2026-11-02T00:00:00+08:00", 24, "30.00"}, // the last day
		{"2026-11-02T19:50:00+08:00", 5, "30.00"},  // 4 h 10 min left counts as 5
		{"2026-11-02T20:00:00+08:00", 4, "50.00"},  // the last 4 hours
		{"2026-11-02T23:59:00+08:00", 1, "50.00"},
	}
	for _, c := range cases {
		now, _ := time.Parse(time.RFC3339, c.now)
		h := HoursLeft(expiry, now, shanghai)
		if h != c.hours {
			t.Errorf("HoursLeft at %s = %d, want %d", c.now, h, c.hours)
		}
		if s := r.StepFor(h); s.String() != c.step {
			t.Errorf("StepFor(%d) = %s, want %s", h, s, c.step)
		}
	}
	after, _ := time.Parse(time.RFC3339, "2026-11-03T01:00:00+08:00")
	if h := HoursLeft(expiry, after, shanghai); h > 0 {
		t.Errorf("an ended date has %d hours left", h)
	}
	if !r.InWindow(expiry, mustDate(t, "2026-11-01")) || r.InWindow(expiry, mustDate(t, "2026-10-31")) {
		t.Error("a 2-day window covers expiry today and tomorrow only")
	}
}

func TestSuggestSubtractsWhatIsMarkedDownAtThatPriceOrLower(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, loc) // 14 hours left on the 2nd: 30 %
	ref := catalog.Ref{SKU: "P1", RetailPrice: money(t, "10.00"), CostPrice: money(t, "6.00")}
	lot := inventory.OpenLot{ID: 7, Expiry: mustDate(t, "2026-11-02"), Remaining: qty(t, "5"), UnitCost: money(t, "5.50")}
	live := []Markdown{{MarkdownPrice: money(t, "7.00"), Qty: qty(t, "2")}, {MarkdownPrice: money(t, "8.00"), Qty: qty(t, "1")}}
	sg, ok := Suggest(DefaultRules("produce"), lot, ref, live, now, loc)
	if !ok {
		t.Fatal("want a suggestion")
	}
	// 30 % of 10.00 is 7.00: the 2 units at 7.00 count, the one at 8.00 (20 %) does not.
	if sg.Discount.String() != "30.00" || sg.MarkdownPrice.String() != "7.00" || sg.Qty.String() != "3.000" ||
		sg.MarkedDown.String() != "2.000" {
		t.Errorf("suggestion = %+v", sg)
	}
	if sg.LossIfMarkedDown.String() != "9.00" || sg.LossIfWrittenOff.String() != "16.50" {
		t.Errorf("losses %s / %s, want 9.00 (3 × 3.00) / 16.50 (3 × the lot's 5.50)", sg.LossIfMarkedDown, sg.LossIfWrittenOff)
	}
	all := append(live, Markdown{MarkdownPrice: money(t, "5.00"), Qty: qty(t, "3")})
	if _, ok := Suggest(DefaultRules("produce"), lot, ref, all, now, loc); ok {
		t.Error("a lot marked down whole at the step's price or lower needs nothing more")
	}
	expired := time.Date(2026, 11, 3, 1, 0, 0, 0, loc)
	sg, ok = Suggest(DefaultRules("produce"), lot, ref, all, expired, loc)
	if !ok || sg.Action != SuggestWriteOff || sg.Qty.String() != "5.000" || sg.LossIfMarkedDown != 0 {
		t.Errorf("past its date the whole lot is to be written off: %+v", sg)
	}
}

func TestWriteOffApprovalThreshold(t *testing.T) {
	th := money(t, "500.00")
	cases := []struct {
		value string
		maker bool
		want  bool
	}{
		{"500.00", false, false}, // at the threshold: posts
		{"500.01", false, true},
		{"9000.00", true, false}, // the store manager's own
	}
	for _, c := range cases {
		if got := NeedsWriteOffApproval(money(t, c.value), th, c.maker); got != c.want {
			t.Errorf("NeedsWriteOffApproval(%s, maker approves %v) = %v", c.value, c.maker, got)
		}
	}
}

func TestLabelBarcode(t *testing.T) {
	layout := Layout{Enabled: true, Prefix: "2", ItemDigits: 6, PriceDigits: 5}
	if err := layout.Validate(); err != nil {
		t.Fatal(err)
	}
	b := LabelBarcode(layout, "P10023", money(t, "9.09"))
	// 2 + 010023 + 00909 + check
	if b.Format != BarcodeEAN13 || b.Value[:12] != "201002300909" || len(b.Value) != 13 {
		t.Fatalf("barcode = %+v", b)
	}
	if c := EANCheck("400638133393"); c != 1 { // 4006381333931, a published EAN-13
		t.Errorf("EANCheck = %d, want 1", c)
	}
	if got := int(b.Value[12] - '0'); got != EANCheck(b.Value[:12]) {
		t.Errorf("check digit %d", got)
	}
	for _, c := range []struct {
		sku   string
		price string
	}{{"P1234567", "1.00"}, {"ABC", "1.00"}, {"P1", "1000.00"}} {
		if b := LabelBarcode(layout, c.sku, money(t, c.price)); b.Format != BarcodeCode128 || b.Value != c.sku {
			t.Errorf("%s at %s does not fit the layout: want Code 128 of the SKU, got %+v", c.sku, c.price, b)
		}
	}
	if b := LabelBarcode(DefaultLayout, "P10023", money(t, "9.09")); b.Format != BarcodeCode128 {
		t.Errorf("a disabled layout prints Code 128: %+v", b)
	}
	bad := Layout{Enabled: true, Prefix: "3", ItemDigits: 5, PriceDigits: 5}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "prefix") {
		t.Errorf("prefix 3 is not a variable-measure prefix: %v", err)
	}
	short := Layout{Enabled: true, Prefix: "2", ItemDigits: 5, PriceDigits: 5}
	if err := short.Validate(); err == nil || !strings.Contains(err.Error(), "12") {
		t.Errorf("11 digits must be refused: %v", err)
	}
}

func TestStoredLadderAndScheduleRoundTrip(t *testing.T) {
	r := DefaultRules("deli")
	l, err := ParseLadder(FormatLadder(r.Ladder))
	if err != nil || FormatLadder(l) != "20.00,30.00,50.00" {
		t.Errorf("ladder %v %v", l, err)
	}
	s, err := ParseSchedule(FormatSchedule(r.Schedule))
	if err != nil || FormatSchedule(s) != "24:30.00,4:50.00" {
		t.Errorf("schedule %v %v", s, err)
	}
	if _, err := ParseSchedule("x:1"); err == nil {
		t.Error("a broken schedule must not parse")
	}
}

func TestPctOfWhole(t *testing.T) {
	if p, ok := PctOfWhole(money(t, "12.34"), money(t, "1000.00")); !ok || p.String() != "1.23" {
		t.Errorf("got %s %v", p, ok)
	}
	if _, ok := PctOfWhole(money(t, "1.00"), 0); ok {
		t.Error("no sales: no percentage")
	}
	if p, _ := PctOfWhole(money(t, "-1.00"), money(t, "3.00")); p.String() != "-33.33" {
		t.Errorf("negative: %s", p)
	}
}

func TestValuationTakesTheLotsInOrder(t *testing.T) {
	lots := []Lot{{Remaining: qty(t, "2"), UnitCost: money(t, "5.00")}, {Remaining: qty(t, "1.5"), UnitCost: 0},
		{Remaining: qty(t, "4"), UnitCost: money(t, "6.10")}}
	// 2 × 5.00 + 1.5 × 3.20 (no cost on the lot: the product's) + 0.5 × 6.10 = 17.85
	v, ok := Valuation(lots, qty(t, "4"), money(t, "3.20"))
	if !ok || v.String() != "17.85" {
		t.Fatalf("valuation %s %v, want 17.85", v, ok)
	}
	if u := UnitCost(v, qty(t, "4")); u.String() != "4.46" { // 4.4625
		t.Errorf("unit cost %s", u)
	}
	// Beyond the lots (a product that keeps none): the product's cost.
	if v, _ := Valuation(nil, qty(t, "3"), money(t, "3.20")); v.String() != "9.60" {
		t.Errorf("without lots %s", v)
	}
}
