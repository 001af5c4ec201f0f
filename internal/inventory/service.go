package inventory

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Products is what stock needs from the catalogue: lot facts read inside the caller's
// transaction, the products a list pages through, and references for display.
type Products interface {
	RefsByIDTx(ctx context.Context, tx *gorm.DB, ids []int64) (map[int64]catalog.Ref, error)
	RefsByID(ctx context.Context, ids []int64) (map[int64]catalog.Ref, error)
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
	Subquery(db *gorm.DB, f catalog.Filter) *gorm.DB
	CountRefs(ctx context.Context, f catalog.Filter) (int64, error)
}

// Stores tells a store's time zone, which decides what "today" is there.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
}

// Service books stock changes and answers stock questions.
type Service struct {
	db       *gorm.DB
	products Products
	stores   Stores
	now      func() time.Time
}

// NewService returns the stock ledger.
func NewService(db *gorm.DB, products Products, stores Stores, now func() time.Time) *Service {
	return &Service{db: db, products: products, stores: stores, now: now}
}

// Lock takes the store's stock lock until tx ends and answers the store's sequence number
// of its latest movement: a freeze point, since every later movement gets a larger one.
//
// Move takes the lock by itself. Call Lock first only when you decide what to move from
// state you read in the same transaction (a feed comparing with what it booked before):
// take it before that read, so the read sees every change committed before yours.
func (s *Service) Lock(ctx context.Context, tx *gorm.DB, storeID int64) (int64, error) {
	r, err := takeLock(ctx, tx, storeID, 0)
	return r.Seq, err
}

// Move books moves of one store inside the caller's transaction, done by p: it takes the
// store's stock lock, numbers the movements with the store's sequence, and updates balances,
// lots (first-expiring-first-out, or the lot a move names) and the days-of-cover rollup
// together. Safe to run again whole when the transaction is retried.
func (s *Service) Move(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID int64, moves []Move) error {
	if err := authz.Require(p); err != nil {
		return err
	}
	if len(moves) == 0 {
		return nil
	}
	lock, err := takeLock(ctx, tx, storeID, len(moves))
	if err != nil {
		return fmt.Errorf("inventory: lock store %d: %w", storeID, err)
	}
	ids := distinctProducts(moves)
	refs, err := s.products.RefsByIDTx(ctx, tx, ids)
	if err != nil {
		return err
	}
	rules := make(map[int64]LotRule, len(refs))
	var tracked []int64
	for id, ref := range refs {
		rules[id] = LotRule{Tracked: ref.Perishable, ShelfLifeDays: ref.ShelfLifeDays}
		if ref.Perishable {
			tracked = append(tracked, id)
		}
	}
	if err := checkMoves(moves, rules); err != nil {
		return err
	}
	now := s.now()
	first, actor := lock.Seq-int64(len(moves))+1, p.ActorID()
	err = movementBulk.Insert(ctx, tx, len(moves), func(i int, a []any) []any {
		m := moves[i]
		return append(a, storeID, first+int64(i), m.ProductID, m.Date, m.Kind, m.Qty, m.RefType, m.RefID, actor, now)
	})
	if err != nil {
		return fmt.Errorf("inventory: movements: %w", err)
	}
	balances, err := loadBalances(ctx, tx, storeID, ids)
	if err != nil {
		return err
	}
	books, err := openBooks(ctx, tx, storeID, tracked, balances)
	if err != nil {
		return err
	}
	for _, m := range moves {
		b := balances[m.ProductID]
		b.OnHand += m.Qty
		if isSale(m.Kind) && lock.CoverAsOf != nil && inCoverWindow(m.Date, *lock.CoverAsOf) {
			b.Sold28 -= m.Qty
		}
		balances[m.ProductID] = b
		if book := books[m.ProductID]; book != nil {
			if err := book.apply(m, rules[m.ProductID]); err != nil {
				return err
			}
		}
	}
	return s.save(ctx, tx, storeID, ids, balances, books, now)
}

func distinctProducts(moves []Move) []int64 {
	seen := make(map[int64]bool, len(moves))
	var ids []int64
	for _, m := range moves {
		if !seen[m.ProductID] {
			seen[m.ProductID] = true
			ids = append(ids, m.ProductID)
		}
	}
	return ids
}

func isSale(kind string) bool { return kind == KindSale || kind == KindMarkdownSale }

