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

func TestMissingCallerSeesNothing(t *testing.T) {
	var none *Principal
	if none.CanSeeStore(1) || none.CanSeeDepartment(1, "meat") || none.SeesAllStores() || none.HasRole(RoleAdmin) {
		t.Fatal("a nil caller must see nothing")
	}
	if f := none.StoreFilter(); f == nil || *f != -1 {
		t.Errorf("nil caller's store filter %v, want -1", f)
	}
	if err := none.RequireRole(RoleAdmin); !errors.Is(err, ErrNoCaller) {
		t.Errorf("RequireRole on nil: %v", err)
	}
	if err := none.RequireStore(1); !errors.Is(err, apperr.ErrNotFound) {
		t.Errorf("RequireStore on nil: %v", err)
	}
	if err := Require(none); !errors.Is(err, ErrNoCaller) {
		t.Errorf("Require(nil) = %v", err)
	}
}

func TestSystemPrincipal(t *testing.T) {
	sys := System("outbox")
	if !sys.IsSystem() || sys.Username != "system:outbox" || !sys.CanSeeStore(42) {
		t.Fatalf("system principal %+v", sys)
	}
	if sys.ActorID() != nil {
		t.Error("a system principal records no user id")
	}
	user := &Principal{UserID: 7, Role: RoleAdmin}
	if user.IsSystem() || user.ActorID() == nil || *user.ActorID() != 7 {
		t.Errorf("user principal %+v", user)
	}
}
