package org

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// The caller of a request is read in the same statement as its session: one authenticated
// request then costs one query (PERFORMANCE-NOTES.md). The session belongs to the auth module
// and the user, their departments and their store to this one, so this module writes the part
// of that statement that reads its tables (CallerSQL), and the auth module the rest.

// callerColumns pairs each column CallerSQL selects with the CallerRow field it is scanned
// into, so that the select list and the scan cannot drift apart. The rows are scanned by hand
// (ScanCallers): this statement runs on every request, and reflection-driven scanning cost a
// quarter of a request's CPU.
var callerColumns = []struct {
	sql  string
	dest func(*CallerRow) any
}{
	{"cu.id", func(r *CallerRow) any { return &r.ID }},
	{"cu.username", func(r *CallerRow) any { return &r.Username }},
	{"cu.display_name", func(r *CallerRow) any { return &r.DisplayName }},
	{"cu.role", func(r *CallerRow) any { return &r.Role }},
	{"cu.store_id", func(r *CallerRow) any { return &r.StoreID }},
	{"cu.disabled", func(r *CallerRow) any { return &r.Disabled }},
	{"cd.department_code", func(r *CallerRow) any { return &r.DepartmentCode }},
	{"cs.code", func(r *CallerRow) any { return &r.StoreCode }},
	{"cs.name", func(r *CallerRow) any { return &r.StoreName }},
	{"cs.region", func(r *CallerRow) any { return &r.StoreRegion }},
	{"cs.timezone", func(r *CallerRow) any { return &r.StoreTimezone }},
	{"cs.active", func(r *CallerRow) any { return &r.StoreActive }},
	{"cs.version", func(r *CallerRow) any { return &r.StoreVersion }},
	{"cs.created_at", func(r *CallerRow) any { return &r.StoreCreatedAt }},
	{"cs.updated_at", func(r *CallerRow) any { return &r.StoreUpdatedAt }},
}

// callerSelect is the select list of callerColumns.
var callerSelect = func() string {
	cols := make([]string, len(callerColumns))
	for i, c := range callerColumns {
		cols[i] = c.sql
	}
	return strings.Join(cols, ", ")
}()

// callerJoins join the user's departments (one row each) and store onto the user cu.
const callerJoins = " LEFT JOIN user_departments cd ON cd.user_id = cu.id LEFT JOIN stores cs ON cs.id = cu.store_id"

// loadCallerSQL reads one user by id with their departments and store.
var loadCallerSQL = "SELECT " + callerSelect + " FROM users cu" + callerJoins + " WHERE cu.id = ?"

// CallerSQL returns the select list and the joins that add, to a query of another module's
// table, the user whose id is in userIDColumn (e.g. "s.user_id") with their departments and
// store. Put columns last in the select list. The joined query answers one row per department
// of the user (one row when they have none), and no row when the user is gone: read its rows
// with ScanCallers and resolve them with CallerOf. The aliases cu, cd and cs are taken.
func CallerSQL(userIDColumn string) (columns, joins string) {
	return callerSelect, " JOIN users cu ON cu.id = " + userIDColumn + callerJoins
}

// ScanCallers reads every row of a query built with CallerSQL and closes rows. The columns
// before CallerSQL's are scanned into lead, on every row: they must be the same on each (they
// come from the one row the caller was joined to).
func ScanCallers(rows *sql.Rows, lead ...any) ([]CallerRow, error) {
	defer rows.Close()
	var out []CallerRow
	dest := make([]any, len(lead)+len(callerColumns))
	copy(dest, lead)
	for rows.Next() {
		out = append(out, CallerRow{})
		r := &out[len(out)-1]
		for i, c := range callerColumns {
			dest[len(lead)+i] = c.dest(r)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// CallerRow is the caller's part of one row read with CallerSQL. Store columns are nil when
// the user has no store, the department code when they have no department.
type CallerRow struct {
	ID             int64
	Username       string
	DisplayName    string
	Role           string
	StoreID        *int64
	Disabled       bool
	DepartmentCode *string
	StoreCode      *string
	StoreName      *string
	StoreRegion    *string
	StoreTimezone  *string
	StoreActive    *bool
	StoreVersion   *int
	StoreCreatedAt *time.Time
	StoreUpdatedAt *time.Time
}

// Profile is the signed-in user as they see themselves (GET /me): who they are, their role
// and scope, and their store.
type Profile struct {
	ID              int64
	Username        string
	DisplayName     string
	Role            authz.Role
	StoreID         *int64
	DepartmentCodes []string
	Store           *Store
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
	prof := Profile{ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Role: authz.Role(r.Role),
		StoreID: r.StoreID, DepartmentCodes: codes}
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
	rows, err := s.db.WithContext(ctx).Raw(loadCallerSQL, userID).Rows()
	if err == nil {
		var callers []CallerRow
		if callers, err = ScanCallers(rows); err == nil {
			return callers, nil
		}
	}
	return nil, fmt.Errorf("user %d: %w", userID, err)
}
