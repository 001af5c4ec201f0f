package app_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

// delegationFixture names (as admin) a store's supervisor deputy approver from tomorrow for
// a week and answers the delegation's id, the fixture of the /delegations/{delegation_id}
// routes: open, so revoking it with an empty body is a 400.
func delegationFixture(t *testing.T, env *testutil.Env, storeCode, deputy string) string {
	t.Helper()
	from := env.Clock.Now().Add(24 * time.Hour)
	body := map[string]any{"deputy_user_id": userID(t, env, deputy), "starts_at": from.Format(time.RFC3339),
		"ends_at": from.Add(7 * 24 * time.Hour).Format(time.RFC3339)}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/delegations", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("delegation fixture: %d %s", res.Status, res.Body)
	}
	var d struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &d)
	return fmt.Sprint(d.ID)
}

// calendarFixture answers the id of one of the demo calendar's entries (National Day 2026),
// the fixture of the /calendar-events/{event_id} routes: chain-wide, so every role reads it,
// and an empty-bodied change or a delete without its version is a 400 that leaves it there.
func calendarFixture(t *testing.T, env *testutil.Env) string {
	t.Helper()
	var id int64
	if err := env.DB.Table("calendar_events").Where("starts_on = ?", "2026-10-01").Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("calendar fixture: %v", err)
	}
	return fmt.Sprint(id)
}

// supplierFixture answers the id of one of the demo suppliers (the farm base), the fixture of
// the /suppliers/{supplier_id} routes: chain-wide, so every role reads it, and an empty-bodied
// change is a 400 that leaves it as it was.
func supplierFixture(t *testing.T, env *testutil.Env) string {
	t.Helper()
	var id int64
	if err := env.DB.Table("suppliers").Where("code = ?", "farm-base").Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("supplier fixture: %v", err)
	}
	return fmt.Sprint(id)
}
