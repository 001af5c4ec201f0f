package promo

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/fixed"
)

func TestParseClock(t *testing.T) {
	for in, want := range map[string]int{"00:00": 0, "09:30": 570, "23:59": 1439} {
		if got, ok := ParseClock(in); !ok || got != want || Clock(got) != in {
			t.Errorf("ParseClock(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "9:30", "24:00", "12:60", "ab:cd", "12-30", " 9:30", "09:3x"} {
		if _, ok := ParseClock(in); ok {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
}

func TestCheckShiftNamesEveryProblem(t *testing.T) {
	c := Campaign{StartsOn: 100, EndsOn: 106, Items: []Item{{ProductID: 7, SKU: "A"}, {ProductID: 8, SKU: "B"}}}
	sh := Shift{Date: 107, StartMinute: 600, EndMinute: 600, Lines: []ShiftLine{
		{SKU: "A", Qty: fixed.QtyOf(5)}, {SKU: "Z", Qty: fixed.QtyOf(1)}, {SKU: "A", Qty: fixed.QtyOf(1)},
		{SKU: "B", Qty: 0}}}
	err := CheckShift(&sh, c)
	if err == nil {
		t.Fatal("want errors")
	}
	for _, field := range []string{"date", "end_time", "lines[1].sku", "lines[2].sku", "lines[3].qty"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("%v does not name %s", err, field)
		}
	}
	if strings.Contains(err.Error(), "lines[0].") {
		t.Errorf("%v names the good line", err)
	}
	ok := Shift{Date: 106, StartMinute: 540, EndMinute: 1050, Lines: []ShiftLine{{SKU: "B", Qty: fixed.QtyOf(MaxShiftUnits)}}}
	if err := CheckShift(&ok, c); err != nil || ok.Lines[0].ProductID != 8 {
		t.Errorf("a good shift: %v %+v", err, ok)
	}
	ok.Lines[0].Qty++
	if err := CheckShift(&ok, c); err == nil || !strings.Contains(err.Error(), "lines[0].qty") {
		t.Errorf("above 100000 units: %v", err)
	}
}

func TestOutputAndEfficiency(t *testing.T) {
	var o Output
	if _, ok := o.PerHour(); ok {
		t.Error("units per hour with no time worked")
	}
	o.Add(Shift{StartMinute: 540, EndMinute: 1050, Lines: []ShiftLine{{Qty: fixed.QtyOf(40)}}}) // 8.5 h
	o.Add(Shift{StartMinute: 600, EndMinute: 620, Lines: []ShiftLine{{Qty: fixed.QtyOf(1)}}})   // 20 min
	per, _ := o.PerHour()
	if o.Hours().String() != "8.833" || o.Units.String() != "41.000" || per.String() != "4.642" {
		t.Errorf("output %s h, %s units, %s per hour", o.Hours(), o.Units, per)
	}
	if a, b := (Shift{Date: 1, StartMinute: 540, EndMinute: 600}), (Shift{Date: 1, StartMinute: 600, EndMinute: 660}); a.Overlap(b) {
		t.Error("back-to-back shifts overlap")
	}
	if a, b := (Shift{Date: 1, StartMinute: 540, EndMinute: 601}), (Shift{Date: 1, StartMinute: 600, EndMinute: 660}); !a.Overlap(b) {
		t.Error("overlapping shifts do not")
	}
	e := Efficiency{NetSales: fixed.MoneyOf(1000), Hours: fixed.QtyOf(3)}
	if v, ok := e.PerHour(); !ok || v.String() != "333.33" {
		t.Errorf("efficiency %s %v", v, ok)
	}
	if _, ok := (Efficiency{NetSales: 5}).PerHour(); ok {
		t.Error("efficiency without labour hours")
	}
}