// openBooks loads the lots of lot-tracked products, with their balance before the moves.
func openBooks(ctx context.Context, tx *gorm.DB, storeID int64, tracked []int64, balances map[int64]balanceRow) (map[int64]*lotBook, error) {
	lots, err := loadOpenLots(ctx, tx, storeID, tracked)
	if err != nil {
		return nil, err
	}
	books := make(map[int64]*lotBook, len(tracked))
	for _, id := range tracked {
		b := &lotBook{Balance: balances[id].OnHand}
		for _, r := range lots[id] {
			b.Lots = append(b.Lots, Lot{ID: r.ID, Received: r.ReceivedDate, Expiry: r.ExpiryDate,
				Remaining: r.QtyRemaining, Initial: r.QtyReceived, UnitCost: r.UnitCost, RefID: r.RefID})
		}
		books[id] = b
	}
	return books, nil
}

// save writes the balances of ids (with each lot-tracked product's next expiry) and the
// lots that changed.
func (s *Service) save(ctx context.Context, tx *gorm.DB, storeID int64, ids []int64, balances map[int64]balanceRow,
	books map[int64]*lotBook, now time.Time) error {
	for _, id := range ids {
		b := balances[id]
		if err := checkBalance(b.OnHand); err != nil {
			return err
		}
		b.NextExpiry = nil
		if book := books[id]; book != nil {
			if d, ok := book.NextExpiry(); ok {
				b.NextExpiry = &d
			}
		}
		balances[id] = b
	}
	err := balanceBulk.Insert(ctx, tx, len(ids), func(i int, a []any) []any {
		b := balances[ids[i]]
		return append(a, storeID, ids[i], b.OnHand, b.Sold28, b.NextExpiry, now)
	})
	if err != nil {
		return fmt.Errorf("inventory: balances: %w", err)
	}
	var fresh, changed []lotRow
	for id, book := range books {
		for _, l := range book.Lots {
			if !l.changed {
				continue
			}
			r := lotRow{ID: l.ID, StoreID: storeID, ProductID: id, ReceivedDate: l.Received, ExpiryDate: l.Expiry,
				QtyReceived: l.Initial, QtyRemaining: l.Remaining, UnitCost: l.UnitCost, RefID: l.RefID, CreatedAt: now}
			if l.ID == 0 {
				fresh = append(fresh, r)
			} else {
				changed = append(changed, r)
			}
		}
	}
	if err := updateLots(ctx, tx, changed); err != nil {
		return fmt.Errorf("inventory: lots: %w", err)
	}
	err = lotBulk.Insert(ctx, tx, len(fresh), func(i int, a []any) []any {
		r := fresh[i]
		return append(a, r.StoreID, r.ProductID, r.ReceivedDate, r.ExpiryDate, r.QtyReceived, r.QtyRemaining, r.UnitCost, r.RefID, r.CreatedAt)
	})
	if err != nil {
		return fmt.Errorf("inventory: new lots: %w", err)
	}
	return nil
}

// OnHand returns the balances of products in a store (absent products hold nothing).
func (s *Service) OnHand(ctx context.Context, storeID int64, productIDs []int64) (map[int64]fixed.Qty, error) {
	return onHandOf(ctx, s.db, storeID, productIDs)
}

// BalancesTx answers the balances of products in a store inside the caller's transaction.
func (s *Service) BalancesTx(ctx context.Context, tx *gorm.DB, storeID int64, productIDs []int64) (map[int64]fixed.Qty, error) {
	return onHandOf(ctx, tx, storeID, productIDs)
}

func onHandOf(ctx context.Context, db *gorm.DB, storeID int64, productIDs []int64) (map[int64]fixed.Qty, error) {
	rows, err := loadBalances(ctx, db, storeID, productIDs)
	out := make(map[int64]fixed.Qty, len(rows))
	for id, r := range rows {
		out[id] = r.OnHand
	}
	return out, err
}

// MovedSince answers, per product, the sum of the store's movements after the freeze point
// afterSeq (see Lock): what happened to stock since.
func (s *Service) MovedSince(ctx context.Context, tx *gorm.DB, storeID int64, productIDs []int64, afterSeq int64) (map[int64]fixed.Qty, error) {
	out := make(map[int64]fixed.Qty)
	err := chunks(productIDs, 500, func(part []int64) error {
		var rows []struct {
			ProductID int64
			Qty       fixed.Qty
		}
		err := tx.WithContext(ctx).Model(&movementRow{}).Select("product_id, SUM(qty) AS qty").
			Where("store_id = ? AND seq > ? AND product_id IN ?", storeID, afterSeq, part).
			Group("product_id").Scan(&rows).Error
		for _, r := range rows {
			out[r.ProductID] = r.Qty
		}
		return err
	})
	return out, err
}
