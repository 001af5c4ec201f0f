package seed_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// TestDemoInspections: three weeks of inspections per store, failed ones with corrective
// actions in every state, and something for super1 and manager1 of sh-pudong to act on today.
// A second run changes nothing.
func TestDemoInspections(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		today := civil.Of(env.Clock.Now()) // 16:00 in Shanghai: the same day
		services := seed.SafetyServices{Org: env.App.Org, Safety: env.App.Safety}
		res, err := seed.Safety(ctx, services, today)
		if err != nil || res.Inspections != 3*(21+3) || res.Actions < 3*4 || res.SkippedStores != 0 {
			t.Fatalf("first run: %+v %v, want 21 cold-room and 3 display inspections and at least 4 actions a store", res, err)
		}
		var states []struct {
			Status string
			N      int
		}
		var pudong int64
		env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &pudong)
		env.DB.Table("corrective_actions").Select("status, COUNT(*) AS n").Where("store_id = ?", pudong).
			Group("status").Order("status").Scan(&states)
		if fmt.Sprint(states) != "[{done 1} {open "+fmt.Sprint(states[min(1, len(states)-1)].N)+"} {verified "+fmt.Sprint(states[len(states)-1].N)+"}]" {
			t.Errorf("sh-pudong's corrective actions by status: %+v, want done, open and verified", states)
		}
		kinds := func(user string) map[string]bool {
			var today struct {
				Items []struct {
					Kind string `json:"kind"`
				} `json:"items"`
			}
			testutil.Must(t, env.Login(user), "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
			out := map[string]bool{}
			for _, e := range today.Items {
				out[e.Kind] = true
			}
			return out
		}
		if k := kinds("super1"); !k["safety.actions_assigned"] || !k["safety.inspection_due"] {
			t.Errorf("super1's today: %v", k)
		}
		if k := kinds("manager1"); !k["safety.actions_verify"] || !k["safety.actions_overdue"] {
			t.Errorf("manager1's today: %v", k)
		}
		again, err := seed.Safety(ctx, services, today)
		if err != nil || again != (seed.SafetyResult{SkippedStores: 3}) {
			t.Errorf("second run: %+v %v", again, err)
		}
	})
}
