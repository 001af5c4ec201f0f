package org

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

func TestCallerOf(t *testing.T) {
	store, at := int64(7), time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	code, name, region, tz, active, version := "sh-pd", "浦东店", "华东", "Asia/Shanghai", true, 3
	dept := func(c string) *string { return &c }
	supervisor := CallerRow{ID: 3, Username: "super1", DisplayName: "主管", Role: "supervisor", StoreID: &store,
		StoreCode: &code, StoreName: &name, StoreRegion: &region,
		StoreTimezone: &tz, StoreActive: &active, StoreVersion: &version, StoreCreatedAt: &at, StoreUpdatedAt: &at}
	withDept := func(r CallerRow, c string) CallerRow { r.DepartmentCode = dept(c); return r }
	admin := CallerRow{ID: 1, Username: "admin", DisplayName: "管理员", Role: "admin"}
	disabled := admin
	disabled.Disabled = true

	tests := []struct {
		name      string
		rows      []CallerRow
		wantErr   bool
		wantCodes []string
		wantStore *Store
	}{
		{"user gone", nil, true, nil, nil},
		{"disabled user", []CallerRow{disabled}, true, nil, nil},
		{"admin: no store, no departments", []CallerRow{admin}, false, []string{}, nil},
		{"supervisor: one row per department, codes sorted, store read with them",
			[]CallerRow{withDept(supervisor, "seafood"), withDept(supervisor, "meat"), withDept(supervisor, "produce")}, false,
			[]string{"meat", "produce", "seafood"},
			&Store{ID: store, Code: code, Name: name, Region: region, Timezone: tz, Active: true, Version: 3, CreatedAt: at, UpdatedAt: at}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, prof, err := CallerOf(tc.rows)
			if tc.wantErr {
				if !errors.Is(err, apperr.ErrUnauthenticated) || p != nil {
					t.Fatalf("got %+v, %v; want unauthenticated", p, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := tc.rows[0]
			if p.UserID != r.ID || p.Username != r.Username || p.Role != authz.Role(r.Role) || !sameStore(p.StoreID, r.StoreID) {
				t.Errorf("principal %+v from %+v", p, r)
			}
			if !slices.Equal(p.DepartmentCodes, tc.wantCodes) || !slices.Equal(prof.DepartmentCodes, tc.wantCodes) {
				t.Errorf("codes %q / %q, want %q", p.DepartmentCodes, prof.DepartmentCodes, tc.wantCodes)
			}
			if p.DepartmentCodes == nil {
				t.Errorf("codes must be an empty list, not nil (JSON [] rather than null)")
			}
			if got, ok := p.Profile.(Profile); !ok || got.ID != r.ID {
				t.Errorf("principal carries profile %#v", p.Profile)
			}
			if prof.ID != r.ID || prof.Username != r.Username || prof.DisplayName != r.DisplayName ||
				prof.Role != p.Role || !sameStore(prof.StoreID, r.StoreID) {
				t.Errorf("profile %+v from %+v", prof, r)
			}
			switch {
			case tc.wantStore == nil && prof.Store != nil:
				t.Errorf("store %+v, want none", prof.Store)
			case tc.wantStore != nil && (prof.Store == nil || *prof.Store != *tc.wantStore):
				t.Errorf("store %+v, want %+v", prof.Store, tc.wantStore)
			}
		})
	}
}
