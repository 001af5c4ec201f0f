package inventory

import (
	"context"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/fixed"
)

// LastMovementID answers the id of the store's newest movement (0 when there is none). Read
// under LockStore, it marks a freeze point: every later movement has a larger id.
func (s *Service) LastMovementID(ctx context.Context, tx *gorm.DB, storeID int64) (int64, error) {
	var id *int64
	err := tx.WithContext(ctx).Model(&movementRow{}).Select("MAX(id)").Where("store_id = ?", storeID).Scan(&id).Error
	if err != nil || id == nil {
		return 0, err
	}
	return *id, nil
}

// BalancesTx answers the balances of products in a store inside the caller's transaction
// (absent products hold nothing).
func (s *Service) BalancesTx(ctx context.Context, tx *gorm.DB, storeID int64, productIDs []int64) (map[int64]fixed.Qty, error) {
	return loadBalances(ctx, tx, storeID, productIDs)
}

// MovedSince answers, per product, the sum of the store's movements with an id above
// afterID: what happened to stock after a freeze point.
func (s *Service) MovedSince(ctx context.Context, tx *gorm.DB, storeID int64, productIDs []int64, afterID int64) (map[int64]fixed.Qty, error) {
	out := make(map[int64]fixed.Qty)
	err := chunks(productIDs, 500, func(part []int64) error {
		var rows []struct {
			ProductID int64
			Qty       fixed.Qty
		}
		err := tx.WithContext(ctx).Model(&movementRow{}).Select("product_id, SUM(qty) AS qty").
			Where("store_id = ? AND id > ? AND product_id IN ?", storeID, afterID, part).
			Group("product_id").Scan(&rows).Error
		for _, r := range rows {
			out[r.ProductID] = r.Qty
		}
		return err
	})
	return out, err
}
