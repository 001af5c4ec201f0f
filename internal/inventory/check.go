package inventory

import (
	"context"
	"fmt"

	"github.com/storeops/storeops/internal/platform/fixed"
)

// Problem is one broken stock invariant.
type Problem struct {
	StoreID   int64
	ProductID int64
	What      string
}

func (p Problem) String() string {
	return fmt.Sprintf("store %d product %d: %s", p.StoreID, p.ProductID, p.What)
}

type storeProduct struct{ store, product int64 }

// Check verifies the ledger: every balance equals the sum of its movements, the lots of a
// lot-tracked product hold max(balance, 0), and no lot is negative or holds more than it
// received. lotTracked says which products keep lots.
func (s *Service) Check(ctx context.Context, lotTracked func(productID int64) bool) ([]Problem, error) {
	var problems []Problem
	sums := map[storeProduct]fixed.Qty{}
	var moved []struct {
		StoreID, ProductID int64
		Qty                fixed.Qty
	}
	if err := s.db.WithContext(ctx).Model(&movementRow{}).Select("store_id, product_id, SUM(qty) AS qty").
		Group("store_id, product_id").Scan(&moved).Error; err != nil {
		return nil, err
	}
	for _, m := range moved {
		sums[storeProduct{m.StoreID, m.ProductID}] = m.Qty
	}
	var balances []balanceRow
	if err := s.db.WithContext(ctx).Find(&balances).Error; err != nil {
		return nil, err
	}
	onHand := map[storeProduct]fixed.Qty{}
	for _, b := range balances {
		k := storeProduct{b.StoreID, b.ProductID}
		onHand[k] = b.OnHand
		if sum := sums[k]; sum != b.OnHand {
			problems = append(problems, Problem{b.StoreID, b.ProductID,
				fmt.Sprintf("balance %s but movements add up to %s", b.OnHand, sum)})
		}
	}
	for k, sum := range sums {
		if _, ok := onHand[k]; !ok {
			problems = append(problems, Problem{k.store, k.product, fmt.Sprintf("movements add up to %s but there is no balance", sum)})
		}
	}
	var lots []lotRow
	if err := s.db.WithContext(ctx).Find(&lots).Error; err != nil {
		return nil, err
	}
	inLots := map[storeProduct]fixed.Qty{}
	for _, l := range lots {
		k := storeProduct{l.StoreID, l.ProductID}
		inLots[k] += l.QtyRemaining
		if l.QtyRemaining < 0 || l.QtyRemaining > l.QtyReceived {
			problems = append(problems, Problem{l.StoreID, l.ProductID,
				fmt.Sprintf("lot %d holds %s of %s received", l.ID, l.QtyRemaining, l.QtyReceived)})
		}
	}
	for k, q := range onHand {
		if !lotTracked(k.product) {
			continue
		}
		if want := max(q, 0); inLots[k] != want {
			problems = append(problems, Problem{k.store, k.product,
				fmt.Sprintf("lots hold %s but the balance is %s", inLots[k], q)})
		}
	}
	return problems, nil
}
