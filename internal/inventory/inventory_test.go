package inventory

import (
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
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
		change  Move
		rule    LotRule
		balance fixed.Qty
		lots    []fixed.Qty // FEFO order
	}{
		{"receipt expiring in 5 days", Move{Kind: KindReceipt, Qty: q(10), Date: day, Expiry: day + 5}, LotRule{Tracked: true}, q(10), []fixed.Qty{q(10)}},
		{"receipt expiring sooner sorts first", Move{Kind: KindReceipt, Qty: q(4), Date: day, Expiry: day + 2}, LotRule{Tracked: true}, q(14), []fixed.Qty{q(4), q(10)}},
		{"sale takes the first-expiring lot first", Move{Kind: KindSale, Qty: -q(6), Date: day}, LotRule{Tracked: true}, q(8), []fixed.Qty{0, q(8)}},
		{"a corrected sale gives back to the latest lot", Move{Kind: KindSale, Qty: q(1), Date: day}, LotRule{Tracked: true}, q(9), []fixed.Qty{0, q(9)}},
		{"selling more than held empties the lots", Move{Kind: KindSale, Qty: -q(12), Date: day}, LotRule{Tracked: true}, -q(3), []fixed.Qty{0, 0}},
		{"a receipt covers the deficit first", Move{Kind: KindReceipt, Qty: q(5), Date: day + 1}, LotRule{Tracked: true, ShelfLifeDays: 3}, q(2), []fixed.Qty{0, q(2), 0}},
		{"write-off consumes FEFO", Move{Kind: KindWriteOff, Qty: -q(2), Date: day + 1}, LotRule{Tracked: true}, 0, []fixed.Qty{0, 0, 0}},
	}
	b := &lotBook{}
	for _, s := range steps {
		if err := b.apply(s.change, s.rule); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
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
	if err := b.apply(Move{Kind: KindStocktakeAdjustment, Qty: fixed.QtyOf(2), Date: day, RefType: "stocktake", RefID: "7"},
		LotRule{Tracked: true, ShelfLifeDays: 2}); err != nil {
		t.Fatal(err)
	}
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

func TestANamedLotIsTakenFromOrRefused(t *testing.T) {
	q := fixed.QtyOf
	book := func() *lotBook {
		return &lotBook{Balance: q(10), Lots: []Lot{
			{ID: 1, Expiry: day + 1, Remaining: q(4), Initial: q(4)},
			{ID: 2, Expiry: day + 5, Remaining: q(6), Initial: q(6)},
		}}
	}
	rule := LotRule{Tracked: true, ShelfLifeDays: 3}
	b := book()
	if err := b.apply(Move{Kind: KindWriteOff, Qty: -q(5), Date: day, LotID: 2}, rule); err != nil {
		t.Fatal(err)
	}
	if got := remaining(b); got[0] != q(4) || got[1] != q(1) {
		t.Fatalf("a write-off of lot 2 left %v, want [4 1]: FEFO must not apply", got)
	}
	tests := []struct {
		name string
		move Move
		code string
	}{
		{"more than the lot holds", Move{Kind: KindWriteOff, Qty: -q(5), LotID: 1}, "lot_short"},
		{"a lot of another product", Move{Kind: KindWriteOff, Qty: -q(1), LotID: 99}, "lot_empty"},
		{"giving back to an unknown lot", Move{Kind: KindStocktakeAdjustment, Qty: q(1), LotID: 99}, "lot_unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := book().apply(tc.move, rule)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != tc.code {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
		})
	}
	b = book()
	if d, ok := b.NextExpiry(); !ok || d != day+1 {
		t.Fatalf("next expiry %v %v", d, ok)
	}
	_ = b.apply(Move{Kind: KindSale, Qty: -q(4)}, rule)
	if d, ok := b.NextExpiry(); !ok || d != day+5 {
		t.Fatalf("after the first lot is sold, next expiry %v %v, want day+5", d, ok)
	}
}

func TestCheckMovesNamesTheBadMove(t *testing.T) {
	rules := map[int64]LotRule{1: {Tracked: true}, 2: {}}
	moves := []Move{
		{ProductID: 1, Kind: KindReceipt, Qty: fixed.QtyOf(1)},
		{ProductID: 1, Kind: "gift", Qty: fixed.QtyOf(1)},
		{ProductID: 1, Kind: KindSale, Qty: 0},
		{ProductID: 3, Kind: KindSale, Qty: -1},
		{ProductID: 1, Kind: KindReceipt, Qty: 1, LotID: 4},
		{ProductID: 2, Kind: KindWriteOff, Qty: -1, LotID: 4},
	}
	err := checkMoves(moves, rules)
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("got %v", err)
	}
	for _, f := range []string{"moves[1].kind", "moves[2].qty", "moves[3].product_id", "moves[4].lot_id", "moves[5].lot_id"} {
		if fe[f] == "" {
			t.Errorf("no error for %s in %v", f, fe)
		}
	}
	if len(fe) != 5 {
		t.Errorf("errors %v, want exactly 5", fe)
	}
}

func TestCoverWindowIsTheFullDaysBeforeToday(t *testing.T) {
	today := day
	for _, tc := range []struct {
		date civil.Date
		in   bool
	}{{today, false}, {today - 1, true}, {today - 28, true}, {today - 29, false}} {
		if got := inCoverWindow(tc.date, today); got != tc.in {
			t.Errorf("inCoverWindow(today%+d) = %v", int(tc.date-today), got)
		}
	}
}
