package org

import (
	"context"

	"github.com/storeops/storeops/internal/platform/authz"
)

// UsersByID returns the users among ids that are in the caller's scope, keyed by id, in
// two queries however many ids there are: other modules name the people in their lists
// (a store's deputies, for example) without asking once per row. Callers that are not
// admins or HQ see the users of their own store only; ids outside the scope are left out.
func (s *Service) UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]User, error) {
	out := map[int64]User{}
	if err := authz.Require(p); err != nil || len(ids) == 0 {
		return out, err
	}
	q := s.db.WithContext(ctx).Where("id IN ?", ids)
	if only := p.StoreFilter(); only != nil {
		q = q.Where("store_id = ?", *only)
	}
	var rows []userRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	found := make([]int64, len(rows))
	for i, r := range rows {
		found[i] = r.ID
	}
	codes, err := userDepartmentCodes(ctx, s.db, found...)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = toUser(r, codes[r.ID])
	}
	return out, nil
}

// StoresByID returns the stores among ids, keyed by id, in one query: other modules name the
// stores in their reports (a campaign's compliance, a recall) without the caller fetching the
// chain's store list. Store names are not secret, so no scope applies; unknown ids are absent.
func (s *Service) StoresByID(ctx context.Context, ids []int64) (map[int64]Store, error) {
	out := make(map[int64]Store, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []storeRow
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = toStore(r)
	}
	return out, nil
}

// StoreStaff returns the active store managers and supervisors of a store, by id, in two
// queries: other modules pick who owns a store's work (a temperature alert's corrective
// action) without paging through the user list.
func (s *Service) StoreStaff(ctx context.Context, storeID int64) ([]User, error) {
	var rows []userRow
	err := s.db.WithContext(ctx).Where("store_id = ? AND disabled = ? AND role IN ?", storeID, false,
		[]string{string(authz.RoleStoreManager), string(authz.RoleSupervisor)}).Order("id").Limit(500).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	codes, err := userDepartmentCodes(ctx, s.db, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = toUser(r, codes[r.ID])
	}
	return out, nil
}
