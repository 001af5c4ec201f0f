package org

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

func fields(err error) apperr.FieldErrors {
	fe, _ := err.(apperr.FieldErrors)
	return fe
}

func TestValidateUser(t *testing.T) {
	store := int64(1)
	runs := []string{"meat", "produce"}
	tests := []struct {
		name  string
		user  User
		field string // "" means valid
	}{
		{"supervisor with store and department", User{Username: "li.ming", DisplayName: "李明", Role: authz.RoleSupervisor, StoreID: &store, DepartmentCodes: []string{"meat"}}, ""},
		{"supervisor without store", User{Username: "li.ming", DisplayName: "李明", Role: authz.RoleSupervisor, DepartmentCodes: []string{"meat"}}, "store_id"},
		{"supervisor without departments", User{Username: "li.ming", DisplayName: "李明", Role: authz.RoleSupervisor, StoreID: &store}, "department_codes"},
		{"department the store does not run", User{Username: "li.ming", DisplayName: "李明", Role: authz.RoleSupervisor, StoreID: &store, DepartmentCodes: []string{"bakery"}}, "department_codes"},
		{"manager needs a store", User{Username: "wang", DisplayName: "王", Role: authz.RoleStoreManager}, "store_id"},
		{"manager has no departments", User{Username: "wang", DisplayName: "王", Role: authz.RoleStoreManager, StoreID: &store, DepartmentCodes: []string{"meat"}}, "department_codes"},
		{"hq has no store", User{Username: "chen", DisplayName: "陈", Role: authz.RoleHQPromotions, StoreID: &store}, "store_id"},
		{"admin", User{Username: "root2", DisplayName: "Root", Role: authz.RoleAdmin}, ""},
		{"unknown role", User{Username: "x-man", DisplayName: "X", Role: "owner"}, "role"},
		{"bad username", User{Username: "Li Ming", DisplayName: "李明", Role: authz.RoleAdmin}, "username"},
		{"short username", User{Username: "li", DisplayName: "李", Role: authz.RoleAdmin}, "username"},
		{"long display name", User{Username: "li.ming", DisplayName: strings.Repeat("长", 101), Role: authz.RoleAdmin}, "display_name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateUser(tc.user, runs)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if fields(err)[tc.field] == "" {
				t.Fatalf("want a problem with %s, got %v", tc.field, err)
			}
		})
	}
}

func TestValidateStore(t *testing.T) {
	ok := Store{Code: "hz-xihu", Name: "杭州西湖店", Region: "华东", Timezone: "Asia/Shanghai"}
	if err := ValidateStore(ok); err != nil {
		t.Fatalf("valid store: %v", err)
	}
	bad := Store{Code: "HZ XIHU", Name: "", Region: strings.Repeat("r", 65), Timezone: "Mars/Olympus"}
	fe := fields(ValidateStore(bad))
	for _, f := range []string{"code", "name", "region", "timezone"} {
		if fe[f] == "" {
			t.Errorf("no problem named for %s: %v", f, fe)
		}
	}
}

func TestNormaliseCodes(t *testing.T) {
	got := NormaliseCodes([]string{"meat", "produce", "meat"})
	if strings.Join(got, ",") != "meat,produce" {
		t.Fatalf("got %v", got)
	}
}
