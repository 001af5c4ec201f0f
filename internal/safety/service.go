package safety

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Attachment owner kinds: an inspection's photos and a corrective action's.
const (
	KindInspection = "inspection"
	KindAction     = "corrective_action"
)

// Stores tells a store's time zone, the departments it runs and the chain's departments (the
// organisation module).
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
	ListDepartments(ctx context.Context, pg paging.Page) ([]org.Department, int64, error)
}

// Users names users in the caller's scope (the organisation module).
type Users interface {
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
}

// Deps are the modules safety works with.
type Deps struct {
	Stores      Stores
	Users       Users
	Attachments *attachments.Service
	Audit       *audit.Log
}

// Service is the safety and hygiene use cases; every change runs one transaction with its
// audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now      func() time.Time
	readings Readings
}

// NewService wires the safety module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// today is the store's business date now.
func (s *Service) today(ctx context.Context, storeID int64) (civil.Date, error) {
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return 0, err
	}
	return civil.Today(s.now(), loc), nil
}

// requireDepartment answers 404 unless the store runs dept and p sees it (a supervisor: one of
// their departments).
func (s *Service) requireDepartment(ctx context.Context, p *authz.Principal, storeID int64, field, dept string) error {
	if err := p.RequireDepartment(storeID, dept); err != nil {
		return err
	}
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return err
	}
	if !slices.Contains(depts, dept) {
		return apperr.FieldErrors{field: fmt.Sprintf("the store does not run department %q", dept)}
	}
	return nil
}

// requireChainDepartment refuses a template's department unless the chain has it ("" is any
// department).
func (s *Service) requireChainDepartment(ctx context.Context, code string) error {
	if code == "" {
		return nil
	}
	depts, _, err := s.Stores.ListDepartments(ctx, paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		return err
	}
	for _, d := range depts {
		if d.Code == code {
			return nil
		}
	}
	return apperr.FieldErrors{"department_code": fmt.Sprintf("the chain has no department %q", code)}
}

// scopeDepartments narrows a store list to p's departments: nil means every department.
func scopeDepartments(p *authz.Principal) []string {
	if p.Role != authz.RoleSupervisor {
		return nil
	}
	return append([]string{}, p.DepartmentCodes...)
}

func notFound(what string, id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("%s %d not found", what, id))
}

func stale(what string) error {
	return apperr.New(apperr.ErrConflict, "stale_version", what+" was changed by someone else: reload it and try again")
}

func wrongStatus(have, step string) error {
	return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the corrective action is %s: it cannot %s now", have, step))
}

func auditJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`null`)
	}
	return b
}
