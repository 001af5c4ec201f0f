package inventory

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Days of cover needs each product's sales over the 28 days before today. Summing them per
// request would read every product's movements; instead every balance keeps sold_28 for the
// window ending the day before the store's cover_as_of, Move keeps it current, and once a day
// the window slides: the days that entered are added and the days that left are taken off,
// which reads one day's movements at each end. A store whose rollup is more than a window
// behind (or was never built) is recomputed whole.

// SlideCover moves the store's days-of-cover rollup to the window that ends before today,
// under the store's stock lock. Running it twice on one day does nothing the second time.
func (s *Service) SlideCover(ctx context.Context, storeID int64, today civil.Date) error {
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		lock, err := takeLock(ctx, tx, storeID, 0)
		if err != nil {
			return err
		}
		asOf := lock.CoverAsOf
		switch {
		case asOf != nil && *asOf == today:
			return nil
		case asOf == nil || *asOf > today || today-*asOf > CoverWindow:
			err = recomputeCover(ctx, tx, storeID, today, s.now())
		default:
			err = slideCover(ctx, tx, storeID, *asOf, today, s.now())
		}
		if err != nil {
			return err
		}
		return setCoverAsOf(ctx, tx, storeID, today)
	})
}

// recomputeCover sets every balance's sold_28 from the movements of the window before today.
func recomputeCover(ctx context.Context, tx *gorm.DB, storeID int64, today civil.Date, now time.Time) error {
	err := tx.WithContext(ctx).Model(&balanceRow{}).Where("store_id = ? AND sold_28 <> 0", storeID).
		Update("sold_28", fixed.Qty(0)).Error
	if err != nil {
		return err
	}
	var sums []productQty
	err = tx.WithContext(ctx).Model(&movementRow{}).Select("product_id, SUM(qty) AS qty").
		Where("store_id = ? AND kind IN ? AND business_date >= ? AND business_date < ?",
			storeID, salesKinds, today.AddDays(-CoverWindow), today).
		Group("product_id").Scan(&sums).Error
	if err != nil {
		return err
	}
	return addSold(ctx, tx, storeID, sums, now)
}

// slideCover moves the window from the one before asOf to the one before today: days
// [asOf, today) enter, days [asOf−28, today−28) leave.
func slideCover(ctx context.Context, tx *gorm.DB, storeID int64, asOf, today civil.Date, now time.Time) error {
	leaveFrom, leaveTo := asOf.AddDays(-CoverWindow), today.AddDays(-CoverWindow)
	var sums []productQty
	err := tx.WithContext(ctx).Model(&movementRow{}).
		Select("product_id, SUM(CASE WHEN business_date >= ? THEN qty ELSE -qty END) AS qty", asOf).
		Where("store_id = ? AND kind IN ? AND ((business_date >= ? AND business_date < ?) OR (business_date >= ? AND business_date < ?))",
			storeID, salesKinds, asOf, today, leaveFrom, leaveTo).
		Group("product_id").Scan(&sums).Error
	if err != nil {
		return err
	}
	return addSold(ctx, tx, storeID, sums, now)
}

type productQty struct {
	ProductID int64
	Qty       fixed.Qty
}

// addSold adds what movements say was sold (their negated quantities) to sold_28.
func addSold(ctx context.Context, tx *gorm.DB, storeID int64, sums []productQty, now time.Time) error {
	live := sums[:0]
	for _, r := range sums {
		if r.Qty != 0 {
			live = append(live, r)
		}
	}
	return soldBulk.Insert(ctx, tx, len(live), func(i int, a []any) []any {
		return append(a, storeID, live[i].ProductID, fixed.Qty(0), -live[i].Qty, now)
	})
}
