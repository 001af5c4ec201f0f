package stocktake_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

// nameDeputy makes userID the store's deputy approver from now for a week (as manager1)
// and answers the path that revokes it.
func (f *fixture) nameDeputy(t *testing.T, userID int64) string {
	t.Helper()
	now := f.env.Clock.Now()
	res := testutil.Must(t, f.env.Login("manager1"), "POST", f.base+"/delegations", map[string]any{"deputy_user_id": userID,
		"starts_at": now.Format(time.RFC3339), "ends_at": now.Add(7 * 24 * time.Hour).Format(time.RFC3339)}, http.StatusCreated)
	var d struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &d)
	return fmt.Sprintf("/api/v1/delegations/%d/revoke", d.ID)
}

func (f *fixture) userID(t *testing.T, username string) int64 {
	t.Helper()
	var id int64
	f.env.DB.Table("users").Where("username = ?", username).Pluck("id", &id)
	return id
}

// lastAudit answers the after of the newest audit entry of action.
func (f *fixture) lastAudit(t *testing.T, action string) string {
	t.Helper()
	var after []string
	f.env.DB.Table("audit_log").Where("action = ?", action).Order("id DESC").Limit(1).Pluck("after_json", &after)
	if len(after) == 0 {
		t.Fatalf("no %s audit entry", action)
	}
	return after[0]
}

// TestDeputyApprovesButNotTheirOwnCount: a supervisor approves only while they are the
// store's active deputy, never a stocktake they counted; rejecting it is fine.
func TestDeputyApprovesButNotTheirOwnCount(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f, st := countedFixture(t, dialect) // counted by super1
		super1, manager := f.env.Login("super1"), f.env.Login("manager1")
		super3, super3ID := f.addSupervisor(t, "super3")
		recount := sheet("销售区", map[string]string{f.skus[0]: "4"})
		recount["recount"] = true
		testutil.Must(t, manager, "POST", st+"/counts", recount, http.StatusCreated)
		testutil.Must(t, super1, "POST", st+"/submit", map[string]any{}, http.StatusOK)

		if r := super3.Do("POST", st+"/approve", map[string]any{}); r.Status != http.StatusForbidden || r.ErrorCode() != "forbidden" {
			t.Fatalf("approval by a supervisor who is not the deputy: %d %s", r.Status, r.Body)
		}
		revokeSuper1 := f.nameDeputy(t, f.userID(t, "super1"))
		if r := super1.Do("POST", st+"/approve", map[string]any{}); r.Status != http.StatusUnprocessableEntity || r.ErrorCode() != "self_approval" {
			t.Fatalf("deputy approving their own count: %d %s", r.Status, r.Body)
		}
		testutil.Must(t, super3, "POST", st+"/approve", map[string]any{}, http.StatusForbidden)
		testutil.Must(t, super1, "POST", st+"/reject", map[string]any{"reason": "recount the cold room"}, http.StatusOK)
		if a := f.lastAudit(t, "stocktake.reject"); !strings.Contains(a, `"rejected_as":"deputy"`) {
			t.Errorf("rejection audit does not say it was the deputy: %s", a)
		}
		testutil.Must(t, super1, "POST", st+"/submit", map[string]any{}, http.StatusOK)

		testutil.Must(t, manager, "POST", revokeSuper1, map[string]any{}, http.StatusOK)
		testutil.Must(t, super1, "POST", st+"/approve", map[string]any{}, http.StatusForbidden)
		f.nameDeputy(t, super3ID)
		testutil.Must(t, super3, "POST", st+"/approve", map[string]any{}, http.StatusOK)
		if a := f.lastAudit(t, "stocktake.approve"); !strings.Contains(a, `"approved_as":"deputy"`) || !strings.Contains(a, `"status":"approved"`) {
			t.Errorf("approval audit does not say it was the deputy: %s", a)
		}
		if got := f.onHand(t, f.skus[0]); got != "4.000" {
			t.Errorf("on hand %s after the deputy's approval, want 4.000", got)
		}
	})
}

