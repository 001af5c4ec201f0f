package fixed

import (
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
)

func TestColumnCheck(t *testing.T) {
	qty := Column{"t", "qty", 14, 3}
	money := Column{"t", "amount", 12, 2}
	pct := Column{"t", "pct", 5, 2}
	ratio := Column{"t", "ratio", 7, 4}
	cases := []struct {
		name  string
		err   error
		wants string
	}{
		{"qty at the limit", qty.CheckQty(Qty(99_999_999_999_999)), ""},
		{"qty just over", qty.CheckQty(Qty(100_000_000_000_000)), "must be at most 99999999999.999"},
		{"qty at the negative limit", qty.CheckQty(Qty(-99_999_999_999_999)), ""},
		{"qty just under", qty.CheckQty(Qty(-100_000_000_000_000)), "must be at least -99999999999.999"},
		{"money at the limit", money.CheckMoney(Money(999_999_999_999)), ""},
		{"money just over", money.CheckMoney(Money(1_000_000_000_000)), "must be at most 9999999999.99"},
		{"percent at the limit", pct.CheckMoney(Money(99_999)), ""},
		{"percent just over", pct.CheckMoney(Money(100_000)), "must be at most 999.99"},
		{"money in a 4-decimal column", ratio.CheckMoney(Money(99_999)), ""},
		{"money over a 4-decimal column", ratio.CheckMoney(Money(100_000)), "must be at most 999.9999"},
		{"a quantity with 3 decimals in a 2-decimal column", pct.CheckQty(Qty(1_005)), "must have at most 2 decimal places"},
		{"a quantity with 2 decimals in a 2-decimal column", pct.CheckQty(Qty(1_050)), ""},
		{"the largest quantity", qty.CheckQty(Qty(1<<63 - 1)), "must be at most 99999999999.999"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ""
			if c.err != nil {
				got = c.err.Error()
			}
			if got != c.wants {
				t.Errorf("got %q, want %q", got, c.wants)
			}
		})
	}
	if qty.MaxQty() != 99_999_999_999_999 || money.MaxMoney() != 999_999_999_999 || ratio.MaxMoney() != 99_999 {
		t.Errorf("maxima %d %d %d", qty.MaxQty(), money.MaxMoney(), ratio.MaxMoney())
	}
}

func TestColumnField(t *testing.T) {
	fe := apperr.FieldErrors{}
	if !ProductsCostPrice.FieldMoney(fe, "cost_price", MoneyOf(12)) || len(fe) != 0 {
		t.Fatalf("a fitting value is refused: %v", fe)
	}
	if ProductsCostPrice.FieldMoney(fe, "cost_price", MoneyOf(10_000_000_000)) {
		t.Fatal("an amount over the column fits")
	}
	if fe["cost_price"] != "must be at most 9999999999.99" {
		t.Errorf("field errors %v", fe)
	}
}

// TestColumnsRegistry holds the registry to its own rules; the schema test in internal/app
// compares it with the migrated databases.
func TestColumnsRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Columns() {
		if seen[c.String()] {
			t.Errorf("%s is listed twice", c)
		}
		seen[c.String()] = true
		if c.Precision > MaxDigits || c.Scale < 0 || c.Scale > 4 || c.Scale >= c.Precision {
			t.Errorf("%s is DECIMAL(%d,%d): at most %d digits and 0-4 decimals", c, c.Precision, c.Scale, MaxDigits)
		}
	}
}

func TestScanChecksRange(t *testing.T) {
	cases := []struct {
		src   any
		scale int
		want  int64
		err   bool
	}{
		{int64(12), 3, 12_000, false},
		{int64(1) << 60, 3, 0, true},
		{float64(99_999_999_999.999), 3, 99_999_999_999_999, false},
		{float64(-9_999_999_999_999.99), 2, -999_999_999_999_999, false},
		{float64(1e300), 2, 0, true},
		{"123.4565", 3, 123_457, false},
		{"0.98765", 4, 9877, false},
		{nil, 2, 0, false},
		{int64(1), 5, 0, true},
	}
	for _, c := range cases {
		got, err := Scan(c.src, c.scale)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("Scan(%v, %d) = %d, %v", c.src, c.scale, got, err)
		}
	}
}
