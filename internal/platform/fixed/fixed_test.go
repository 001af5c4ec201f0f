package fixed

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParseAndFormat(t *testing.T) {
	tests := []struct {
		in  string
		qty string
		err error
	}{
		{"3.25", "3.250", nil},
		{"3", "3.000", nil},
		{"-0.5", "-0.500", nil},
		{"+12.000", "12.000", nil},
		{"0.0005", "", ErrPrecision},
		{"1.2300", "1.230", nil},
		{"1.2301", "", ErrPrecision},
		{"", "", ErrSyntax},
		{"1,5", "", ErrSyntax},
		{".", "", ErrSyntax},
		{"1e3", "", ErrSyntax},
		{"99999999999999999999", "", ErrRange},
	}
	for _, tc := range tests {
		q, err := ParseQty(tc.in)
		if !errors.Is(err, tc.err) || (err == nil && q.String() != tc.qty) {
			t.Errorf("ParseQty(%q) = %v, %v; want %s, %v", tc.in, q, err, tc.qty, tc.err)
		}
	}
	if m, err := ParseMoney("12.5"); err != nil || m.String() != "12.50" || m != 1250 {
		t.Errorf("money %v %v", m, err)
	}
	if _, err := ParseMoney("0.001"); !errors.Is(err, ErrPrecision) {
		t.Errorf("money precision %v", err)
	}
}

func TestJSON(t *testing.T) {
	var v struct {
		Qty   Qty   `json:"qty"`
		Money Money `json:"money"`
	}
	if err := json.Unmarshal([]byte(`{"qty": 1.5, "money": "9.99"}`), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"qty":"1.500","money":"9.99"}` {
		t.Fatalf("%s", b)
	}
	if err := json.Unmarshal([]byte(`{"qty": 1.0001}`), &v); err == nil || err.Error() != "must have at most 3 decimal places" {
		t.Fatalf("over-precise: %v", err)
	}
}

func TestMulQtyRoundsHalfAwayFromZero(t *testing.T) {
	tests := []struct {
		price Money
		qty   Qty
		want  Money
	}{
		{1299, 1500, 1949},   // 12.99 × 1.5 = 19.485 → 19.49
		{1299, -1500, -1949}, // negative quantities round the same way
		{100, 333, 33},       // 1.00 × 0.333 = 0.333 → 0.33
		{0, 5000, 0},
	}
	for _, tc := range tests {
		if got, ok := tc.price.MulQty(tc.qty); !ok || got != tc.want {
			t.Errorf("%v × %v = %v (%v), want %v", tc.price, tc.qty, got, ok, tc.want)
		}
	}
	if _, ok := Money(1 << 62).MulQty(Qty(1 << 40)); ok {
		t.Error("overflow not detected")
	}
}

func TestScanDriverValues(t *testing.T) {
	tests := []struct {
		src  any
		want Qty
	}{
		{[]byte("12.345"), 12345},
		{"0.1235", 124},
		{"-0.1235", -124},
		{float64(0.1 + 0.2), 300},
		{int64(7), 7000},
		{nil, 0},
	}
	for _, tc := range tests {
		var q Qty
		if err := q.Scan(tc.src); err != nil || q != tc.want {
			t.Errorf("Scan(%v) = %v, %v; want %v", tc.src, q, err, tc.want)
		}
	}
}