// TestDeputyActsForTheManagerAcrossDepartments: while active, the deputy sees and approves
// the store's stocktakes of departments that are not theirs; before and after, those are
// out of their scope (404).
func TestDeputyActsForTheManagerAcrossDepartments(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		manager, super1 := f.env.Login("manager1"), f.env.Login("super1") // super1 runs produce, meat, seafood
		st := f.plan(t, manager, map[string]any{"scope": "full", "department_code": "deli", "blind": false, "zones": []string{"销售区"}})
		testutil.Must(t, manager, "POST", st+"/start", map[string]any{}, http.StatusOK)
		testutil.Must(t, manager, "POST", st+"/confirm-zero", map[string]any{"all": true}, http.StatusOK)
		testutil.Must(t, manager, "POST", st+"/submit", map[string]any{}, http.StatusOK)

		listed := func() int {
			var l struct {
				Total int `json:"total"`
			}
			testutil.Must(t, super1, "GET", f.base+"/stocktakes?department_code=deli", nil, http.StatusOK).JSON(t, &l)
			return l.Total
		}
		testutil.Must(t, super1, "GET", st, nil, http.StatusNotFound)
		testutil.Must(t, super1, "POST", st+"/approve", map[string]any{}, http.StatusNotFound)
		if n := listed(); n != 0 {
			t.Fatalf("a supervisor lists %d deli stocktakes", n)
		}

		revoke := f.nameDeputy(t, f.userID(t, "super1"))
		testutil.Must(t, super1, "GET", st, nil, http.StatusOK)
		testutil.Must(t, super1, "GET", st+"/variance", nil, http.StatusOK)
		if n := listed(); n != 1 {
			t.Fatalf("the deputy lists %d deli stocktakes, want 1", n)
		}
		testutil.Must(t, super1, "GET", f.base+"/stocktakes/accuracy?department_code=deli", nil, http.StatusOK)
		testutil.Must(t, manager, "POST", revoke, map[string]any{}, http.StatusOK)
		testutil.Must(t, super1, "POST", st+"/approve", map[string]any{}, http.StatusNotFound)

		f.nameDeputy(t, f.userID(t, "super1"))
		testutil.Must(t, super1, "POST", st+"/approve", map[string]any{}, http.StatusOK)
	})
}

// approvalsInToday answers the ids of the stocktakes the caller's Today inbox asks them to
// approve.
func approvalsInToday(t *testing.T, c *testutil.Client) []int64 {
	t.Helper()
	var today struct {
		Items []struct {
			Kind       string `json:"kind"`
			ResourceID *int64 `json:"resource_id"`
		} `json:"items"`
	}
	testutil.Must(t, c, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
	var out []int64
	for _, it := range today.Items {
		if it.Kind == "stocktake.approve" && it.ResourceID != nil {
			out = append(out, *it.ResourceID)
		}
	}
	return out
}

// TestDeputyInboxAgreesWithTheApprovalRule: the deputy's Today inbox asks them to approve
// what they may approve (any department), and not a count they took part in.
func TestDeputyInboxAgreesWithTheApprovalRule(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f, own := countedFixture(t, dialect) // produce, counted by super1
		manager, super1 := f.env.Login("manager1"), f.env.Login("super1")
		recount := sheet("销售区", map[string]string{f.skus[0]: "4"})
		recount["recount"] = true
		testutil.Must(t, manager, "POST", own+"/counts", recount, http.StatusCreated)
		testutil.Must(t, super1, "POST", own+"/submit", map[string]any{}, http.StatusOK)
		deli := f.plan(t, manager, map[string]any{"scope": "full", "department_code": "deli", "blind": false, "zones": []string{"销售区"}})
		testutil.Must(t, manager, "POST", deli+"/start", map[string]any{}, http.StatusOK)
		testutil.Must(t, manager, "POST", deli+"/confirm-zero", map[string]any{"all": true}, http.StatusOK)
		testutil.Must(t, manager, "POST", deli+"/submit", map[string]any{}, http.StatusOK)
		var deliID int64
		fmt.Sscanf(deli, "/api/v1/stocktakes/%d", &deliID)

		if got := approvalsInToday(t, super1); len(got) != 0 {
			t.Fatalf("a supervisor is asked to approve %v", got)
		}
		if got := approvalsInToday(t, manager); len(got) != 2 {
			t.Fatalf("the manager is asked to approve %v, want both", got)
		}
		f.nameDeputy(t, f.userID(t, "super1"))
		if got := approvalsInToday(t, super1); len(got) != 1 || got[0] != deliID {
			t.Fatalf("the deputy is asked to approve %v, want only the deli count %d", got, deliID)
		}
	})
}
