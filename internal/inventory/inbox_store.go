package inventory

import (
	"context"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
)

// expiringProduct is one product's lots that still hold stock and expire in a window.
type expiringProduct struct {
	ProductID int64
	Lots      int
	FirstDay  int // lots expiring on the window's first day
}

// expiringLots counts, per product, a store's lots holding stock that expire from first to
// last (inclusive). The (store_id, expiry_date) index bounds the read to those few days'
// lots, whatever the size of the catalogue or the history.
func expiringLots(ctx context.Context, db *gorm.DB, storeID int64, first, last civil.Date) ([]expiringProduct, error) {
	var rows []expiringProduct
	err := db.WithContext(ctx).Model(&lotRow{}).
		Select("product_id, COUNT(*) AS lots, SUM(CASE WHEN expiry_date = ? THEN 1 ELSE 0 END) AS first_day", first).
		Where("store_id = ? AND expiry_date >= ? AND expiry_date <= ? AND qty_remaining > 0", storeID, first, last).
		Group("product_id").Order("product_id").Scan(&rows).Error
	return rows, err
}
