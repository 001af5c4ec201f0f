package seed_test

import (
	"context"
	"testing"

	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// TestDemoSeedIsIdempotent: NewEnv seeds once; a second run creates nothing and writes
// nothing, not even an audit entry.
func TestDemoSeedIsIdempotent(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		counts := func() map[string]int64 {
			out := map[string]int64{}
			for _, table := range []string{"stores", "departments", "store_departments", "users", "user_departments", "products", "audit_log"} {
				var n int64
				env.DB.Table(table).Count(&n)
				out[table] = n
			}
			return out
		}
		before := counts()
		if before["stores"] != 3 || before["departments"] != 6 || before["users"] != 12 || before["products"] < 250 {
			t.Fatalf("first run: %v", before)
		}
		res, err := seed.Demo(context.Background(), seed.Services{Org: env.App.Org, Catalog: env.App.Catalog, Calendar: env.App.Calendar, Supplier: env.App.Supplier}, "")
		if err != nil {
			t.Fatal(err)
		}
		if res != (seed.Result{}) {
			t.Errorf("second run created %+v", res)
		}
		for table, n := range counts() {
			if n != before[table] {
				t.Errorf("%s: %d → %d rows", table, before[table], n)
			}
		}
		// Every demo user signs in with the documented password and lands in their scope.
		for _, u := range []string{"admin", "manager1", "super1", "hq1", "qa1", "manager2", "super2", "super1b", "super2b",
			"manager3", "super3a", "super3b"} {
			env.Login(u)
		}
	})
}

func TestAdminBootstrapOnlyOnAnEmptyDatabase(t *testing.T) {
	env := testutil.NewEnv(t, "sqlite")
	created, err := seed.Admin(context.Background(), env.App.Org, "a-chosen-secret")
	if err != nil || created {
		t.Fatalf("bootstrap on a seeded database: created=%v err=%v", created, err)
	}
}
