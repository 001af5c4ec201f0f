package authz

import (
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
)

func TestScopes(t *testing.T) {
	one, two := int64(1), int64(2)
	sup := &Principal{Role: RoleSupervisor, StoreID: &one, DepartmentCodes: []string{"meat"}}
	mgr := &Principal{Role: RoleStoreManager, StoreID: &one}
	hq := &Principal{Role: RoleHQPromotions}
	lost := &Principal{Role: RoleSupervisor}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"supervisor sees own store", sup.CanSeeStore(one), true},
		{"supervisor does not see another store", sup.CanSeeStore(two), false},
		{"supervisor sees own department", sup.CanSeeDepartment(one, "meat"), true},
		{"supervisor does not see another department", sup.CanSeeDepartment(one, "bakery"), false},
		{"manager sees every department of own store", mgr.CanSeeDepartment(one, "bakery"), true},
		{"manager does not see another store", mgr.CanSeeDepartment(two, "bakery"), false},
		{"hq sees every store", hq.CanSeeStore(two), true},
		{"store-bound role without store sees nothing", lost.CanSeeStore(one), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Fatalf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if f := lost.StoreFilter(); f == nil || *f != -1 {
		t.Errorf("lost principal filter %v", f)
	}
	if f := hq.StoreFilter(); f != nil {
		t.Errorf("hq filter %v", *f)
	}
	if err := sup.RequireStore(two); !errors.Is(err, apperr.ErrNotFound) {
		t.Errorf("out of scope is not found: %v", err)
	}
	if err := sup.RequireRole(RoleAdmin); !errors.Is(err, apperr.ErrForbidden) {
		t.Errorf("wrong role is forbidden: %v", err)
	}
}
