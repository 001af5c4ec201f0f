package org

import (
	"context"
	"fmt"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// Rows of this module's tables. Only this file touches them.
type storeRow struct {
	ID        int64 `gorm:"primaryKey"`
	Code      string
	Name      string
	Region    string
	Timezone  string
	Active    bool
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (storeRow) TableName() string { return "stores" }

type departmentRow struct {
	ID        int64 `gorm:"primaryKey"`
	Code      string
	Name      string
	NameEn    string
	Kind      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (departmentRow) TableName() string { return "departments" }

type storeDepartmentRow struct {
	StoreID        int64  `gorm:"primaryKey;autoIncrement:false"`
	DepartmentCode string `gorm:"primaryKey"`
}

func (storeDepartmentRow) TableName() string { return "store_departments" }

type userRow struct {
	ID                int64 `gorm:"primaryKey"`
	Username          string
	DisplayName       string
	Role              string
	StoreID           *int64
	PasswordHash      string
	PasswordIsDefault bool
	Disabled          bool
	Version           int
	LastLoginAt       *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (userRow) TableName() string { return "users" }

type userDepartmentRow struct {
	UserID         int64  `gorm:"primaryKey;autoIncrement:false"`
	DepartmentCode string `gorm:"primaryKey"`
}

func (userDepartmentRow) TableName() string { return "user_departments" }

// Models lists the rows of this module for the schema test.
func Models() []any {
	return []any{&storeRow{}, &departmentRow{}, &storeDepartmentRow{}, &userRow{}, &userDepartmentRow{}}
}

func toStore(r storeRow) Store {
	return Store(r)
}

func toDepartment(r departmentRow) Department {
	return Department{Code: r.Code, Name: r.Name, NameEn: r.NameEn, Kind: r.Kind}
}

func toUser(r userRow, codes []string) User {
	if codes == nil {
		codes = []string{}
	}
	return User{ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Role: authz.Role(r.Role),
		StoreID: r.StoreID, DepartmentCodes: codes, Disabled: r.Disabled, Version: r.Version,
		LastLoginAt: r.LastLoginAt, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// likePattern matches a search text anywhere, for LIKE ... ESCAPE '!'.
func likePattern(q string) string { return "%" + database.EscapeLike(q) + "%" }

func findStores(ctx context.Context, db *gorm.DB, only *int64, f StoreFilter, p paging.Page) ([]Store, int64, error) {
	q := db.WithContext(ctx).Model(&storeRow{})
	if only != nil {
		q = q.Where("id = ?", *only)
	}
	if f.Q != "" {
		like := likePattern(f.Q)
		q = q.Where("(code LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!')", like, like)
	}
	if f.Region != "" {
		q = q.Where("region = ?", f.Region)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []storeRow
	err := q.Order(p.OrderBy(storeSort)).Order("id").Offset(p.Offset()).Limit(p.PageSize).Find(&rows).Error
	if err != nil {
		return nil, 0, err
	}
	out := make([]Store, len(rows))
	for i, r := range rows {
		out[i] = toStore(r)
	}
	return out, total, nil
}

var storeSort = map[string]string{"code": "code", "name": "name", "region": "region", "created_at": "created_at"}

func loadStore(ctx context.Context, db *gorm.DB, id int64) (storeRow, error) {
	var r storeRow
	err := db.WithContext(ctx).First(&r, id).Error
	return r, database.Translate(err, fmt.Sprintf("store %d", id))
}

func storeDepartmentCodes(ctx context.Context, db *gorm.DB, storeID int64) ([]string, error) {
	codes := []string{}
	err := db.WithContext(ctx).Model(&storeDepartmentRow{}).Where("store_id = ?", storeID).
		Order("department_code").Pluck("department_code", &codes).Error
	return codes, err
}

// UserFilter narrows a user list.
type UserFilter struct {
	Q        string
	Role     string
	StoreID  *int64
	Disabled *bool
}

var userSort = map[string]string{"username": "username", "display_name": "display_name",
	"role": "role", "created_at": "created_at", "last_login_at": "last_login_at"}

func findUsers(ctx context.Context, db *gorm.DB, only *int64, f UserFilter, p paging.Page) ([]User, int64, error) {
	q := db.WithContext(ctx).Model(&userRow{})
	if only != nil {
		q = q.Where("store_id = ?", *only)
	}
	if f.Q != "" {
		like := likePattern(f.Q)
		q = q.Where("(username LIKE ? ESCAPE '!' OR display_name LIKE ? ESCAPE '!')", like, like)
	}
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.StoreID != nil {
		q = q.Where("store_id = ?", *f.StoreID)
	}
	if f.Disabled != nil {
		q = q.Where("disabled = ?", *f.Disabled)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []userRow
	err := q.Order(p.OrderBy(userSort)).Order("id").Offset(p.Offset()).Limit(p.PageSize).Find(&rows).Error
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	codes, err := userDepartmentCodes(ctx, db, ids...)
	if err != nil {
		return nil, 0, err
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = toUser(r, codes[r.ID])
	}
	return out, total, nil
}

func userDepartmentCodes(ctx context.Context, db *gorm.DB, ids ...int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []userDepartmentRow
	err := db.WithContext(ctx).Where("user_id IN ?", ids).Order("department_code").Find(&rows).Error
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.DepartmentCode)
	}
	return out, err
}

func loadUser(ctx context.Context, db *gorm.DB, id int64) (userRow, []string, error) {
	var r userRow
	if err := db.WithContext(ctx).First(&r, id).Error; err != nil {
		return r, nil, database.Translate(err, fmt.Sprintf("user %d", id))
	}
	codes, err := userDepartmentCodes(ctx, db, id)
	return r, codes[id], err
}

func setUserDepartments(ctx context.Context, tx *gorm.DB, userID int64, codes []string) error {
	if err := tx.WithContext(ctx).Where("user_id = ?", userID).Delete(&userDepartmentRow{}).Error; err != nil {
		return err
	}
	if len(codes) == 0 {
		return nil
	}
	rows := make([]userDepartmentRow, len(codes))
	for i, c := range codes {
		rows[i] = userDepartmentRow{UserID: userID, DepartmentCode: c}
	}
	return tx.WithContext(ctx).Create(&rows).Error
}
