package jobs_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/testutil"
)

// TestJobWritesAreAuditedAsTheSystem shows that a job's caller is authz.System(job name):
// the audit log records its writes as "system:<name>" with no user id.
func TestJobWritesAreAuditedAsTheSystem(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		log := audit.New(clock.Now)
		r := newRunner(t, db, clock, "replica-a")
		register(t, r, jobs.Job{Name: "test.audited", Every: every, Run: func(ctx context.Context, p *authz.Principal) error {
			return database.Tx(ctx, db, func(tx *gorm.DB) error {
				return log.Write(ctx, tx, p, audit.Entry{Action: "test.touch", EntityType: "probe", EntityID: "1",
					After: map[string]int{"n": 1}})
			})
		}})
		if n := runDue(t, r); n != 1 {
			t.Fatalf("ran %d", n)
		}
		var got struct {
			ActorID       *int64
			ActorUsername string
		}
		err := db.Raw("SELECT actor_id, actor_username FROM audit_log WHERE action = ?", "test.touch").Scan(&got).Error
		if err != nil {
			t.Fatal(err)
		}
		if got.ActorUsername != "system:test.audited" || got.ActorID != nil {
			t.Fatalf("audit entry by %q (actor_id %v), want system:test.audited with no actor id", got.ActorUsername, got.ActorID)
		}
		if st := status(t, r, "test.audited"); st.LastError != nil {
			t.Fatalf("job failed: %s", *st.LastError)
		}
	})
}
