// Package org owns the organisation: stores, the chain's departments, which departments
// each store runs, and users with their role, store and departments.
package org

import (
	"fmt"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// Store is one supermarket.
type Store struct {
	ID        int64
	Code      string
	Name      string
	Region    string
	Timezone  string
	Active    bool
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Location is the store's time zone; UTC when it cannot be loaded (a store's zone is checked
// when it is saved, so that means a zone database without it).
func (s Store) Location() *time.Location {
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Department kinds.
const (
	KindFresh   = "fresh"
	KindDry     = "dry"
	KindNonFood = "non_food"
)

// Department is chain-wide reference data; stores choose which ones they run.
type Department struct {
	Code   string
	Name   string
	NameEn string
	Kind   string
}

// User is a person who signs in, with the scope their role works in.
type User struct {
	ID              int64
	Username        string
	DisplayName     string
	Role            authz.Role
	StoreID         *int64
	DepartmentCodes []string
	Disabled        bool
	Version         int
	LastLoginAt     *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

var (
	codePattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)
)

// ValidateStore checks a store's fields and names every problem.
func ValidateStore(s Store) error {
	fe := apperr.FieldErrors{}
	if !codePattern.MatchString(s.Code) {
		fe.Add("code", "must be 1-32 lowercase letters, digits, '_' or '-'")
	}
	checkText(fe, "name", s.Name, 100)
	checkText(fe, "region", s.Region, 64)
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" || s.Timezone == "Local" {
		fe.Add("timezone", "must be an IANA time zone such as Asia/Shanghai")
	}
	return fe.Err()
}

// ValidateDepartment checks a department's fields.
func ValidateDepartment(d Department) error {
	fe := apperr.FieldErrors{}
	if !codePattern.MatchString(d.Code) {
		fe.Add("code", "must be 1-32 lowercase letters, digits, '_' or '-'")
	}
	checkText(fe, "name", d.Name, 64)
	checkText(fe, "name_en", d.NameEn, 64)
	if d.Kind != KindFresh && d.Kind != KindDry && d.Kind != KindNonFood {
		fe.Add("kind", "must be one of: fresh, dry, non_food")
	}
	return fe.Err()
}

// ValidateUser checks a user's own fields and that role, store and departments fit
// together: store managers and supervisors belong to one store, supervisors run at least one
// of its departments, HQ and admins belong to no store. storeDepartments is what the user's
// store runs (nil when the user has no store).
func ValidateUser(u User, storeDepartments []string) error {
	fe := apperr.FieldErrors{}
	if !usernamePattern.MatchString(u.Username) {
		fe.Add("username", "must be 3-64 lowercase letters, digits, '.', '_' or '-'")
	}
	checkText(fe, "display_name", u.DisplayName, 100)
	if !u.Role.Valid() {
		fe.Add("role", "must be one of: admin, store_manager, supervisor, hq_promotions, hq_quality")
		return fe.Err()
	}
	switch {
	case u.Role.StoreBound() && u.StoreID == nil:
		fe.Add("store_id", "is required for role "+string(u.Role))
	case !u.Role.StoreBound() && u.StoreID != nil:
		fe.Add("store_id", "must be empty for role "+string(u.Role))
	}
	switch {
	case u.Role == authz.RoleSupervisor && len(u.DepartmentCodes) == 0:
		fe.Add("department_codes", "must name at least one department for a supervisor")
	case u.Role != authz.RoleSupervisor && len(u.DepartmentCodes) > 0:
		fe.Add("department_codes", "must be empty for role "+string(u.Role))
	}
	for _, code := range u.DepartmentCodes {
		if u.StoreID != nil && !slices.Contains(storeDepartments, code) {
			fe.Add("department_codes", "department "+code+" is not run by the user's store")
		}
	}
	return fe.Err()
}

// NormaliseCodes sorts and de-duplicates department codes.
func NormaliseCodes(codes []string) []string {
	out := slices.Clone(codes)
	slices.Sort(out)
	return slices.Compact(out)
}

func checkText(fe apperr.FieldErrors, field, v string, max int) {
	n := utf8.RuneCountInString(v)
	switch {
	case n == 0:
		fe.Add(field, "is required")
	case n > max:
		fe.Add(field, fmt.Sprintf("must be at most %d characters", max))
	}
}

// StoreFilter narrows a store list.
type StoreFilter struct {
	Q      string
	Region string
	Active *bool
}
