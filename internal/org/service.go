package org

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/patch"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/password"
)

// SessionRevoker ends a user's sessions inside the caller's transaction; the auth module
// implements it. exceptSessionID keeps one session (the caller's own) alive.
type SessionRevoker interface {
	RevokeUserSessions(ctx context.Context, tx *gorm.DB, userID int64, exceptSessionID string) error
}

// Service is the organisation's use cases. Every method that changes data runs one
// transaction with its audit entry.
type Service struct {
	db      *gorm.DB
	audit   *audit.Log
	hasher  *password.Hasher
	revoker SessionRevoker
	now     func() time.Time
}

// NewService wires the organisation module.
func NewService(db *gorm.DB, log *audit.Log, hasher *password.Hasher, revoker SessionRevoker, now func() time.Time) *Service {
	return &Service{db: db, audit: log, hasher: hasher, revoker: revoker, now: now}
}

// ListStores lists the stores the caller may see.
func (s *Service) ListStores(ctx context.Context, p *authz.Principal, f StoreFilter, pg paging.Page) ([]Store, int64, error) {
	return findStores(ctx, s.db, p.StoreFilter(), f, pg)
}

// GetStore returns one store in the caller's scope.
func (s *Service) GetStore(ctx context.Context, p *authz.Principal, id int64) (Store, error) {
	if err := p.RequireStore(id); err != nil {
		return Store{}, err
	}
	r, err := loadStore(ctx, s.db, id)
	return toStore(r), err
}

// CreateStore adds a store (admin).
func (s *Service) CreateStore(ctx context.Context, p *authz.Principal, st Store) (Store, error) {
	if err := ValidateStore(st); err != nil {
		return Store{}, err
	}
	now := s.now()
	r := storeRow{Code: st.Code, Name: st.Name, Region: st.Region, Timezone: st.Timezone,
		Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r.ID = 0 // a retried attempt inserts afresh
		if err := tx.Create(&r).Error; err != nil {
			return database.Translate(err, "store "+st.Code)
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "store.create", EntityType: "store",
			EntityID: audit.ID(r.ID), StoreID: &r.ID, After: StoreToJSON(toStore(r))})
	})
	return toStore(r), err
}

// StorePatch holds the fields of a store update; nil fields stay as they are.
type StorePatch struct {
	Name     *string
	Region   *string
	Timezone *string
	Active   *bool
	Version  int
}

// UpdateStore changes a store if version is still current (admin).
func (s *Service) UpdateStore(ctx context.Context, p *authz.Principal, id int64, change StorePatch) (Store, error) {
	var after storeRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := loadStore(ctx, tx, id)
		if err != nil {
			return err
		}
		next := toStore(before)
		patch.Apply(&next.Name, change.Name)
		patch.Apply(&next.Region, change.Region)
		patch.Apply(&next.Timezone, change.Timezone)
		patch.Apply(&next.Active, change.Active)
		if err := ValidateStore(next); err != nil {
			return err
		}
		changes := map[string]any{"name": next.Name, "region": next.Region,
			"timezone": next.Timezone, "active": next.Active}
		what := fmt.Sprintf("store %d", id)
		if err := database.UpdateVersioned(ctx, tx, &storeRow{}, id, change.Version, changes, what, s.now()); err != nil {
			return err
		}
		if after, err = loadStore(ctx, tx, id); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "store.update", EntityType: "store",
			EntityID: audit.ID(id), StoreID: &id, Before: StoreToJSON(toStore(before)), After: StoreToJSON(toStore(after))})
	})
	return toStore(after), err
}

