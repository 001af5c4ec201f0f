package app_test

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// Action endpoints take an optional note: an empty body means no note, a note reaches the
// audit log, and a body that is sent is still decoded strictly.
func TestActionsTakeAnEmptyBody(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		first := stocktakeFixture(t, env, "sh-pudong", "produce")
		if res := admin.Do("POST", "/api/v1/stocktakes/"+first+"/start", nil); res.Status != 200 {
			t.Fatalf("start with no body: %d %s", res.Status, res.Body)
		}
		second := stocktakeFixture(t, env, "sh-pudong", "meat")
		if res := admin.Do("POST", "/api/v1/stocktakes/"+second+"/start", map[string]any{"note": 5}); res.Status != 400 || res.Fields()["note"] == "" {
			t.Fatalf("a note of the wrong type: %d %s", res.Status, res.Body)
		}
		if res := admin.Do("POST", "/api/v1/stocktakes/"+second+"/start", map[string]any{"note": "冷库先盘"}); res.Status != 200 {
			t.Fatalf("start with a note: %d %s", res.Status, res.Body)
		}
		var after string
		env.DB.Table("audit_log").Where("action = ? AND entity_id = ?", "stocktake.start", second).Pluck("after_json", &after)
		if !strings.Contains(after, `"note":"冷库先盘"`) {
			t.Errorf("the note is not in the audit entry: %s", after)
		}
		revoke := "/api/v1/delegations/" + delegationFixture(t, env, "sh-pudong", "super1") + "/revoke"
		if res := admin.Do("POST", revoke, nil); res.Status != 200 {
			t.Fatalf("revoke with no body: %d %s", res.Status, res.Body)
		}
	})
}
