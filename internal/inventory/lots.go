package inventory

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// OpenLot is a lot of a store that still holds stock, for modules that act on lots (write-offs
// of one lot, markdown suggestions).
type OpenLot struct {
	ID        int64
	ProductID int64
	Received  civil.Date
	Expiry    civil.Date
	Remaining fixed.Qty
	UnitCost  fixed.Money
}

func toOpenLot(r lotRow) OpenLot {
	return OpenLot{ID: r.ID, ProductID: r.ProductID, Received: r.ReceivedDate, Expiry: r.ExpiryDate,
		Remaining: r.QtyRemaining, UnitCost: r.UnitCost}
}

// LotTx answers lot id of the store as it stands in tx (with Remaining 0 when it is empty);
// a lot of another store or none at all is a 422 lot_unknown, since callers name lots in
// requests.
func (s *Service) LotTx(ctx context.Context, tx *gorm.DB, storeID, lotID int64) (OpenLot, error) {
	var r lotRow
	err := tx.WithContext(ctx).Where("id = ? AND store_id = ?", lotID, storeID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return OpenLot{}, apperr.New(apperr.ErrRule, "lot_unknown", fmt.Sprintf("lot %d is not a lot of this store", lotID))
	}
	return toOpenLot(r), err
}

// ExpiringLots answers the store's lots holding stock that expire before by, soonest first:
// an index range on (store_id, expiry_date), whatever the size of the catalogue.
func (s *Service) ExpiringLots(ctx context.Context, storeID int64, by civil.Date) ([]OpenLot, error) {
	var rows []lotRow
	err := s.db.WithContext(ctx).Where("store_id = ? AND expiry_date < ? AND qty_remaining > 0", storeID, by).
		Order("expiry_date, id").Find(&rows).Error
	out := make([]OpenLot, len(rows))
	for i, r := range rows {
		out[i] = toOpenLot(r)
	}
	return out, err
}
