// Package authz is the one authorization mechanism every module uses: the caller's
// Principal, role checks (403) and store and department scoping (404, so that a resource
// outside the caller's scope is never revealed).
package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Role is what a user may do; scope comes from StoreID and DepartmentCodes.
type Role string

// The five roles of DESIGN.md §1.
const (
	RoleAdmin        Role = "admin"
	RoleStoreManager Role = "store_manager"
	RoleSupervisor   Role = "supervisor"
	RoleHQPromotions Role = "hq_promotions"
	// RoleHQQuality is head office's food safety and quality team (品控部): it reads every
	// store and edits the chain's checklist templates.
	RoleHQQuality Role = "hq_quality"
)

// AllRoles lists every role, in the order screens show them.
var AllRoles = []Role{RoleAdmin, RoleStoreManager, RoleSupervisor, RoleHQPromotions, RoleHQQuality}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// StoreBound reports whether users of this role belong to exactly one store.
func (r Role) StoreBound() bool { return r == RoleStoreManager || r == RoleSupervisor }

// Principal is the authenticated caller of a request.
type Principal struct {
	UserID          int64
	Username        string
	Role            Role
	StoreID         *int64
	DepartmentCodes []string
	SessionID       string
	CSRFToken       string
	ViaCookie       bool
	// Profile is what was read about the caller in the same statement as their session (the
	// organisation module's Profile: display name, store), so that answering "who am I" reads
	// nothing again. It is nil when the principal was made otherwise: its reader must then
	// look the caller up.
	Profile any
	// system marks work nobody asked for in a request (see System).
	system bool
}

// System returns the principal of work that no signed-in user asked for: a background job,
// the demo seeder, a command-line command. It sees every store with the rights of an admin,
// and the audit log records it as "system:<name>" with no user id. Every use case takes its
// caller as a parameter; a nil caller sees nothing and may do nothing, it is never an admin.
func System(name string) *Principal {
	return &Principal{Username: "system:" + name, Role: RoleAdmin, system: true}
}

// IsSystem reports whether p is a System principal.
func (p *Principal) IsSystem() bool { return p != nil && p.system }

// ActorID is the user id to record as the actor of a change: nil for System principals.
func (p *Principal) ActorID() *int64 {
	if p == nil || p.system {
		return nil
	}
	id := p.UserID
	return &id
}

// ErrNoCaller is returned by use cases called without a caller: a programming error, never
// a reason to act as someone else.
var ErrNoCaller = errors.New("authz: no caller: pass the request's principal or authz.System(name)")

// Require answers ErrNoCaller for a nil principal.
func Require(p *Principal) error {
	if p == nil {
		return ErrNoCaller
	}
	return nil
}

// HasRole reports whether the principal has one of roles.
func (p *Principal) HasRole(roles ...Role) bool { return p != nil && slices.Contains(roles, p.Role) }

// SeesAllStores reports whether the principal reads every store (admin and HQ).
func (p *Principal) SeesAllStores() bool {
	return p != nil && (p.Role == RoleAdmin || p.Role == RoleHQPromotions || p.Role == RoleHQQuality)
}

// CanSeeStore reports whether storeID is inside the principal's scope.
func (p *Principal) CanSeeStore(storeID int64) bool {
	if p.SeesAllStores() {
		return true
	}
	return p != nil && p.StoreID != nil && *p.StoreID == storeID
}

// CanSeeDepartment reports whether a department of a store in scope is inside the
// principal's scope: supervisors see only the departments assigned to them.
func (p *Principal) CanSeeDepartment(storeID int64, departmentCode string) bool {
	if !p.CanSeeStore(storeID) {
		return false
	}
	if p.Role != RoleSupervisor {
		return true
	}
	return slices.Contains(p.DepartmentCodes, departmentCode)
}

// StoreFilter returns the single store a scoped principal is limited to, or nil when the
// principal sees every store. List queries add it as a WHERE clause.
func (p *Principal) StoreFilter() *int64 {
	if p.SeesAllStores() {
		return nil
	}
	if p == nil || p.StoreID == nil {
		// A store-bound role without a store sees nothing; -1 matches no row.
		none := int64(-1)
		return &none
	}
	return p.StoreID
}

// RequireStore answers ErrNotFound when storeID is outside the principal's scope.
func (p *Principal) RequireStore(storeID int64) error {
	if !p.CanSeeStore(storeID) {
		return fmt.Errorf("store %d: %w", storeID, apperr.ErrNotFound)
	}
	return nil
}

// RequireDepartment answers ErrNotFound when the department is outside the scope.
func (p *Principal) RequireDepartment(storeID int64, departmentCode string) error {
	if !p.CanSeeDepartment(storeID, departmentCode) {
		return fmt.Errorf("department %s of store %d: %w", departmentCode, storeID, apperr.ErrNotFound)
	}
	return nil
}

// RequireRole answers ErrForbidden unless the principal has one of roles.
func (p *Principal) RequireRole(roles ...Role) error {
	if p == nil {
		return ErrNoCaller
	}
	if !p.HasRole(roles...) {
		return apperr.New(apperr.ErrForbidden, "forbidden", fmt.Sprintf("role %s may not do this", p.Role))
	}
	return nil
}

type ctxKey struct{}

// WithPrincipal stores the principal in ctx.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// FromContext returns the principal of ctx, or nil for an anonymous request. Only the HTTP
// layer reads it: use cases take their caller as a parameter.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(ctxKey{}).(*Principal)
	return p
}