// ListDepartments lists the chain's departments.
func (s *Service) ListDepartments(ctx context.Context, pg paging.Page) ([]Department, int64, error) {
	q := s.db.WithContext(ctx).Model(&departmentRow{})
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []departmentRow
	if err := q.Order("id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Department, len(rows))
	for i, r := range rows {
		out[i] = toDepartment(r)
	}
	return out, total, nil
}

// CreateDepartment adds a chain-wide department (admin).
func (s *Service) CreateDepartment(ctx context.Context, p *authz.Principal, d Department) (Department, error) {
	if err := ValidateDepartment(d); err != nil {
		return Department{}, err
	}
	now := s.now()
	r := departmentRow{Code: d.Code, Name: d.Name, NameEn: d.NameEn, Kind: d.Kind, CreatedAt: now, UpdatedAt: now}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return database.Translate(err, "department "+d.Code)
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "department.create", EntityType: "department",
			EntityID: d.Code, After: DepartmentJSON(toDepartment(r))})
	})
	return toDepartment(r), err
}

// StoreDepartments lists the departments a store in scope runs.
func (s *Service) StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	if _, err := loadStore(ctx, s.db, storeID); err != nil {
		return nil, err
	}
	return storeDepartmentCodes(ctx, s.db, storeID)
}

// SetStoreDepartments replaces the departments a store runs (admin). A department still
// assigned to one of the store's supervisors cannot be dropped.
func (s *Service) SetStoreDepartments(ctx context.Context, p *authz.Principal, storeID int64, codes []string) ([]string, error) {
	codes = NormaliseCodes(codes)
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if _, err := loadStore(ctx, tx, storeID); err != nil {
			return err
		}
		if err := s.requireDepartments(ctx, tx, "department_codes", codes); err != nil {
			return err
		}
		before, err := storeDepartmentCodes(ctx, tx, storeID)
		if err != nil {
			return err
		}
		var inUse []string
		err = tx.Model(&userDepartmentRow{}).Joins("JOIN users ON users.id = user_departments.user_id").
			Where("users.store_id = ?", storeID).Distinct().Pluck("user_departments.department_code", &inUse).Error
		if err != nil {
			return err
		}
		for _, c := range inUse {
			if !slices.Contains(codes, c) {
				return apperr.New(apperr.ErrRule, "department_in_use",
					"department "+c+" is still assigned to a supervisor of this store")
			}
		}
		if err := tx.Where("store_id = ?", storeID).Delete(&storeDepartmentRow{}).Error; err != nil {
			return err
		}
		if len(codes) > 0 {
			rows := make([]storeDepartmentRow, len(codes))
			for i, c := range codes {
				rows[i] = storeDepartmentRow{StoreID: storeID, DepartmentCode: c}
			}
			if err := tx.Create(&rows).Error; err != nil {
				return err
			}
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "store.departments", EntityType: "store",
			EntityID: audit.ID(storeID), StoreID: &storeID,
			Before: map[string]any{"department_codes": before}, After: map[string]any{"department_codes": codes}})
	})
	return codes, err
}

// requireDepartments names the field when a code is not a chain department.
func (s *Service) requireDepartments(ctx context.Context, tx *gorm.DB, field string, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	var known []string
	if err := tx.WithContext(ctx).Model(&departmentRow{}).Where("code IN ?", codes).Pluck("code", &known).Error; err != nil {
		return err
	}
	for _, c := range codes {
		if !slices.Contains(known, c) {
			return apperr.Field(field, "unknown department "+c)
		}
	}
	return nil
}

// StoreLocation returns the time zone a store keeps its business dates in.
func (s *Service) StoreLocation(ctx context.Context, storeID int64) (*time.Location, error) {
	r, err := loadStore(ctx, s.db, storeID)
	if err != nil {
		return nil, err
	}
	return time.LoadLocation(r.Timezone)
}

// ActiveStoreIDs answers the ids of every active store, for jobs that work store by store.
func (s *Service) ActiveStoreIDs(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&storeRow{}).Where("active = ?", true).Order("id").Pluck("id", &ids).Error
	return ids, err
}

// StoreIDsByCode answers the ids of the stores with these codes; unknown codes are absent.
func (s *Service) StoreIDsByCode(ctx context.Context, codes []string) (map[string]int64, error) {
	var rows []struct {
		ID   int64
		Code string
	}
	err := s.db.WithContext(ctx).Model(&storeRow{}).Select("id, code").Where("code IN ?", codes).Scan(&rows).Error
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Code] = r.ID
	}
	return out, err
}
