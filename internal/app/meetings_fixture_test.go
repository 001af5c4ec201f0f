package app_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

// meetingFixture has the store's manager record a meeting of the whole store, attended by
// the supervisor, with one action item for them, and answers its id.
func meetingFixture(t *testing.T, env *testutil.Env, storeCode, manager, supervisor string) string {
	t.Helper()
	today := env.Clock.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
	super := userID(t, env, supervisor)
	body := map[string]any{"held_on": today, "kind": "briefing", "title": "班前会",
		"attendees": []int64{userID(t, env, manager), super},
		"items":     []map[string]any{{"title": "补齐促销价签", "owner_id": super, "due_on": today}}}
	res := env.Login(manager).Do("POST", fmt.Sprintf("/api/v1/stores/%d/meetings", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("meeting fixture: %d %s", res.Status, res.Body)
	}
	var m struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &m)
	return fmt.Sprint(m.ID)
}
