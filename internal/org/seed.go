package org

import (
	"context"
	"errors"
	"slices"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// EnsureDepartment creates d unless a department with its code exists; an existing one is
// left untouched, so seeding twice changes nothing.
func (s *Service) EnsureDepartment(ctx context.Context, p *authz.Principal, d Department) (created bool, err error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&departmentRow{}).Where("code = ?", d.Code).Count(&n).Error; err != nil || n > 0 {
		return false, err
	}
	_, err = s.CreateDepartment(ctx, p, d)
	return err == nil, err
}

// EnsureStore returns the store with st's code, creating it if missing, and makes sure it
// runs at least the given departments.
func (s *Service) EnsureStore(ctx context.Context, p *authz.Principal, st Store, departments []string) (Store, bool, error) {
	var r storeRow
	err := s.db.WithContext(ctx).Where("code = ?", st.Code).First(&r).Error
	created := false
	switch {
	case err == nil:
		st = toStore(r)
	case errors.Is(database.Translate(err, "store"), apperr.ErrNotFound):
		if st, err = s.CreateStore(ctx, p, st); err != nil {
			return Store{}, false, err
		}
		created = true
	default:
		return Store{}, false, err
	}
	have, err := storeDepartmentCodes(ctx, s.db, st.ID)
	if err != nil {
		return Store{}, false, err
	}
	missing := false
	for _, d := range departments {
		if !slices.Contains(have, d) {
			have, missing = append(have, d), true
		}
	}
	if missing {
		if _, err := s.SetStoreDepartments(ctx, p, st.ID, have); err != nil {
			return Store{}, false, err
		}
		created = true
	}
	return st, created, nil
}

// EnsureUser creates nu unless its username exists; an existing user (and any password
// they have since set) is left untouched.
func (s *Service) EnsureUser(ctx context.Context, p *authz.Principal, nu NewUser) (created bool, err error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&userRow{}).Where("username = ?", nu.Username).Count(&n).Error; err != nil || n > 0 {
		return false, err
	}
	_, err = s.CreateUser(ctx, p, nu)
	return err == nil, err
}

// CountUsers tells whether the database has any user yet.
func (s *Service) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&userRow{}).Count(&n).Error
	return n, err
}

// DepartmentCodes lists the codes of the chain's departments, sorted; other modules check
// department references against it (the catalogue's products, for one).
func (s *Service) DepartmentCodes(ctx context.Context) ([]string, error) {
	codes := []string{}
	err := s.db.WithContext(ctx).Model(&departmentRow{}).Order("code").Pluck("code", &codes).Error
	return codes, err
}
