package org

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// The caller of a request is read in the same statement as its session: one authenticated
// request then costs one query (PERFORMANCE-NOTES.md). The session belongs to the auth module
// and the user, their departments and their store to this one, so this module writes the part
// of that statement that reads its tables (CallerSQL), and the auth module the rest.

// callerColumns are the columns CallerSQL selects, aliased to CallerRow's column names.
const callerColumns = "cu.id AS caller_id, cu.username AS caller_username, " +
	"cu.display_name AS caller_display_name, cu.role AS caller_role, cu.store_id AS caller_store_id, " +
	"cu.disabled AS caller_disabled, cu.version AS caller_version, cu.last_login_at AS caller_last_login_at, " +
	"cu.created_at AS caller_created_at, cu.updated_at AS caller_updated_at, " +
	"cd.department_code AS caller_department_code, " +
	"cs.code AS caller_store_code, cs.name AS caller_store_name, cs.region AS caller_store_region, " +
	"cs.timezone AS caller_store_timezone, cs.active AS caller_store_active, " +
	"cs.version AS caller_store_version, cs.created_at AS caller_store_created_at, " +
	"cs.updated_at AS caller_store_updated_at"

// callerJoins join the user's departments (one row each) and store onto the user cu.
const callerJoins = " LEFT JOIN user_departments cd ON cd.user_id = cu.id LEFT JOIN stores cs ON cs.id = cu.store_id"

// CallerSQL returns the select list and the joins that add, to a query of another module's
// table, the user whose id is in userIDColumn (e.g. "s.user_id") with their departments and
// store. The joined query answers one row per department of the user (one row when they have
// none), and no row when the user is gone. Scan the rows into a type that embeds CallerRow
// (`gorm:"embedded"`) and resolve them with CallerOf. The aliases cu, cd and cs are taken.
func CallerSQL(userIDColumn string) (columns, joins string) {
	return callerColumns, " JOIN users cu ON cu.id = " + userIDColumn + callerJoins
}

// CallerRow is the caller's part of one row read with CallerSQL. Store columns are nil when
// the user has no store, the department code when they have no department.
type CallerRow struct {
	ID             int64      `gorm:"column:caller_id"`
	Username       string     `gorm:"column:caller_username"`
	DisplayName    string     `gorm:"column:caller_display_name"`
	Role           string     `gorm:"column:caller_role"`
	StoreID        *int64     `gorm:"column:caller_store_id"`
	Disabled       bool       `gorm:"column:caller_disabled"`
	Version        int        `gorm:"column:caller_version"`
	LastLoginAt    *time.Time `gorm:"column:caller_last_login_at"`
	CreatedAt      time.Time  `gorm:"column:caller_created_at"`
	UpdatedAt      time.Time  `gorm:"column:caller_updated_at"`
	DepartmentCode *string    `gorm:"column:caller_department_code"`
	StoreCode      *string    `gorm:"column:caller_store_code"`
	StoreName      *string    `gorm:"column:caller_store_name"`
	StoreRegion    *string    `gorm:"column:caller_store_region"`
	StoreTimezone  *string    `gorm:"column:caller_store_timezone"`
	StoreActive    *bool      `gorm:"column:caller_store_active"`
	StoreVersion   *int       `gorm:"column:caller_store_version"`
	StoreCreatedAt *time.Time `gorm:"column:caller_store_created_at"`
	StoreUpdatedAt *time.Time `gorm:"column:caller_store_updated_at"`
}

var errNoCaller = apperr.New(apperr.ErrUnauthenticated, "unauthenticated", "the session's user is disabled or gone")

// CallerOf turns the rows of one user read with CallerSQL into their principal (with their
// Profile attached) and their profile. No row (the user is gone) or a disabled user is
// unauthenticated.
func CallerOf(rows []CallerRow) (*authz.Principal, Profile, error) {
	if len(rows) == 0 || rows[0].Disabled {
		return nil, Profile{}, errNoCaller
	}
	prof := profileOf(rows)
	p := &authz.Principal{UserID: prof.ID, Username: prof.Username, Role: prof.Role,
		StoreID: prof.StoreID, DepartmentCodes: prof.DepartmentCodes, Profile: prof}
	return p, prof, nil
}

// profileOf assembles the user, their sorted department codes and their store from rows.
func profileOf(rows []CallerRow) Profile {
	r := rows[0]
	codes := make([]string, 0, len(rows))
	for _, row := range rows {
		if row.DepartmentCode != nil {
			codes = append(codes, *row.DepartmentCode)
		}
	}
	slices.Sort(codes)
	u := userRow{ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Role: r.Role, StoreID: r.StoreID,
		Disabled: r.Disabled, Version: r.Version, LastLoginAt: r.LastLoginAt, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	prof := Profile{User: toUser(u, codes)}
	if r.StoreID != nil && r.StoreCode != nil {
		prof.Store = &Store{ID: *r.StoreID, Code: *r.StoreCode, Name: deref(r.StoreName), Region: deref(r.StoreRegion),
			Timezone: deref(r.StoreTimezone), Active: deref(r.StoreActive), Version: deref(r.StoreVersion),
			CreatedAt: deref(r.StoreCreatedAt), UpdatedAt: deref(r.StoreUpdatedAt)}
	}
	return prof
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// loadCaller reads one user with their departments and store in one statement.
func (s *Service) loadCaller(ctx context.Context, userID int64) ([]CallerRow, error) {
	var rows []CallerRow
	err := s.db.WithContext(ctx).Raw("SELECT "+callerColumns+" FROM users cu"+callerJoins+" WHERE cu.id = ?", userID).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("user %d: %w", userID, err)
	}
	return rows, nil
}
