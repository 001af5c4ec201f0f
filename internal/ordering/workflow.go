package ordering

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/delegation"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Filter narrows a store's plans.
type Filter struct {
	Status         string
	DepartmentCode string
	From, To       *civil.Date // delivery dates, inclusive
}

// List answers a store's plans in the caller's scope, latest delivery first.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, f Filter, pg paging.Page) ([]Plan, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&planRow{}).Where("store_id = ?", storeID)
	if p.Role == authz.RoleSupervisor {
		deputy, err := s.isDeputy(ctx, nil, p, storeID)
		if err != nil {
			return nil, 0, err
		}
		if !deputy {
			q = q.Where("department_code IN ?", append([]string{""}, p.DepartmentCodes...))
		}
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.From != nil {
		q = q.Where("delivery_date >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("delivery_date <= ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []planRow
	err := q.Order("delivery_date DESC").Order("department_code").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	out := make([]Plan, len(rows))
	for i, r := range rows {
		out[i] = toPlan(r)
	}
	return out, total, err
}

// Visible answers 404 unless plan id is in p's scope.
func (s *Service) Visible(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.load(ctx, s.db, p, id)
	return err
}

// Get answers a plan with what p may do with it.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Plan, []string, error) {
	r, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return Plan{}, nil, err
	}
	rel, err := s.relation(ctx, p, r)
	return toPlan(r), AllowedActions(toPlan(r), rel), err
}

func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (planRow, error) {
	r, err := loadPlan(ctx, db, id)
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, notFound(id)
	}
	if err != nil {
		return r, err
	}
	if p.CanSeeDepartment(r.StoreID, r.DepartmentCode) {
		return r, nil
	}
	if deputy, err := s.isDeputy(ctx, db, p, r.StoreID); err != nil || !deputy {
		if err == nil {
			err = notFound(id)
		}
		return r, err
	}
	return r, nil
}

func notFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("order plan %d not found", id))
}

func (s *Service) isDeputy(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64) (bool, error) {
	if p == nil || p.Role != authz.RoleSupervisor || !p.CanSeeStore(storeID) {
		return false, nil
	}
	as, err := s.Approvers.ApprovesAs(ctx, db, p, storeID, s.now())
	return as == delegation.AsDeputy, err
}

// Approves is the Today inbox's approval rule: whether p approves the store's plans now.
func (s *Service) Approves(ctx context.Context, p *authz.Principal, storeID int64) (bool, error) {
	as, err := s.Approvers.ApprovesAs(ctx, nil, p, storeID, s.now())
	return as != "", err
}

func (s *Service) relation(ctx context.Context, p *authz.Principal, r planRow) (Relation, error) {
	rel := Relation{Role: p.Role, Own: own(p, r)}
	if p.Role == authz.RoleSupervisor {
		d, err := s.isDeputy(ctx, nil, p, r.StoreID)
		rel.Deputy = d
		return rel, err
	}
	return rel, nil
}

// own: p made or submitted the plan.
func own(p *authz.Principal, r planRow) bool {
	id := p.ActorID()
	if id == nil {
		return false
	}
	return (r.CreatedBy != nil && *r.CreatedBy == *id) || (r.SubmittedBy != nil && *r.SubmittedBy == *id)
}

// change runs one step on a plan in a transaction: it loads the plan in scope, checks the
// version, lets fn change the row and the database, saves the new status with a bumped
// version and writes the audit entry.
func (s *Service) change(ctx context.Context, p *authz.Principal, id int64, version int, action string,
	fn func(tx *gorm.DB, r *planRow) error) (Plan, error) {
	var out planRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Version != version {
			return stale()
		}
		before := toPlan(r)
		if err := fn(tx, &r); err != nil {
			return err
		}
		r.UpdatedAt = s.now()
		res := tx.Model(&planRow{}).Where("id = ? AND version = ?", id, version).Select("*").Omit("id", "created_at").
			Updates(withVersion(r))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return stale()
		}
		r.Version++
		out = r
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: "order_plan", EntityID: audit.ID(id),
			StoreID: &r.StoreID, Before: auditJSON(toPlanJSON(before, nil)), After: planAudit(r)})
	})
	return toPlan(out), err
}

func withVersion(r planRow) planRow {
	r.Version++
	return r
}

func stale() error {
	return apperr.New(apperr.ErrConflict, "stale_version", "the plan was changed by someone else: reload it and try again")
}

func wrongState(want, have string) error {
	return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the plan is %s, not %s", have, want))
}

