package delegation

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
)

// MayApprove reports whether p may approve, at the instant at, what storeID's manager
// approves: an admin, the store's manager, or the supervisor who is the store's active
// deputy then. Every module with an approval step asks this (or ApprovesAs) on every
// approval.
func (s *Service) MayApprove(ctx context.Context, p *authz.Principal, storeID int64, at time.Time) (bool, error) {
	as, err := s.ApprovesAs(ctx, s.db, p, storeID, at)
	return as != "", err
}

// ApprovesAs says in what capacity p may approve for storeID's manager at the instant at
// (AsAdmin, AsStoreManager, AsDeputy, or "" when p may not), reading the delegations
// through db: the caller's transaction, so an approval and the check behind it see the same
// data, or nil for the service's own pool. Only a supervisor of the store costs a query.
func (s *Service) ApprovesAs(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64, at time.Time) (string, error) {
	if err := authz.Require(p); err != nil {
		return "", err
	}
	if db == nil {
		db = s.db
	}
	var deputy int64
	if p.Role == authz.RoleSupervisor && p.CanSeeStore(storeID) {
		d, ok, err := activeAt(ctx, db, storeID, at.UTC())
		if err != nil {
			return "", err
		}
		if ok {
			deputy = d.DeputyUserID
		}
	}
	return Capacity(p, storeID, deputy), nil
}

// ActiveDeputy answers the store's delegation active at the instant at, if any: who, besides
// the store manager, approves then (for notifications and screens that say who approves).
func (s *Service) ActiveDeputy(ctx context.Context, storeID int64, at time.Time) (Delegation, bool, error) {
	return activeAt(ctx, s.db, storeID, at.UTC())
}
