// Package inventory is the stock ledger: every change of stock is a movement, on-hand
// balances move in the same transaction, and perishable stock sits in lots with an expiry
// date that sales and write-offs consume first-expiring-first-out (FEFO).
//
// Lot rule: for a lot-tracked product the lots' remaining quantities always add up to
// max(on hand, 0). Selling more than the lots hold drives on-hand negative (sold before the
// delivery was booked) and empties the lots; a later receipt first covers that deficit.
package inventory

import (
	"sort"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Movement kinds of DESIGN.md §5.2.
const (
	KindReceipt             = "receipt"
	KindSale                = "sale"
	KindWriteOff            = "write_off"
	KindMarkdownSale        = "markdown_sale"
	KindStocktakeAdjustment = "stocktake_adjustment"
	KindTransfer            = "transfer"
)

// Kinds lists every movement kind.
var Kinds = []string{KindReceipt, KindSale, KindWriteOff, KindMarkdownSale, KindStocktakeAdjustment, KindTransfer}

// Change is one movement to book: Qty is signed (receipts positive, sales negative).
type Change struct {
	ProductID int64
	Date      civil.Date
	Kind      string
	Qty       fixed.Qty
	RefType   string
	RefID     string
	// Lot-tracked products only: a receipt's expiry (zero: Date + ShelfLifeDays) and unit cost.
	LotTracked    bool
	ShelfLifeDays int
	Expiry        civil.Date
	UnitCost      fixed.Money
}

// Lot is stock received together, with one expiry date.
type Lot struct {
	ID        int64 // 0 for a lot not stored yet
	Received  civil.Date
	Expiry    civil.Date
	Remaining fixed.Qty
	Initial   fixed.Qty
	UnitCost  fixed.Money
	RefID     string
	changed   bool
}

// lotBook is one product's lots while changes are applied; Lots stay sorted FEFO.
type lotBook struct {
	Balance fixed.Qty
	Lots    []Lot
}

func (b *lotBook) sort() {
	sort.SliceStable(b.Lots, func(i, j int) bool {
		if b.Lots[i].Expiry != b.Lots[j].Expiry {
			return b.Lots[i].Expiry < b.Lots[j].Expiry
		}
		return b.Lots[i].ID < b.Lots[j].ID && b.Lots[i].ID != 0
	})
}

// apply books one change against the lots, keeping Σ remaining = max(balance, 0).
func (b *lotBook) apply(c Change) {
	before := b.Balance
	b.Balance += c.Qty
	available := max(before, 0)
	after := max(b.Balance, 0)
	switch {
	case c.Kind == KindReceipt && c.Qty > 0:
		expiry := c.Expiry
		if expiry == 0 {
			expiry = c.Date.AddDays(c.ShelfLifeDays)
		}
		b.Lots = append(b.Lots, Lot{Received: c.Date, Expiry: expiry, Remaining: after - available,
			Initial: c.Qty, UnitCost: c.UnitCost, RefID: c.RefID, changed: true})
		b.sort()
	case after < available:
		b.consume(available - after)
	case after > available:
		b.giveBack(after-available, c)
	}
}

// consume takes qty from the lots that expire first.
func (b *lotBook) consume(qty fixed.Qty) {
	for i := range b.Lots {
		if qty == 0 {
			return
		}
		l := &b.Lots[i]
		if l.Remaining == 0 {
			continue
		}
		take := min(l.Remaining, qty)
		l.Remaining -= take
		l.changed = true
		qty -= take
	}
}

// giveBack returns stock that came back without a receipt (a corrected sale, a stocktake
// gain) to the latest-expiring lot, the reverse of FEFO; with no lot it opens one.
func (b *lotBook) giveBack(qty fixed.Qty, c Change) {
	if n := len(b.Lots); n > 0 {
		l := &b.Lots[n-1]
		l.Remaining += qty
		if l.Remaining > l.Initial {
			l.Initial = l.Remaining
		}
		l.changed = true
		return
	}
	b.Lots = append(b.Lots, Lot{Received: c.Date, Expiry: c.Date.AddDays(c.ShelfLifeDays),
		Remaining: qty, Initial: qty, RefID: c.RefType + ":" + c.RefID, changed: true})
}

// DaysOfCover is on hand ÷ average daily sales over window days, in tenths of a day;
// ok is false when nothing sold (no meaningful cover).
func DaysOfCover(onHand, soldInWindow fixed.Qty, window int) (tenths int64, ok bool) {
	if soldInWindow <= 0 {
		return 0, false
	}
	if onHand <= 0 {
		return 0, true
	}
	num := int64(onHand) * int64(window) * 10
	den := int64(soldInWindow)
	return (num + den/2) / den, true
}