// Submit sends a draft to the store manager. An empty plan (nothing ordered) is refused, and
// so is a line whose product was discontinued since.
func (s *Service) Submit(ctx context.Context, p *authz.Principal, id int64, version int) (Plan, error) {
	return s.change(ctx, p, id, version, "order_plan.submit", func(tx *gorm.DB, r *planRow) error {
		if r.Status != StatusDraft {
			return wrongState(StatusDraft, r.Status)
		}
		if err := s.mayWork(p, *r); err != nil {
			return err
		}
		ordered, value, exceptions, err := planTotals(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		if ordered == 0 {
			return apperr.New(apperr.ErrRule, "empty_plan", "the plan orders nothing: set an ordered_qty above 0 on at least one line")
		}
		if err := s.checkOrderable(ctx, tx, r.ID); err != nil {
			return err
		}
		now, actor := s.now(), p.ActorID()
		r.Status, r.SubmittedAt, r.SubmittedBy, r.RejectReason = StatusSubmitted, &now, actor, ""
		r.OrderedLines, r.OrderValue, r.ExceptionCount = ordered, value, exceptions
		return nil
	})
}

// checkOrderable refuses a plan that orders a product no longer active.
func (s *Service) checkOrderable(ctx context.Context, tx *gorm.DB, planID int64) error {
	var lines []lineRow
	if err := tx.Select("product_id, sku").Where("plan_id = ? AND ordered_qty > 0", planID).Find(&lines).Error; err != nil {
		return err
	}
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.ProductID
	}
	refs, err := s.Catalog.RefsByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if ref, ok := refs[l.ProductID]; !ok || !ref.Active {
			return apperr.New(apperr.ErrRule, "discontinued", fmt.Sprintf(
				"SKU %s is discontinued: set its ordered_qty to 0 before submitting", l.SKU))
		}
	}
	return nil
}

// mayWork: drafts and receiving are the store's work: admins, the store manager, supervisors.
func (s *Service) mayWork(p *authz.Principal, r planRow) error {
	if !p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor) {
		return apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff work on its order plans")
	}
	return nil
}

// mayApprove: an admin, the store manager or the store's active deputy, never on a plan they
// made or submitted themselves.
func (s *Service) mayApprove(ctx context.Context, tx *gorm.DB, p *authz.Principal, r planRow) error {
	as, err := s.Approvers.ApprovesAs(ctx, tx, p, r.StoreID, s.now())
	if err != nil {
		return err
	}
	if as == "" {
		return apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager approves order plans")
	}
	if own(p, r) && p.Role == authz.RoleSupervisor {
		return apperr.New(apperr.ErrForbidden, "own_plan", "a plan is approved by someone other than who made or submitted it")
	}
	return nil
}

// Approve accepts a submitted plan.
func (s *Service) Approve(ctx context.Context, p *authz.Principal, id int64, version int) (Plan, error) {
	return s.change(ctx, p, id, version, "order_plan.approve", func(tx *gorm.DB, r *planRow) error {
		if r.Status != StatusSubmitted {
			return wrongState(StatusSubmitted, r.Status)
		}
		if err := s.mayApprove(ctx, tx, p, *r); err != nil {
			return err
		}
		now := s.now()
		r.Status, r.ApprovedAt, r.ApprovedBy = StatusApproved, &now, p.ActorID()
		return nil
	})
}

// Reject sends a submitted plan back to draft with the reason.
func (s *Service) Reject(ctx context.Context, p *authz.Principal, id int64, version int, reason string) (Plan, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return Plan{}, apperr.Field("reason", "is required, at most 500 characters")
	}
	return s.change(ctx, p, id, version, "order_plan.reject", func(tx *gorm.DB, r *planRow) error {
		if r.Status != StatusSubmitted {
			return wrongState(StatusSubmitted, r.Status)
		}
		if err := s.mayApprove(ctx, tx, p, *r); err != nil {
			return err
		}
		r.Status, r.RejectReason, r.SubmittedAt, r.SubmittedBy = StatusDraft, reason, nil, nil
		return nil
	})
}

// Delete removes a draft plan (and its lines) so the day can be planned again.
func (s *Service) Delete(ctx context.Context, p *authz.Principal, id int64, version int) error {
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Version != version {
			return stale()
		}
		if r.Status != StatusDraft {
			return wrongState(StatusDraft, r.Status)
		}
		if err := s.mayWork(p, r); err != nil {
			return err
		}
		if err := tx.Where("plan_id = ?", id).Delete(&lineRow{}).Error; err != nil {
			return err
		}
		res := tx.Where("id = ? AND version = ?", id, version).Delete(&planRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return stale()
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "order_plan.delete", EntityType: "order_plan",
			EntityID: audit.ID(id), StoreID: &r.StoreID, Before: planAudit(r)})
	})
}
