package training

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// EmployeeFilter narrows the staff register.
type EmployeeFilter struct {
	Active      *bool
	FoodHandler *bool
	Department  string
	Query       string
}

// EmployeeInput is a new employee or the fields of a change (nil: unchanged).
type EmployeeInput struct {
	Name           *string
	DepartmentCode *string
	RoleTitle      *string
	FoodHandler    *bool
	Active         *bool
	UserID         *int64
	// Version is the version the change was made to (changes only).
	Version int
}

// ListEmployees answers a page of a store's staff, by name.
func (s *Service) ListEmployees(ctx context.Context, p *authz.Principal, storeID int64, f EmployeeFilter, pg paging.Page) ([]Employee, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&employeeRow{}).Where("store_id = ?", storeID)
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.FoodHandler != nil {
		q = q.Where("food_handler = ?", *f.FoodHandler)
	}
	if f.Department != "" {
		q = q.Where("department_code = ?", f.Department)
	}
	if f.Query != "" {
		q = q.Where("name LIKE ?", "%"+strings.NewReplacer("%", `\%`, "_", `\_`).Replace(f.Query)+"%")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []employeeRow
	if err := q.Order("active DESC, name, id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Employee, len(rows))
	for i, r := range rows {
		out[i] = toEmployee(r)
	}
	return out, total, nil
}

// CreateEmployee adds a person to a store's staff register.
func (s *Service) CreateEmployee(ctx context.Context, p *authz.Principal, storeID int64, in EmployeeInput) (Employee, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Employee{}, err
	}
	if !manages(p) {
		return Employee{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager keeps the staff register")
	}
	r := employeeRow{StoreID: storeID, Active: true, Version: 1, CreatedAt: s.now(), UpdatedAt: s.now()}
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return Employee{}, apperr.FieldErrors{"name": "is required"}
	}
	if err := s.apply(ctx, p, &r, in); err != nil {
		return Employee{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error { return tx.Create(&r).Error })
	return toEmployee(r), err
}

// PatchEmployee changes an employee; a stale version is 409.
func (s *Service) PatchEmployee(ctx context.Context, p *authz.Principal, id int64, in EmployeeInput) (Employee, error) {
	var out employeeRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var rows []employeeRow
		if err := tx.Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 || !p.CanSeeStore(rows[0].StoreID) {
			return notFound("employee", id)
		}
		if !manages(p) {
			return apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager keeps the staff register")
		}
		r := rows[0]
		if r.Version != in.Version {
			return stale("the employee")
		}
		if err := s.apply(ctx, p, &r, in); err != nil {
			return err
		}
		r.Version++
		r.UpdatedAt = s.now()
		res := tx.Model(&employeeRow{}).Where("id = ? AND version = ?", id, in.Version).Select("*").Updates(&r)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return stale("the employee")
		}
		out = r
		return nil
	})
	return toEmployee(out), err
}

// apply copies the given fields onto r after checking them.
func (s *Service) apply(ctx context.Context, p *authz.Principal, r *employeeRow, in EmployeeInput) error {
	if in.Name != nil {
		if strings.TrimSpace(*in.Name) == "" {
			return apperr.FieldErrors{"name": "is required"}
		}
		r.Name = strings.TrimSpace(*in.Name)
	}
	if in.DepartmentCode != nil {
		if err := s.checkDepartments(ctx, "department_code", *in.DepartmentCode); err != nil {
			return err
		}
		r.DepartmentCode = *in.DepartmentCode
	}
	if in.RoleTitle != nil {
		r.RoleTitle = *in.RoleTitle
	}
	if in.FoodHandler != nil {
		r.FoodHandler = *in.FoodHandler
	}
	if in.Active != nil {
		r.Active = *in.Active
	}
	if in.UserID != nil {
		users, err := s.Org.UsersByID(ctx, p, []int64{*in.UserID})
		if err != nil && !errors.Is(err, apperr.ErrNotFound) {
			return err
		}
		if u, ok := users[*in.UserID]; !ok || u.StoreID == nil || *u.StoreID != r.StoreID {
			return apperr.FieldErrors{"user_id": fmt.Sprintf("user %d is not a user of this store", *in.UserID)}
		}
		r.UserID = in.UserID
	}
	return nil
}

// VisibleEmployee answers 404 unless employee id is of a store p sees.
func (s *Service) VisibleEmployee(ctx context.Context, p *authz.Principal, id int64) error {
	var storeID int64
	if err := s.db.WithContext(ctx).Model(&employeeRow{}).Where("id = ?", id).Limit(1).Pluck("store_id", &storeID).Error; err != nil {
		return err
	}
	if storeID == 0 || !p.CanSeeStore(storeID) {
		return notFound("employee", id)
	}
	return nil
}
