package feeds

import "context"

// HasImports reports whether any feed was ever imported for the store. The demo seeder
// loads a store's history only while it has none, so a second run, or a store that already
// takes real feeds, is left alone.
func (s *Service) HasImports(ctx context.Context, storeID int64) (bool, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&importRow{}).Where("store_id = ?", storeID).Limit(1).Pluck("id", &ids).Error
	return len(ids) > 0, err
}
