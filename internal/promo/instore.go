package promo

import (
	"context"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
)

// Owners of a campaign, the list filter: HQ's plans, stores' own promotions, or both.
const (
	OwnerHQ    = "hq"
	OwnerStore = "store"
	OwnerAll   = "all"
)

// mayManage: HQ promotions and admins manage the chain's campaigns, a store manager their
// store's own in-store promotions (店内促销).
func mayManage(p *authz.Principal) error {
	return p.RequireRole(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleStoreManager)
}

// Manages reports whether p may change a campaign owned by owner (nil: HQ's): HQ promotions
// and admins every campaign, a store manager only their own store's.
func Manages(p *authz.Principal, owner *int64) bool {
	if p.HasRole(authz.RoleAdmin, authz.RoleHQPromotions) {
		return true
	}
	return p.HasRole(authz.RoleStoreManager) && owner != nil && p.StoreID != nil && *owner == *p.StoreID
}

// ScopeInStore makes a store manager's campaign their store's in-store promotion: owned by
// the store and targeted at it alone, whatever the request said; HQ's campaigns stay as sent.
func ScopeInStore(p *authz.Principal, c *Campaign) {
	if p.HasRole(authz.RoleStoreManager) && p.StoreID != nil {
		OwnedBy(c, *p.StoreID)
	}
}

// OwnedBy makes c an in-store promotion of store: owned by it and targeted at it alone. An
// in-store promotion stays one whoever edits it, HQ included.
func OwnedBy(c *Campaign, store int64) {
	c.OwnerStoreID = &store
	c.TargetKind, c.TargetRegion, c.TargetStoreIDs = TargetStores, "", []int64{store}
}

// loadManaged loads a campaign p may change: one outside p's reach is 404, as if it did not
// exist (a store manager does not touch HQ's campaigns nor another store's promotions).
func (s *Service) loadManaged(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (campaignRow, error) {
	r, err := s.load(ctx, db, p, id)
	if err == nil && !Manages(p, r.OwnerStoreID) {
		err = notFound(id)
	}
	return r, err
}

// scopeQuery narrows a campaigns query to what p sees: HQ everything; a store's staff the
// campaigns published to their store, and a store manager also their store's own drafts.
func (s *Service) scopeQuery(q *gorm.DB, p *authz.Principal) *gorm.DB {
	only := p.StoreFilter()
	if only == nil {
		return q
	}
	published := s.db.Model(&executionRow{}).Select("campaign_id").Where("store_id = ?", *only)
	if p.HasRole(authz.RoleStoreManager) {
		return q.Where("(id IN (?) OR owner_store_id = ?)", published, *only)
	}
	return q.Where("id IN (?)", published)
}

// ownerQuery narrows a campaigns query to an owner filter.
func ownerQuery(q *gorm.DB, owner string) *gorm.DB {
	switch owner {
	case OwnerHQ:
		return q.Where("owner_store_id IS NULL")
	case OwnerStore:
		return q.Where("owner_store_id IS NOT NULL")
	}
	return q
}
