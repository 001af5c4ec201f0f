package stocktake

import (
	"slices"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/authz"
)

func TestAllowedActionsByRoleAndStatus(t *testing.T) {
	const (
		admin   = authz.RoleAdmin
		manager = authz.RoleStoreManager
		super   = authz.RoleSupervisor
		hq      = authz.RoleHQPromotions
	)
	counting := "count recount confirm_zero assign_recounts submit"
	cases := []struct {
		role    authz.Role
		status  string
		blind   bool
		deputy  bool
		counted bool
		want    string
	}{
		// Planned: the counters start it; nobody reads a variance before the book is frozen.
		{admin, StatusPlanned, false, false, false, "start print_sheet"},
		{manager, StatusPlanned, true, false, false, "start print_sheet"},
		{super, StatusPlanned, true, false, false, "start print_sheet"},
		{hq, StatusPlanned, false, false, false, "print_sheet"},
		// Counting: a blind count hides the variance from supervisors only.
		{admin, StatusCounting, true, false, false, counting + " view_variance print_sheet"},
		{manager, StatusCounting, false, false, true, counting + " view_variance print_sheet"},
		{super, StatusCounting, false, false, true, counting + " view_variance print_sheet"},
		{super, StatusCounting, true, false, true, counting + " print_sheet"},
		{super, StatusCounting, true, true, false, counting + " print_sheet"},
		{hq, StatusCounting, true, false, false, "view_variance print_sheet"},
		// Submitted: approvers decide; a deputy does not approve their own count.
		{admin, StatusSubmitted, false, false, true, "recount assign_recounts approve reject view_variance print_sheet"},
		{manager, StatusSubmitted, true, false, true, "recount assign_recounts approve reject view_variance print_sheet"},
		{super, StatusSubmitted, true, false, false, "recount assign_recounts view_variance print_sheet"},
		{super, StatusSubmitted, false, true, false, "recount assign_recounts approve reject view_variance print_sheet"},
		{super, StatusSubmitted, false, true, true, "recount assign_recounts reject view_variance print_sheet"},
		{hq, StatusSubmitted, false, false, false, "view_variance print_sheet"},
		// Approved: only reading is left.
		{admin, StatusApproved, false, false, false, "view_variance print_sheet"},
		{manager, StatusApproved, true, false, false, "view_variance print_sheet"},
		{super, StatusApproved, true, true, true, "view_variance print_sheet"},
		{hq, StatusApproved, false, false, false, "view_variance print_sheet"},
	}
	for _, tc := range cases {
		name := strings.Join([]string{string(tc.role), tc.status, flag(tc.blind, "blind"), flag(tc.deputy, "deputy"), flag(tc.counted, "counted")}, " ")
		t.Run(name, func(t *testing.T) {
			got := AllowedActions(Stocktake{Status: tc.status, Blind: tc.blind},
				Relation{Role: tc.role, Deputy: tc.deputy, Counted: tc.counted})
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %v, want %s", got, tc.want)
			}
			for _, a := range got {
				if !slices.Contains(AllActions, a) {
					t.Errorf("%s is not in AllActions", a)
				}
			}
		})
	}
}

func flag(on bool, name string) string {
	if on {
		return name
	}
	return "-"
}
