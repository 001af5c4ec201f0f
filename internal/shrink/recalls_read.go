package shrink

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/paging"
)

// ListRecalls answers recalls newest first: every one for admins and HQ, those that took
// stock from their store for the store's staff.
func (s *Service) ListRecalls(ctx context.Context, p *authz.Principal, pg paging.Page) ([]Recall, int64, error) {
	if err := authz.Require(p); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&recallRow{})
	if only := p.StoreFilter(); only != nil {
		q = q.Where("id IN (?)", s.db.Model(&writeOffRow{}).Select("recall_id").
			Where("store_id = ? AND recall_id IS NOT NULL", *only))
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []recallRow
	if err := q.Order("created_at DESC").Order("id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Recall, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i], ids[i] = toRecall(r), r.ID
	}
	if only := p.StoreFilter(); only != nil && len(ids) > 0 {
		lines, err := s.recallLines(ctx, ids, only)
		if err != nil {
			return nil, 0, err
		}
		for i := range out {
			out[i].ownStore(lines[out[i].ID])
		}
	}
	return out, total, nil
}

// recallLine is one store's part of a recall.
type recallLine struct {
	RecallID int64
	RecallStore
}

// recallLines sums the recalls' write-offs per store (of one store when only is set).
func (s *Service) recallLines(ctx context.Context, ids []int64, only *int64) (map[int64][]RecallStore, error) {
	q := s.db.WithContext(ctx).Model(&writeOffRow{}).
		Select("write_offs.recall_id, write_offs.store_id, stores.code AS store_code, stores.name AS store_name, "+
			"COUNT(*) AS lot_count, SUM(write_offs.qty) AS qty, SUM(write_offs.value) AS value").
		Joins("JOIN stores ON stores.id = write_offs.store_id").Where("write_offs.recall_id IN ?", ids)
	if only != nil {
		q = q.Where("write_offs.store_id = ?", *only)
	}
	var rows []recallLine
	group := "write_offs.recall_id, write_offs.store_id, stores.code, stores.name"
	if err := q.Group(group).Order("write_offs.recall_id, write_offs.store_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := map[int64][]RecallStore{}
	for _, r := range rows {
		out[r.RecallID] = append(out[r.RecallID], r.RecallStore)
	}
	return out, nil
}

// ownStore narrows a recall's totals to the lines of the caller's store: a store's staff see
// what their store sent back, never the other stores' figures.
func (r *Recall) ownStore(lines []RecallStore) {
	r.Stores = append([]RecallStore{}, lines...)
	r.StoreCount, r.LotCount, r.Qty, r.Value = len(lines), 0, 0, 0
	for _, l := range lines {
		r.LotCount += l.LotCount
		r.Qty += l.Qty
		r.Value += l.Value
	}
}

// GetRecall answers a recall with what came back from each store in p's scope; a recall that
// took nothing from the caller's store is 404 for its staff.
func (s *Service) GetRecall(ctx context.Context, p *authz.Principal, id int64) (Recall, error) {
	if err := authz.Require(p); err != nil {
		return Recall{}, err
	}
	var r recallRow
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	notFound := apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("recall %d not found", id))
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Recall{}, notFound
	}
	if err != nil {
		return Recall{}, err
	}
	lines, err := s.recallLines(ctx, []int64{id}, p.StoreFilter())
	if err != nil {
		return Recall{}, err
	}
	if p.StoreFilter() != nil && len(lines[id]) == 0 {
		return Recall{}, notFound
	}
	out := toRecall(r)
	if p.StoreFilter() != nil {
		out.ownStore(lines[id])
	} else {
		out.Stores = append(out.Stores, lines[id]...)
	}
	return out, nil
}
