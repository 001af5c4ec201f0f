package seed_test

import (
	"context"
	"testing"

	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// TestDemoColdchain: every demo store gets its equipment and three days of readings with one
// closed and one open alert; a second run changes nothing.
func TestDemoColdchain(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		services := seed.ColdchainServices{Org: env.App.Org, Coldchain: env.App.Coldchain}
		res, err := seed.Coldchain(ctx, services, env.Clock.Now())
		if err != nil || res.Equipment < 3*5 || res.Alerts != 3*2 || res.SkippedStores != 0 {
			t.Fatalf("first run: %+v %v, want at least 5 pieces and 2 alerts a store", res, err)
		}
		var open, closed int64
		env.DB.Table("temperature_excursions").Where("status = ?", "open").Count(&open)
		env.DB.Table("temperature_excursions").Where("status = ?", "closed").Count(&closed)
		if open != 3 || closed != 3 {
			t.Errorf("%d open and %d closed alerts, want 3 and 3", open, closed)
		}
		again, err := seed.Coldchain(ctx, services, env.Clock.Now())
		if err != nil || again != (seed.ColdchainResult{SkippedStores: 3}) {
			t.Errorf("second run: %+v %v", again, err)
		}
	})
}
