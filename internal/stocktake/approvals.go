package stocktake

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/delegation"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// Approvers says who may approve for a store's manager: an admin, the store manager, or the
// supervisor the manager named deputy approver for the period (DESIGN.md §1). The delegation
// module implements it; every approval and rejection of a stocktake asks it.
type Approvers interface {
	// ApprovesAs answers delegation.AsAdmin, AsStoreManager or AsDeputy, or "" when p may
	// not approve for storeID at the instant at; it reads through db (the caller's
	// transaction, or nil for the pool).
	ApprovesAs(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64, at time.Time) (string, error)
}

// A store's active deputy acts for its manager on the store's stocktakes: while the
// delegation is active they see every stocktake of the store (not only their departments')
// and may take every step the manager may on it, approval included. Planning new stocktakes
// stays within their departments, and book quantities of a blind count stay hidden from them
// while it is counted, as from every counter.

// isDeputy reports whether p is the active deputy approver of storeID now.
func (s *Service) isDeputy(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64) (bool, error) {
	if p == nil || p.Role != authz.RoleSupervisor || !p.CanSeeStore(storeID) {
		return false, nil
	}
	as, err := s.approvers.ApprovesAs(ctx, db, p, storeID, s.now())
	return as == delegation.AsDeputy, err
}

// Approves is the Today inbox's approval rule: whether p approves the stocktakes of storeID
// now, asked of the same Approvers as every approval. Admins belong to no store and have no
// inbox, so in practice it is the store manager or the store's active deputy.
func (s *Service) Approves(ctx context.Context, p *authz.Principal, storeID int64) (bool, error) {
	as, err := s.approvers.ApprovesAs(ctx, nil, p, storeID, s.now())
	return as != "", err
}

// reaches reports whether the stocktake is in p's scope: visible by role and departments,
// or of a store p is the active deputy of (asked only when the departments do not cover it).
func (s *Service) reaches(ctx context.Context, db *gorm.DB, p *authz.Principal, r stocktakeRow) (bool, error) {
	if visible(p, r) {
		return true, nil
	}
	return s.isDeputy(ctx, db, p, r.StoreID)
}

// decision is an approval step of a stocktake: approving or rejecting it.
type decision struct {
	action    string
	stockLock bool // approval books stock
	approve   bool
}

var (
	approval  = decision{action: "stocktake.approve", stockLock: true, approve: true}
	rejection = decision{action: "stocktake.reject"}
)

// decisionJSON is the audit entry's after of an approval step: the stocktake, and in what
// capacity the caller decided (admin, store_manager or deputy).
type decisionJSON struct {
	stocktakeJSON
	ApprovedAs string `json:"approved_as,omitempty"`
	RejectedAs string `json:"rejected_as,omitempty"`
	// Note is the caller's note on a start, submit or approval.
	Note string `json:"note,omitempty"`
}

// noted puts a caller's note beside the stocktake in an audit entry.
func noted(note string) func(stocktakeJSON) any {
	return func(j stocktakeJSON) any { return decisionJSON{stocktakeJSON: j, Note: note} }
}

// decide runs an approval step as change does, after asking Approvers whether the caller may
// decide for the store's manager now: others get 403 forbidden. Separation of duties: a
// deputy may not approve a stocktake they counted or recounted (422 self_approval); the
// store manager and admins may, as before delegations existed. Rejecting is open to every
// approver, since it only sends the count back.
func (s *Service) decide(ctx context.Context, p *authz.Principal, id int64, d decision, note string,
	fn func(tx *gorm.DB, r stocktakeRow) error) (Stocktake, error) {
	var as string
	return s.changeAudited(ctx, p, id, d.stockLock, d.action, func(tx *gorm.DB, r stocktakeRow) error {
		var err error
		if as, err = s.approvers.ApprovesAs(ctx, tx, p, r.StoreID, s.now()); err != nil {
			return err
		}
		if as == "" {
			return apperr.New(apperr.ErrForbidden, "forbidden",
				"only the store manager, an admin or the store's active deputy approver may approve or reject a stocktake")
		}
		if d.approve && as == delegation.AsDeputy {
			counted, err := countedBy(ctx, tx, p.UserID, []int64{r.ID})
			if err != nil {
				return err
			}
			if counted[r.ID] {
				return apperr.New(apperr.ErrRule, "self_approval",
					"you counted this stocktake: as deputy approver you may not approve your own count; the store manager or an admin approves it")
			}
		}
		return fn(tx, r)
	}, func(j stocktakeJSON) any {
		if d.approve {
			return decisionJSON{stocktakeJSON: j, ApprovedAs: as, Note: note}
		}
		return decisionJSON{stocktakeJSON: j, RejectedAs: as, Note: note}
	})
}

// countedBy answers which of the stocktakes userID sent a count or recount sheet of, in one
// query.
func countedBy(ctx context.Context, db *gorm.DB, userID int64, stocktakeIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(stocktakeIDs) == 0 {
		return out, nil
	}
	var ids []int64
	err := db.WithContext(ctx).Model(&sheetRow{}).Where("counter_id = ? AND stocktake_id IN ?", userID, stocktakeIDs).
		Distinct().Pluck("stocktake_id", &ids).Error
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}
