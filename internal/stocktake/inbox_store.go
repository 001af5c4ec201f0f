package stocktake

import (
	"context"

	"gorm.io/gorm"
)

// maxInboxStocktakes bounds the open stocktakes one inbox lists; a store has a handful, and
// products can be in only one open stocktake at a time.
const maxInboxStocktakes = 200

// openStocktakes answers the store's planned, counting and submitted stocktakes, oldest
// first, through the (store_id, status) index; departments limits them (nil: all).
func openStocktakes(ctx context.Context, db *gorm.DB, storeID int64, departments []string) ([]stocktakeRow, error) {
	q := db.WithContext(ctx).Select("id", "store_id", "department_code", "scope", "status", "item_count",
		"started_at", "submitted_at").
		Where("store_id = ? AND status IN ?", storeID, OpenStatuses)
	if departments != nil {
		q = q.Where("department_code IN ?", departments)
	}
	var rows []stocktakeRow
	err := q.Order("id").Limit(maxInboxStocktakes).Find(&rows).Error
	return rows, err
}

// assignedRecounts counts, per stocktake among ids, the SKUs whose recount is assigned to
// userID and that nobody has recounted yet. The (recount_assignee, stocktake_id) index keeps
// it to the assigned items, however large the stocktakes.
func assignedRecounts(ctx context.Context, db *gorm.DB, ids []int64, userID int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		StocktakeID int64
		N           int
	}
	err := db.WithContext(ctx).Table("stocktake_items AS i").Select("i.stocktake_id, COUNT(*) AS n").
		Where("i.recount_assignee = ? AND i.stocktake_id IN ? AND i.recount_requested = ?", userID, ids, true).
		Where("NOT EXISTS (SELECT 1 FROM stocktake_count_lines l WHERE l.stocktake_id = i.stocktake_id "+
			"AND l.product_id = i.product_id AND l.kind = ?)", KindRecount).
		Group("i.stocktake_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.StocktakeID] = r.N
	}
	return out, err
}
