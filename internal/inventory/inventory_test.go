package inventory

import (
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

var day = civil.Date(20000)

func remaining(b *lotBook) []fixed.Qty {
	out := make([]fixed.Qty, len(b.Lots))
	for i, l := range b.Lots {
		out[i] = l.Remaining
	}
	return out
}

func sum(b *lotBook) fixed.Qty {
	var s fixed.Qty
	for _, l := range b.Lots {
		s += l.Remaining
	}
	return s
}

func TestLotsFollowFEFOAndTheInvariant(t *testing.T) {
	q := fixed.QtyOf
	steps := []struct {
		name    string
		change  Change
		balance fixed.Qty
		lots    []fixed.Qty // FEFO order
	}{
		{"receipt expiring in 5 days", Change{Kind: KindReceipt, Qty: q(10), Date: day, Expiry: day + 5}, q(10), []fixed.Qty{q(10)}},
		{"receipt expiring sooner sorts first", Change{Kind: KindReceipt, Qty: q(4), Date: day, Expiry: day + 2}, q(14), []fixed.Qty{q(4), q(10)}},
		{"sale takes the first-expiring lot first", Change{Kind: KindSale, Qty: -q(6), Date: day}, q(8), []fixed.Qty{0, q(8)}},
		{"a corrected sale gives back to the latest lot", Change{Kind: KindSale, Qty: q(1), Date: day}, q(9), []fixed.Qty{0, q(9)}},
		{"selling more than held empties the lots", Change{Kind: KindSale, Qty: -q(12), Date: day}, -q(3), []fixed.Qty{0, 0}},
		{"a receipt covers the deficit first", Change{Kind: KindReceipt, Qty: q(5), Date: day + 1, ShelfLifeDays: 3}, q(2), []fixed.Qty{0, q(2), 0}},
		{"write-off consumes FEFO", Change{Kind: KindWriteOff, Qty: -q(2), Date: day + 1}, 0, []fixed.Qty{0, 0, 0}},
	}
	b := &lotBook{}
	for _, s := range steps {
		b.apply(s.change)
		got := remaining(b)
		if b.Balance != s.balance || len(got) != len(s.lots) {
			t.Fatalf("%s: balance %v lots %v, want %v %v", s.name, b.Balance, got, s.balance, s.lots)
		}
		for i := range got {
			if got[i] != s.lots[i] {
				t.Fatalf("%s: lots %v, want %v", s.name, got, s.lots)
			}
		}
		if sum(b) != max(b.Balance, 0) {
			t.Fatalf("%s: lots hold %v, balance %v", s.name, sum(b), b.Balance)
		}
	}
	if mid := b.Lots[1]; mid.Expiry != day+4 || mid.Initial != q(5) {
		t.Errorf("shelf-life lot %+v, want expiry received + 3 days and 5 received", mid)
	}
}

func TestGivingBackWithoutLotsOpensOne(t *testing.T) {
	b := &lotBook{}
	b.apply(Change{Kind: KindStocktakeAdjustment, Qty: fixed.QtyOf(2), Date: day, ShelfLifeDays: 2, RefType: "stocktake", RefID: "7"})
	if len(b.Lots) != 1 || b.Lots[0].Remaining != fixed.QtyOf(2) || b.Lots[0].Expiry != day+2 {
		t.Fatalf("lots %+v", b.Lots)
	}
}

func TestDaysOfCover(t *testing.T) {
	tests := []struct {
		onHand, sold fixed.Qty
		tenths       int64
		ok           bool
	}{
		{fixed.QtyOf(14), fixed.QtyOf(56), 70, true}, // 2 a day, 14 on hand: 7.0 days
		{fixed.QtyOf(1), fixed.QtyOf(28 * 3), 3, true},
		{fixed.QtyOf(5), 0, 0, false},
		{-fixed.QtyOf(5), fixed.QtyOf(28), 0, true},
	}
	for _, tc := range tests {
		got, ok := DaysOfCover(tc.onHand, tc.sold, 28)
		if got != tc.tenths || ok != tc.ok {
			t.Errorf("DaysOfCover(%v, %v) = %d %v, want %d %v", tc.onHand, tc.sold, got, ok, tc.tenths, tc.ok)
		}
	}
}
