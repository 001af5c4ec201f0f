package delegation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Directory is what this module asks the organisation: the store, and who the deputy is.
// The org module implements it.
type Directory interface {
	GetStore(ctx context.Context, p *authz.Principal, id int64) (org.Store, error)
	GetUser(ctx context.Context, p *authz.Principal, id int64) (org.User, error)
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
}

// Service is the delegation use cases; every change runs one transaction with its audit entry.
type Service struct {
	db    *gorm.DB
	dir   Directory
	audit *audit.Log
	now   func() time.Time
}

// NewService wires the delegation module.
func NewService(db *gorm.DB, dir Directory, log *audit.Log, now func() time.Time) *Service {
	return &Service{db: db, dir: dir, audit: log, now: now}
}

// View is a delegation as one caller sees it now: its status, the deputy's name (nil when
// the deputy left the caller's scope, e.g. moved to another store) and what the caller may
// do to it.
type View struct {
	Delegation
	Status         string
	Deputy         *org.User
	AllowedActions []string
}

// Create names a deputy approver of d.StoreID for [d.StartsAt, d.EndsAt): an admin, or the
// store's manager, may; the deputy must be an enabled supervisor of that store; the period
// may not overlap another open delegation of the store (409 overlap).
func (s *Service) Create(ctx context.Context, p *authz.Principal, d Delegation) (View, error) {
	if err := p.RequireStore(d.StoreID); err != nil {
		return View{}, err
	}
	if !MayManage(p, d.StoreID) {
		return View{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager or an admin names a deputy approver")
	}
	if _, err := s.dir.GetStore(ctx, p, d.StoreID); err != nil {
		return View{}, err
	}
	now := s.now()
	d.StartsAt, d.EndsAt = d.StartsAt.UTC().Truncate(time.Microsecond), d.EndsAt.UTC().Truncate(time.Microsecond)
	fe := apperr.FieldErrors{}
	var invalid apperr.FieldErrors
	if errors.As(Validate(d, now), &invalid) {
		fe = invalid
	}
	deputy, err := s.deputy(ctx, p, d.StoreID, d.DeputyUserID)
	if err != nil {
		return View{}, err
	}
	if deputy == nil {
		fe.Add("deputy_user_id", "must be an enabled supervisor of this store")
	}
	if err := fe.Err(); err != nil {
		return View{}, err
	}
	row := fromDelegation(d)
	row.CreatedBy, row.CreatedAt, row.RevokedAt, row.RevokedBy, row.RevokeReason = p.ActorID(), now, nil, nil, ""
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		row.ID = 0 // a retried attempt inserts afresh
		if err := lockStore(ctx, tx, d.StoreID); err != nil {
			return err
		}
		clash, err := overlapping(ctx, tx, d.StoreID, d.StartsAt, d.EndsAt)
		if err != nil {
			return err
		}
		if len(clash) > 0 {
			return apperr.New(apperr.ErrConflict, "overlap", fmt.Sprintf(
				"delegation %d already names a deputy from %s to %s: a store has one deputy at a time, revoke it first",
				clash[0].ID, clash[0].StartsAt.Format(time.RFC3339), clash[0].End().Format(time.RFC3339)))
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "delegation.create", EntityType: "delegation",
			EntityID: audit.ID(row.ID), StoreID: &row.StoreID, After: auditJSON(toDelegation(row), now)})
	})
	if err != nil {
		return View{}, err
	}
	return s.view(p, toDelegation(row), deputy, now), nil
}

// deputy answers the user if they are an enabled supervisor of storeID, otherwise nil.
func (s *Service) deputy(ctx context.Context, p *authz.Principal, storeID, userID int64) (*org.User, error) {
	if userID < 1 {
		return nil, nil
	}
	u, err := s.dir.GetUser(ctx, p, userID)
	if errors.Is(err, apperr.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled || u.Role != authz.RoleSupervisor || u.StoreID == nil || *u.StoreID != storeID {
		return nil, nil
	}
	return &u, nil
}

// Visible answers ErrNotFound unless the delegation exists in the caller's scope.
func (s *Service) Visible(ctx context.Context, p *authz.Principal, id int64) error {
	d, err := loadDelegation(ctx, s.db, id)
	if err == nil && !p.CanSeeStore(d.StoreID) {
		err = fmt.Errorf("delegation %d: %w", id, apperr.ErrNotFound)
	}
	return err
}

// Revoke ends a delegation early, or cancels one that has not started: an admin or the
// store's manager may. One that already ended or was revoked is 409 wrong_state.
func (s *Service) Revoke(ctx context.Context, p *authz.Principal, id int64, reason string) (View, error) {
	if err := authz.Require(p); err != nil {
		return View{}, err
	}
	var after Delegation
	now := s.now()
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := loadDelegation(ctx, tx, id)
		if err != nil {
			return err
		}
		if !p.CanSeeStore(before.StoreID) {
			return fmt.Errorf("delegation %d: %w", id, apperr.ErrNotFound)
		}
		if !MayManage(p, before.StoreID) {
			return apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager or an admin revokes a deputy approver")
		}
		revoked, err := revoke(ctx, tx, id, now, p.ActorID(), reason)
		if err != nil {
			return err
		}
		if !revoked {
			return apperr.New(apperr.ErrConflict, "wrong_state", fmt.Sprintf("delegation %d is %s already", id, before.Status(now)))
		}
		if after, err = loadDelegation(ctx, tx, id); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "delegation.revoke", EntityType: "delegation",
			EntityID: audit.ID(id), StoreID: &after.StoreID, Before: auditJSON(before, now), After: auditJSON(after, now)})
	})
	if err != nil {
		return View{}, err
	}
	views, err := s.views(ctx, p, []Delegation{after}, now)
	if err != nil {
		return View{}, err
	}
	return views[0], nil
}

// List answers one page of a store's delegations in the caller's scope: the active and
// scheduled ones first (soonest first), then the ended and revoked ones (latest first).
// Every role of the store reads them: supervisors need to know who approves.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, pg paging.Page) ([]View, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	if _, err := s.dir.GetStore(ctx, p, storeID); err != nil {
		return nil, 0, err
	}
	now := s.now()
	list, total, err := findStore(ctx, s.db, storeID, now, pg)
	if err != nil {
		return nil, 0, err
	}
	views, err := s.views(ctx, p, list, now)
	return views, total, err
}

// views names the deputies of list in one lookup and adds status and allowed actions.
func (s *Service) views(ctx context.Context, p *authz.Principal, list []Delegation, now time.Time) ([]View, error) {
	ids := make([]int64, len(list))
	for i, d := range list {
		ids[i] = d.DeputyUserID
	}
	users, err := s.dir.UsersByID(ctx, p, ids)
	if err != nil {
		return nil, err
	}
	out := make([]View, len(list))
	for i, d := range list {
		var deputy *org.User
		if u, ok := users[d.DeputyUserID]; ok {
			deputy = &u
		}
		out[i] = s.view(p, d, deputy, now)
	}
	return out, nil
}

func (s *Service) view(p *authz.Principal, d Delegation, deputy *org.User, now time.Time) View {
	return View{Delegation: d, Status: d.Status(now), Deputy: deputy, AllowedActions: AllowedActions(p, d, now)}
}
