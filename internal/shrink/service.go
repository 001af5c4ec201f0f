package shrink

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/delegation"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// Attachment owner kinds.
const (
	KindWriteOff = "write_off"
)

// Catalog finds products.
type Catalog interface {
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
	RefsByID(ctx context.Context, ids []int64) (map[int64]catalog.Ref, error)
}

// Stores tells a store's time zone and the departments it runs.
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
	ActiveStoreIDs(ctx context.Context) ([]int64, error)
}

// Approvers says who approves for a store's manager (the delegation module).
type Approvers interface {
	ApprovesAs(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64, at time.Time) (string, error)
}

// Sales answers net sales per day and department (the feeds module).
type Sales interface {
	DailySales(ctx context.Context, storeIDs []int64, from, to civil.Date) ([]feeds.DailySales, error)
}

// Budgets answers stored budgets (the budget module).
type Budgets interface {
	ForStores(ctx context.Context, storeIDs []int64, fromMonth, toMonth string) ([]budget.Budget, error)
}

// Deps are the modules shrink works with.
type Deps struct {
	Catalog     Catalog
	Stores      Stores
	Inventory   *inventory.Service
	Approvers   Approvers
	Attachments *attachments.Service
	Audit       *audit.Log
	Sales       Sales
	Budgets     Budgets
	// Others are the other sources of shrink the report adds (stocktake variance).
	Others []shrinkfeed.Source
}

// Service is the shrink use cases; every change runs one transaction with its audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the shrink module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// today is the store's business date now.
func (s *Service) today(ctx context.Context, storeID int64) (civil.Date, *time.Location, error) {
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return 0, nil, err
	}
	return civil.Today(s.now(), loc), loc, nil
}

// product finds sku for p in storeID: unknown, or outside a supervisor's departments, is 404.
func (s *Service) product(ctx context.Context, p *authz.Principal, storeID int64, sku string) (catalog.Ref, error) {
	refs, err := s.Catalog.RefsBySKU(ctx, []string{sku})
	if err != nil {
		return catalog.Ref{}, err
	}
	ref, ok := refs[sku]
	if !ok || !p.CanSeeDepartment(storeID, ref.DepartmentCode) {
		return catalog.Ref{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("product %s not found", sku))
	}
	return ref, nil
}

// makerApproves: the store manager's and an admin's own write-offs and markdowns need nobody
// else.
func makerApproves(p *authz.Principal) bool {
	return p.Role == authz.RoleAdmin || p.Role == authz.RoleStoreManager
}

// approvesAs says how p approves in storeID now ("" when they do not).
func (s *Service) approvesAs(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64) (string, error) {
	return s.Approvers.ApprovesAs(ctx, db, p, storeID, s.now())
}

// isDeputy: p is a supervisor standing in for the store manager now.
func (s *Service) isDeputy(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64) (bool, error) {
	if p == nil || p.Role != authz.RoleSupervisor || !p.CanSeeStore(storeID) {
		return false, nil
	}
	as, err := s.approvesAs(ctx, db, p, storeID)
	return as == delegation.AsDeputy, err
}

// sees: whether p sees a record of dept in storeID (supervisors: their departments, or the
// whole store while deputy).
func (s *Service) sees(ctx context.Context, db *gorm.DB, p *authz.Principal, storeID int64, dept string) (bool, error) {
	if p.CanSeeDepartment(storeID, dept) {
		return true, nil
	}
	return s.isDeputy(ctx, db, p, storeID)
}

// listRecords answers one page of a store's write-offs or markdowns in p's scope (a
// supervisor's departments, the whole store for the deputy), newest first, converted by to.
func listRecords[R record, T any](ctx context.Context, s *Service, p *authz.Principal, storeID int64, f Filter, pg paging.Page,
	to func(R) T) ([]T, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	depts, err := s.scopeDepartments(ctx, p, storeID)
	if err != nil {
		return nil, 0, err
	}
	rows, total, err := pageOf[R](ctx, s.db, storeID, depts, f, pg)
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = to(r)
	}
	return out, total, err
}

// loadScoped reads record id in p's scope: none, or one p does not see, is notFound.
func loadScoped[R record](ctx context.Context, s *Service, db *gorm.DB, p *authz.Principal, id int64, notFound error) (R, error) {
	r, err := loadRecord[R](ctx, db, id, notFound)
	if err != nil {
		return r, err
	}
	storeID, dept := r.scope()
	ok, err := s.sees(ctx, db, p, storeID, dept)
	if err == nil && !ok {
		err = notFound
	}
	return r, err
}

// scopeDepartments narrows a store list to p's departments: nil means every department.
func (s *Service) scopeDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error) {
	if p.Role != authz.RoleSupervisor {
		return nil, nil
	}
	deputy, err := s.isDeputy(ctx, nil, p, storeID)
	if err != nil || deputy {
		return nil, err
	}
	return append([]string{""}, p.DepartmentCodes...), nil
}

// Approves is the Today inbox's rule: whether p approves the store's write-offs now.
func (s *Service) Approves(ctx context.Context, p *authz.Principal, storeID int64) (bool, error) {
	as, err := s.approvesAs(ctx, nil, p, storeID)
	return as != "", err
}

// mayDecide refuses p deciding a record made by createdBy: approvers only, never their own.
func (s *Service) mayDecide(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID int64, createdBy *int64, ownCode string) error {
	as, err := s.approvesAs(ctx, tx, p, storeID)
	if err != nil {
		return err
	}
	if as == "" {
		return apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager or the store's deputy approver decides this")
	}
	if id := p.ActorID(); p.Role == authz.RoleSupervisor && id != nil && createdBy != nil && *id == *createdBy {
		return apperr.New(apperr.ErrForbidden, ownCode, "you made it: someone else approves it")
	}
	return nil
}

// canDecide is mayDecide as allowed_actions needs it.
func (s *Service) canDecide(ctx context.Context, p *authz.Principal, storeID int64, createdBy *int64) (bool, error) {
	err := s.mayDecide(ctx, nil, p, storeID, createdBy, "own")
	if err != nil && errors.Is(err, apperr.ErrForbidden) {
		return false, nil
	}
	return err == nil, err
}

func stale(what string) error {
	return apperr.New(apperr.ErrConflict, "stale_version", what+" was changed by someone else: reload it and try again")
}

func wrongStatus(what, have string) error {
	return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the %s is %s, not pending", what, have))
}

func auditJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`null`)
	}
	return b
}

func checkReason(fe apperr.FieldErrors, field, reason string, allowed []string) {
	if !slices.Contains(allowed, reason) {
		fe.Add(field, "must be one of: "+strings.Join(allowed, ", "))
	}
}
