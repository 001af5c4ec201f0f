package inventory

import (
	"context"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// EmptyDays answers, per product of a store, the days from..to (inclusive) that ended with
// nothing on hand (on-hand at the close of the day at or below 0): days whose sales say less
// than the demand was. Closing balances are walked back from today's on-hand through the
// ledger's movements. Days before a product's first movement in the window are not known,
// and a product most of whose days would end empty (stock never booked, only sales) answers
// none.
func (s *Service) EmptyDays(ctx context.Context, storeID int64, productIDs []int64, from, to civil.Date) (map[int64][]civil.Date, error) {
	if len(productIDs) == 0 || to < from {
		return nil, nil
	}
	onHand, err := onHandOf(ctx, s.db, storeID, productIDs)
	if err != nil {
		return nil, err
	}
	net := make(map[int64]map[civil.Date]fixed.Qty, len(productIDs))
	rows, err := s.db.WithContext(ctx).Model(&movementRow{}).Select("product_id, business_date, SUM(qty)").
		Where("store_id = ? AND business_date >= ? AND product_id IN ?", storeID, from, productIDs).
		Group("product_id, business_date").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var d civil.Date
		var q fixed.Qty
		if err := rows.Scan(&id, &d, &q); err != nil {
			return nil, err
		}
		if net[id] == nil {
			net[id] = map[civil.Date]fixed.Qty{}
		}
		net[id][d] = q
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[int64][]civil.Date, len(productIDs))
	days := int(to - from + 1)
	for _, id := range productIDs {
		cur := onHand[id]
		for d, q := range net[id] {
			if d > to {
				cur -= q // after the window: take it back to the close of `to`
			}
		}
		first := to + 1 // the product's first movement in the window: the ledger knows from there
		for d := range net[id] {
			first = min(first, d)
		}
		var empty []civil.Date
		for d := to; d >= first; d-- {
			if cur <= 0 {
				empty = append(empty, d)
			}
			cur -= net[id][d]
		}
		if len(empty)*2 > days {
			continue // the ledger does not know this product's stock for most of the window
		}
		out[id] = empty
	}
	return out, nil
}

// Seqs answers the last movement sequence number of each store (see Lock); a store that never
// moved stock is left out (0). Every later movement has a greater number, and a number read
// here is never handed out again, so figures worked out from the ledger after reading it
// stay good while MovedThrough answers false.
func (s *Service) Seqs(ctx context.Context, storeIDs []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(storeIDs))
	err := chunks(storeIDs, 500, func(part []int64) error {
		var rows []lockRow
		if err := s.db.WithContext(ctx).Select("store_id, seq").Where("store_id IN ?", part).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			out[r.StoreID] = r.Seq
		}
		return nil
	})
	return out, err
}

// MovedThrough tells whether the store booked a movement of one of the products after
// sequence number afterSeq that is dated through (or earlier): one that changes the closing
// balances EmptyDays walks up to that day. It reads the products' index ranges after
// afterSeq, so it costs what moved since.
func (s *Service) MovedThrough(ctx context.Context, storeID int64, productIDs []int64, afterSeq int64, through civil.Date) (bool, error) {
	found := false
	err := chunks(productIDs, 500, func(part []int64) error {
		if found {
			return nil
		}
		var ids []int64
		err := s.db.WithContext(ctx).Model(&movementRow{}).
			Where("store_id = ? AND product_id IN ? AND seq > ? AND business_date <= ?", storeID, part, afterSeq, through).
			Limit(1).Pluck("id", &ids).Error
		found = len(ids) > 0
		return err
	})
	return found, err
}
