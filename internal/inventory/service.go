package inventory

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Service books stock changes and answers stock questions.
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// NewService returns the stock ledger.
func NewService(db *gorm.DB, now func() time.Time) *Service { return &Service{db: db, now: now} }

// Apply books changes of one store inside the caller's transaction: movements, balances and
// lots together. The caller must hold LockStore for the store.
func (s *Service) Apply(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID int64, changes []Change) error {
	if err := authz.Require(p); err != nil {
		return err
	}
	if len(changes) == 0 {
		return nil
	}
	now := s.now()
	actor := p.ActorID()
	for _, c := range changes {
		if !slices.Contains(Kinds, c.Kind) {
			return fmt.Errorf("inventory: unknown movement kind %q", c.Kind)
		}
	}
	err := movementBulk.Insert(ctx, tx, len(changes), func(i int, a []any) []any {
		c := changes[i]
		return append(a, storeID, c.ProductID, c.Date, c.Kind, c.Qty, c.RefType, c.RefID, actor, now)
	})
	if err != nil {
		return fmt.Errorf("inventory: movements: %w", err)
	}

	var ids, tracked []int64
	seen := map[int64]bool{}
	for _, c := range changes {
		if !seen[c.ProductID] {
			seen[c.ProductID] = true
			ids = append(ids, c.ProductID)
			if c.LotTracked {
				tracked = append(tracked, c.ProductID)
			}
		}
	}
	balances, err := loadBalances(ctx, tx, storeID, ids)
	if err != nil {
		return err
	}
	lots, err := loadOpenLots(ctx, tx, storeID, tracked)
	if err != nil {
		return err
	}
	books := make(map[int64]*lotBook, len(tracked))
	for _, id := range tracked {
		b := &lotBook{Balance: balances[id]}
		for _, r := range lots[id] {
			b.Lots = append(b.Lots, Lot{ID: r.ID, Received: r.ReceivedDate, Expiry: r.ExpiryDate,
				Remaining: r.QtyRemaining, Initial: r.QtyReceived, UnitCost: r.UnitCost, RefID: r.RefID})
		}
		books[id] = b
	}
	for _, c := range changes {
		balances[c.ProductID] += c.Qty
		if b := books[c.ProductID]; b != nil {
			b.apply(c)
		}
	}
	err = balanceBulk.Insert(ctx, tx, len(ids), func(i int, a []any) []any {
		return append(a, storeID, ids[i], balances[ids[i]], now)
	})
	if err != nil {
		return fmt.Errorf("inventory: balances: %w", err)
	}
	return s.saveLots(ctx, tx, storeID, tracked, books, now)
}

func (s *Service) saveLots(ctx context.Context, tx *gorm.DB, storeID int64, tracked []int64, books map[int64]*lotBook, now time.Time) error {
	var fresh, changed []lotRow
	for _, id := range tracked {
		for _, l := range books[id].Lots {
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
	err := lotBulk.Insert(ctx, tx, len(fresh), func(i int, a []any) []any {
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
	return loadBalances(ctx, s.db, storeID, productIDs)
}

// LotInfo is an open lot as shown to people.
type LotInfo struct {
	ID        int64
	Received  civil.Date
	Expiry    civil.Date
	Remaining fixed.Qty
}

// Stock is one product's position in a store.
type Stock struct {
	ProductID int64
	OnHand    fixed.Qty
	// Sold28 is the net quantity sold over the 28 full days before today.
	Sold28 fixed.Qty
	Lots   []LotInfo
}

// CoverWindow is the sales history behind average daily sales and days of cover.
const CoverWindow = 28

// StockOf returns the position of every product of productIDs in the store as of today.
func (s *Service) StockOf(ctx context.Context, storeID int64, productIDs []int64, today civil.Date) (map[int64]*Stock, error) {
	out := make(map[int64]*Stock, len(productIDs))
	for _, id := range productIDs {
		out[id] = &Stock{ProductID: id}
	}
	balances, err := loadBalances(ctx, s.db, storeID, productIDs)
	if err != nil {
		return nil, err
	}
	for id, q := range balances {
		out[id].OnHand = q
	}
	var sold []struct {
		ProductID int64
		Qty       fixed.Qty
	}
	err = s.db.WithContext(ctx).Model(&movementRow{}).Select("product_id, SUM(qty) AS qty").
		Where("store_id = ? AND kind IN ? AND business_date >= ? AND business_date < ?",
			storeID, []string{KindSale, KindMarkdownSale}, today.AddDays(-CoverWindow), today).
		Group("product_id").Scan(&sold).Error
	if err != nil {
		return nil, err
	}
	for _, r := range sold {
		if st := out[r.ProductID]; st != nil {
			st.Sold28 = -r.Qty
		}
	}
	lots, err := loadOpenLots(ctx, s.db, storeID, productIDs)
	if err != nil {
		return nil, err
	}
	for id, rows := range lots {
		for _, r := range rows {
			out[id].Lots = append(out[id].Lots, LotInfo{ID: r.ID, Received: r.ReceivedDate, Expiry: r.ExpiryDate, Remaining: r.QtyRemaining})
		}
	}
	return out, nil
}

// MovementFilter narrows the ledger.
type MovementFilter struct {
	ProductID  *int64
	ProductIDs []int64 // when set, only these products
	Kind       string
	From, To   *civil.Date
	RefType    string
	RefID      string
}

// Movement is one ledger entry.
type Movement struct {
	ID        int64
	ProductID int64
	Date      civil.Date
	Kind      string
	Qty       fixed.Qty
	RefType   string
	RefID     string
	ActorID   *int64
	CreatedAt time.Time
}

// Movements lists a store's ledger, newest first.
func (s *Service) Movements(ctx context.Context, storeID int64, f MovementFilter, offset, limit int) ([]Movement, int64, error) {
	q := s.db.WithContext(ctx).Model(&movementRow{}).Where("store_id = ?", storeID)
	if f.ProductID != nil {
		q = q.Where("product_id = ?", *f.ProductID)
	}
	if len(f.ProductIDs) > 0 {
		q = q.Where("product_id IN ?", f.ProductIDs)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.From != nil {
		q = q.Where("business_date >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("business_date <= ?", *f.To)
	}
	if f.RefType != "" {
		q = q.Where("ref_type = ?", f.RefType)
	}
	if f.RefID != "" {
		q = q.Where("ref_id = ?", f.RefID)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []movementRow
	if err := q.Order("id DESC").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Movement, len(rows))
	for i, r := range rows {
		out[i] = Movement{ID: r.ID, ProductID: r.ProductID, Date: r.BusinessDate, Kind: r.Kind, Qty: r.Qty,
			RefType: r.RefType, RefID: r.RefID, ActorID: r.ActorID, CreatedAt: r.CreatedAt}
	}
	return out, total, nil
}
