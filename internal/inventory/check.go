package inventory

import (
	"context"
	"fmt"

	"github.com/storeops/storeops/internal/platform/civil"
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
// lot-tracked product hold max(balance, 0), no lot is negative or holds more than it
// received, each balance's next expiry and days-of-cover sales agree with the lots and
// movements, and no store's movements use a sequence number its lock did not hand out.
// lotTracked says which products keep lots.
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
	problems = append(problems, checkExpiries(balances, lots)...)
	more, err := s.checkSequences(ctx)
	if err != nil {
		return nil, err
	}
	problems = append(problems, more...)
	more, err = s.checkCover(ctx, balances)
	return append(problems, more...), err
}

// checkExpiries: each balance's next expiry is its earliest lot still holding stock.
func checkExpiries(balances []balanceRow, lots []lotRow) []Problem {
	first := map[storeProduct]civil.Date{}
	for _, l := range lots {
		k := storeProduct{l.StoreID, l.ProductID}
		if d, ok := first[k]; l.QtyRemaining > 0 && (!ok || l.ExpiryDate < d) {
			first[k] = l.ExpiryDate
		}
	}
	var out []Problem
	for _, b := range balances {
		want, ok := first[storeProduct{b.StoreID, b.ProductID}]
		if ok != (b.NextExpiry != nil) || (ok && *b.NextExpiry != want) {
			out = append(out, Problem{b.StoreID, b.ProductID, fmt.Sprintf("next expiry %v but the open lots say %v", b.NextExpiry, want)})
		}
	}
	return out
}

// checkSequences: a store's lock row has handed out at least every sequence number in use.
func (s *Service) checkSequences(ctx context.Context) ([]Problem, error) {
	var rows []struct {
		StoreID int64
		MaxSeq  int64
		LockSeq *int64
	}
	err := s.db.WithContext(ctx).Table("inventory_movements m").
		Select("m.store_id, MAX(m.seq) AS max_seq, MAX(l.seq) AS lock_seq").
		Joins("LEFT JOIN stock_locks l ON l.store_id = m.store_id").Group("m.store_id").Scan(&rows).Error
	var out []Problem
	for _, r := range rows {
		if r.LockSeq == nil || *r.LockSeq < r.MaxSeq {
			out = append(out, Problem{r.StoreID, 0, fmt.Sprintf("movements use sequence %d but the store's lock has handed out %v", r.MaxSeq, r.LockSeq)})
		}
	}
	return out, err
}

// checkCover: where a store's days-of-cover rollup is built, every balance's sold_28 equals
// its sales over the window, summed again from the movements.
func (s *Service) checkCover(ctx context.Context, balances []balanceRow) ([]Problem, error) {
	var locks []lockRow
	if err := s.db.WithContext(ctx).Where("cover_as_of IS NOT NULL").Find(&locks).Error; err != nil {
		return nil, err
	}
	var out []Problem
	for _, l := range locks {
		var sums []productQty
		err := s.db.WithContext(ctx).Model(&movementRow{}).Select("product_id, SUM(qty) AS qty").
			Where("store_id = ? AND kind IN ? AND business_date >= ? AND business_date < ?",
				l.StoreID, salesKinds, l.CoverAsOf.AddDays(-CoverWindow), *l.CoverAsOf).
			Group("product_id").Scan(&sums).Error
		if err != nil {
			return nil, err
		}
		sold := map[int64]fixed.Qty{}
		for _, r := range sums {
			sold[r.ProductID] = -r.Qty
		}
		for _, b := range balances {
			if b.StoreID == l.StoreID && b.Sold28 != sold[b.ProductID] {
				out = append(out, Problem{b.StoreID, b.ProductID, fmt.Sprintf("sold over the 28 days before %s is %s, the rollup says %s",
					l.CoverAsOf, sold[b.ProductID], b.Sold28)})
			}
		}
	}
	return out, nil
}
