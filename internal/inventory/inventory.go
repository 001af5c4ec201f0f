// Package inventory is the stock ledger: every change of stock is a movement, on-hand
// balances move in the same transaction, and perishable stock sits in lots with an expiry
// date that sales and write-offs consume first-expiring-first-out (FEFO).
//
// Other modules move stock with one call, Service.Move, inside their own transaction: it
// takes the store's stock lock, numbers the movements with the store's sequence, looks up
// which products keep lots and works the lots out by itself.
//
// Lot rule: for a lot-tracked product the lots' remaining quantities always add up to
// max(on hand, 0). Selling more than the lots hold drives on-hand negative (sold before the
// delivery was booked) and empties the lots; a later receipt first covers that deficit.
package inventory

import (
	"fmt"
	"slices"
	"sort"

	"github.com/storeops/storeops/internal/platform/apperr"
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
	KindReturnToSupplier    = "return_to_supplier"
	KindRecall              = "recall"
)

// Kinds lists every movement kind.
var Kinds = []string{KindReceipt, KindSale, KindWriteOff, KindMarkdownSale, KindStocktakeAdjustment, KindTransfer,
	KindReturnToSupplier, KindRecall}

// salesKinds are the movements that count as selling, for average daily sales.
var salesKinds = []string{KindSale, KindMarkdownSale}

// Move is one stock change a module asks for. Qty is signed: receipts positive, sales and
// write-offs negative.
type Move struct {
	ProductID int64
	Date      civil.Date
	Kind      string
	Qty       fixed.Qty
	RefType   string
	RefID     string
	// LotID names the lot a change takes from (a write-off of one lot) or gives back to;
	// zero means first-expiring-first-out. Only lot-tracked products have lots.
	LotID int64
	// Receipts of lot-tracked products open a lot: Expiry (zero: Date + the product's shelf
	// life) and the unit cost of what was received.
	Expiry   civil.Date
	UnitCost fixed.Money
}

// LotRule is what stock needs to know of a product's lots, from the catalogue.
type LotRule struct {
	Tracked       bool
	ShelfLifeDays int
}

// checkMoves refuses moves no caller should send: an unknown kind, a zero quantity, a lot
// named on a receipt or on a product that keeps none. Errors name moves[i].
func checkMoves(moves []Move, rules map[int64]LotRule) error {
	fe := apperr.FieldErrors{}
	for i, m := range moves {
		field := fmt.Sprintf("moves[%d]", i)
		rule, known := rules[m.ProductID]
		switch {
		case !slices.Contains(Kinds, m.Kind):
			fe.Add(field+".kind", "unknown movement kind "+m.Kind)
		case m.Qty == 0:
			fe.Add(field+".qty", "must not be zero")
		case fixed.InventoryMovementsQty.CheckQty(m.Qty) != nil:
			fe.Add(field+".qty", fixed.InventoryMovementsQty.CheckQty(m.Qty).Error())
		case !known:
			fe.Add(field+".product_id", fmt.Sprintf("no product %d", m.ProductID))
		case m.LotID != 0 && m.Kind == KindReceipt:
			fe.Add(field+".lot_id", "a receipt opens its own lot")
		case m.LotID != 0 && !rule.Tracked:
			fe.Add(field+".lot_id", "the product keeps no lots")
		}
	}
	return fe.Err()
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

// apply books one move against the lots, keeping Σ remaining = max(balance, 0).
func (b *lotBook) apply(m Move, rule LotRule) error {
	before := b.Balance
	b.Balance += m.Qty
	available := max(before, 0)
	after := max(b.Balance, 0)
	switch {
	case m.Kind == KindReceipt && m.Qty > 0:
		expiry := m.Expiry
		if expiry == 0 {
			expiry = m.Date.AddDays(rule.ShelfLifeDays)
		}
		b.Lots = append(b.Lots, Lot{Received: m.Date, Expiry: expiry, Remaining: after - available,
			Initial: m.Qty, UnitCost: m.UnitCost, RefID: m.RefID, changed: true})
		b.sort()
	case after < available && m.LotID != 0:
		return b.consumeLot(m.LotID, available-after)
	case after < available:
		b.consume(available - after)
	case after > available && m.LotID != 0:
		return b.giveBackTo(m.LotID, after-available)
	case after > available:
		b.giveBack(after-available, m, rule)
	}
	return nil
}

// NextExpiry is the earliest expiry of a lot still holding stock; ok is false when none does.
func (b *lotBook) NextExpiry() (civil.Date, bool) {
	for _, l := range b.Lots {
		if l.Remaining > 0 {
			return l.Expiry, true
		}
	}
	return 0, false
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

func (b *lotBook) find(id int64) *Lot {
	for i := range b.Lots {
		if b.Lots[i].ID == id {
			return &b.Lots[i]
		}
	}
	return nil
}

// consumeLot takes qty from one named lot, which must hold it.
func (b *lotBook) consumeLot(id int64, qty fixed.Qty) error {
	l := b.find(id)
	switch {
	case l == nil || l.Remaining == 0:
		return apperr.New(apperr.ErrRule, "lot_empty", fmt.Sprintf("lot %d holds no stock of this product in this store", id))
	case l.Remaining < qty:
		return apperr.New(apperr.ErrRule, "lot_short", fmt.Sprintf("lot %d holds only %s", id, l.Remaining))
	}
	l.Remaining -= qty
	l.changed = true
	return nil
}

// giveBackTo returns stock to one named lot.
func (b *lotBook) giveBackTo(id int64, qty fixed.Qty) error {
	l := b.find(id)
	if l == nil {
		return apperr.New(apperr.ErrRule, "lot_unknown", fmt.Sprintf("lot %d is not an open lot of this product in this store", id))
	}
	l.Remaining += qty
	l.Initial = max(l.Initial, l.Remaining)
	l.changed = true
	return nil
}

// giveBack returns stock that came back without a receipt (a corrected sale, a stocktake
// gain) to the latest-expiring lot, the reverse of FEFO; with no lot it opens one.
func (b *lotBook) giveBack(qty fixed.Qty, m Move, rule LotRule) {
	if n := len(b.Lots); n > 0 {
		l := &b.Lots[n-1]
		l.Remaining += qty
		l.Initial = max(l.Initial, l.Remaining)
		l.changed = true
		return
	}
	b.Lots = append(b.Lots, Lot{Received: m.Date, Expiry: m.Date.AddDays(rule.ShelfLifeDays),
		Remaining: qty, Initial: qty, RefID: m.RefType + ":" + m.RefID, changed: true})
}

// checkBalance refuses a change that would take a balance beyond its column's range.
func checkBalance(q fixed.Qty) error {
	if err := fixed.StockBalancesOnHand.CheckQty(q); err != nil {
		return apperr.New(apperr.ErrRule, "stock_out_of_range", "this change would take stock on hand out of range: "+err.Error())
	}
	return nil
}

// CoverWindow is the sales history behind average daily sales and days of cover: the 28
// full days before today.
const CoverWindow = 28

// inCoverWindow reports whether a sale on date counts in the window that ends the day
// before asOf.
func inCoverWindow(date, asOf civil.Date) bool {
	return date >= asOf.AddDays(-CoverWindow) && date < asOf
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
