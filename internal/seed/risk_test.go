package seed_test

import (
	"context"
	"testing"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/risk"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

func TestRiskDemo(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		s := seed.RiskServices{Org: env.App.Org, Risk: env.App.Risk}
		res, err := seed.Risk(ctx, s, env.Clock.Now())
		if err != nil || res.Incidents != 2 || res.Events != 1 || res.Ticked != 4 {
			t.Fatalf("seed: %+v %v", res, err)
		}
		list, total, err := env.App.Risk.Board(ctx, authz.System("test"), risk.IncidentFilter{}, paging.First())
		if err != nil || total != 2 {
			t.Fatalf("board: %d %v", total, err)
		}
		statuses := map[string]bool{}
		for _, in := range list {
			statuses[in.Status] = true
		}
		if !statuses["resolved"] || !statuses["responding"] {
			t.Fatalf("statuses: %v", statuses)
		}
		again, err := seed.Risk(ctx, s, env.Clock.Now())
		if err != nil || !again.Skipped {
			t.Fatalf("second run: %+v %v", again, err)
		}
	})
}
