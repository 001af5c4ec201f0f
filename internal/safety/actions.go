package safety

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Action is a corrective action: what a failed item needs put right, by whom and when.
type Action struct {
	ID             int64
	StoreID        int64
	DepartmentCode string
	// InspectionID is the inspection whose failed item opened the action; nil for an action
	// another module opened (a temperature alert).
	InspectionID   *int64
	ItemID         int
	Title          string
	Finding        string
	Critical       bool
	OwnerID        *int64
	OwnerName      string
	DueDate        civil.Date
	Status         string
	Overdue        bool
	Note           string
	DoneBy         *int64
	DoneByName     string
	DoneAt         *time.Time
	VerifiedBy     *int64
	VerifiedByName string
	VerifiedAt     *time.Time
	RejectReason   string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func toAction(r actionRow, today civil.Date) Action {
	return Action{ID: r.ID, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, InspectionID: r.InspectionID,
		ItemID: r.ItemID, Title: r.Title, Finding: r.Finding, Critical: r.Critical, OwnerID: r.OwnerID,
		OwnerName: r.OwnerName, DueDate: r.DueDate, Status: r.Status, Overdue: Overdue(r.Status, r.DueDate, today),
		Note: r.Note, DoneBy: r.DoneBy, DoneByName: r.DoneByName, DoneAt: r.DoneAt, VerifiedBy: r.VerifiedBy,
		VerifiedByName: r.VerifiedByName, VerifiedAt: r.VerifiedAt, RejectReason: r.RejectReason, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func toActionAudit(r actionRow) map[string]any {
	return map[string]any{"status": r.Status, "owner_id": r.OwnerID, "due_date": r.DueDate, "title": r.Title,
		"finding": r.Finding, "note": r.Note, "reject_reason": r.RejectReason}
}

// ActionFilter narrows a store's corrective actions.
type ActionFilter struct {
	Status         string
	DepartmentCode string
	InspectionID   *int64
	Mine           bool // owned by the caller
	Overdue        bool // open and past due
}

// ListActions answers a store's corrective actions in p's scope (a supervisor: their
// departments and any assigned to them), due first.
func (s *Service) ListActions(ctx context.Context, p *authz.Principal, storeID int64, f ActionFilter, pg paging.Page) ([]Action, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&actionRow{}).Where("store_id = ?", storeID)
	if depts := scopeDepartments(p); depts != nil {
		q = q.Where("department_code IN ? OR owner_id = ?", append(depts, ""), p.UserID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.InspectionID != nil {
		q = q.Where("inspection_id = ?", *f.InspectionID)
	}
	if f.Mine {
		q = q.Where("owner_id = ?", p.UserID)
	}
	if f.Overdue {
		q = q.Where("status = ? AND due_date < ?", ActionOpen, today)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []actionRow
	if err := q.Order("due_date, id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Action, len(rows))
	for i, r := range rows {
		out[i] = toAction(r, today)
	}
	return out, total, nil
}

func (s *Service) loadAction(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (actionRow, error) {
	var r actionRow
	err := db.WithContext(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !sees(p, r)) {
		return r, notFound("corrective action", id)
	}
	return r, err
}

// sees: p sees an action of a department in scope, or one assigned to them.
func sees(p *authz.Principal, r actionRow) bool {
	if p.CanSeeDepartment(r.StoreID, r.DepartmentCode) {
		return true
	}
	id := p.ActorID()
	return p.CanSeeStore(r.StoreID) && id != nil && r.OwnerID != nil && *id == *r.OwnerID
}

// VisibleAction answers 404 unless corrective action id is in p's scope (also the
// visibility rule of its photos).
func (s *Service) VisibleAction(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.loadAction(ctx, s.db, p, id)
	return err
}

// GetAction answers a corrective action, its photos and what p may do with it.
func (s *Service) GetAction(ctx context.Context, p *authz.Principal, id int64) (Action, []attachments.Attachment, []string, error) {
	r, err := s.loadAction(ctx, s.db, p, id)
	if err != nil {
		return Action{}, nil, nil, err
	}
	today, err := s.today(ctx, r.StoreID)
	if err != nil {
		return Action{}, nil, nil, err
	}
	photos, err := s.Attachments.ForOwner(ctx, KindAction, id)
	a := toAction(r, today)
	return a, photos, AllowedSteps(p, a), err
}

// manages reports whether p manages the store's corrective actions (its manager or admin).
func manages(p *authz.Principal, storeID int64) bool {
	return p.CanSeeStore(storeID) && p.HasRole(authz.RoleAdmin, authz.RoleStoreManager)
}

// mayStep refuses p taking step on a: the store's staff who see it complete it; its manager
// (or admin) verifies, rejects and edits; nobody verifies what they marked done themselves.
func mayStep(p *authz.Principal, a Action, step string) error {
	switch step {
	case StepComplete:
		if !p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor) {
			return apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff mark corrective actions done")
		}
	default:
		if !manages(p, a.StoreID) {
			return apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager may "+step+" a corrective action")
		}
	}
	if step == StepVerify {
		return MayVerify(a.DoneBy, p.ActorID())
	}
	return nil
}

// AllowedSteps answers allowed_actions of a corrective action for p.
func AllowedSteps(p *authz.Principal, a Action) []string {
	out := []string{}
	for _, step := range []string{StepComplete, StepVerify, StepReject, StepEdit} {
		if _, ok := Next(a.Status, step); ok && mayStep(p, a, step) == nil {
			out = append(out, step)
		}
	}
	return out
}

// StepInput is what a step carries: a note and photos (complete), a reason (reject), the
// owner and due date (edit), and the version the caller read.
type StepInput struct {
	Version *int
	Note    string
	Photos  []int64
	Reason  string
	OwnerID *int64
	DueDate *civil.Date
}

func (in StepInput) validate(step string) error {
	fe := apperr.FieldErrors{}
	switch step {
	case StepComplete:
		if strings.TrimSpace(in.Note) == "" || utf8.RuneCountInString(in.Note) > 1000 {
			fe.Add("note", "is required to mark a corrective action done, at most 1000 characters")
		}
		if len(in.Photos) > 5 {
			fe.Add("photos", "at most 5 photos")
		}
	case StepReject:
		if strings.TrimSpace(in.Reason) == "" || utf8.RuneCountInString(in.Reason) > 500 {
			fe.Add("reason", "is required, at most 500 characters")
		}
	case StepEdit:
		if in.OwnerID == nil && in.DueDate == nil {
			fe.Add("owner_id", "name an owner_id, a due_date or both")
		}
	}
	return fe.Err()
}

// Step moves corrective action id by step (complete, verify, reject or edit). Two callers
// at once move it once: the row changes only where it still has the status that was read.
func (s *Service) Step(ctx context.Context, p *authz.Principal, id int64, step string, in StepInput) (Action, error) {
	if err := authz.Require(p); err != nil {
		return Action{}, err
	}
	first, err := s.loadAction(ctx, s.db, p, id)
	if err != nil {
		return Action{}, err
	}
	if err := in.validate(step); err != nil {
		return Action{}, err
	}
	today, err := s.today(ctx, first.StoreID)
	if err != nil {
		return Action{}, err
	}
	var owner string
	if step == StepEdit && in.OwnerID != nil {
		var ok bool
		if owner, ok = s.storeUser(ctx, p, *in.OwnerID, first.StoreID); !ok {
			return Action{}, apperr.FieldErrors{"owner_id": "must be an active user of the store"}
		}
	}
	name := s.displayName(ctx, p)
	var out actionRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadAction(ctx, tx, p, id)
		if err != nil {
			return err
		}
		a := toAction(r, today)
		if err := mayStep(p, a, step); err != nil {
			return err
		}
		to, ok := Next(r.Status, step)
		if !ok {
			return wrongStatus(r.Status, step)
		}
		if in.Version != nil && *in.Version != r.Version {
			return stale("the corrective action")
		}
		if step == StepEdit && in.DueDate != nil && *in.DueDate < today {
			return apperr.FieldErrors{"due_date": "must not be before today"}
		}
		before := r
		now := s.now()
		set := map[string]any{"status": to, "version": r.Version + 1, "updated_at": now}
		switch step {
		case StepComplete:
			set["note"], set["done_by"], set["done_by_name"], set["done_at"], set["reject_reason"] = in.Note, p.ActorID(), name, now, ""
		case StepVerify:
			set["verified_by"], set["verified_by_name"], set["verified_at"] = p.ActorID(), name, now
		case StepReject:
			set["reject_reason"], set["done_by"], set["done_by_name"], set["done_at"] = in.Reason, nil, "", nil
		case StepEdit:
			if in.OwnerID != nil {
				set["owner_id"], set["owner_name"] = *in.OwnerID, owner
			}
			if in.DueDate != nil {
				set["due_date"] = *in.DueDate
			}
		}
		res := tx.Model(&actionRow{}).Where("id = ? AND status = ? AND version = ?", id, r.Status, r.Version).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return wrongStatus("changed meanwhile", step)
		}
		if step == StepComplete {
			owner := attachments.Owner{Kind: KindAction, ID: id, StoreID: r.StoreID}
			if err := s.Attachments.LinkField(ctx, tx, p, "photos", in.Photos, owner); err != nil {
				return err
			}
		}
		if err := tx.Take(&out, id).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "corrective_action." + step, EntityType: KindAction,
			EntityID: audit.ID(id), StoreID: &r.StoreID, Before: toActionAudit(before), After: toActionAudit(out)})
	})
	return toAction(out, today), err
}

// storeUser answers the display name of user id when they belong to storeID.
func (s *Service) storeUser(ctx context.Context, p *authz.Principal, id, storeID int64) (string, bool) {
	users, err := s.Users.UsersByID(ctx, p, []int64{id})
	u, ok := users[id]
	if err != nil || !ok || u.Disabled || u.StoreID == nil || *u.StoreID != storeID {
		return "", false
	}
	return u.DisplayName, true
}

// actionSteps are the steps the HTTP layer serves.
var actionSteps = []string{StepComplete, StepVerify, StepReject}

// IsStep reports whether step is a workflow step served at POST corrective-actions/{id}/{step}.
func IsStep(step string) bool { return slices.Contains(actionSteps, step) }
