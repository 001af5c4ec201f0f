package app_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/auth"
	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/calendar"
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/coldchain"
	"github.com/storeops/storeops/internal/complaints"
	"github.com/storeops/storeops/internal/delegation"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/meetings"
	"github.com/storeops/storeops/internal/notify"
	"github.com/storeops/storeops/internal/ordering"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/pricesurvey"
	"github.com/storeops/storeops/internal/promo"
	"github.com/storeops/storeops/internal/risk"
	"github.com/storeops/storeops/internal/safety"
	"github.com/storeops/storeops/internal/shrink"
	"github.com/storeops/storeops/internal/stocktake"
	"github.com/storeops/storeops/internal/supplier"
	"github.com/storeops/storeops/internal/tasks"
	"github.com/storeops/storeops/internal/testutil"
	"github.com/storeops/storeops/internal/training"
)

// models lists every GORM row type of every module; a new module adds its Models() here.
func models() []any {
	var all []any
	all = append(all, org.Models()...)
	all = append(all, auth.Models()...)
	all = append(all, audit.Models()...)
	all = append(all, catalog.Models()...)
	all = append(all, inventory.Models()...)
	all = append(all, feeds.Models()...)
	all = append(all, budget.Models()...)
	all = append(all, stocktake.Models()...)
	all = append(all, idempotency.Models()...)
	all = append(all, attachments.Models()...)
	all = append(all, jobs.Models()...)
	all = append(all, outbox.Models()...)
	all = append(all, delegation.Models()...)
	all = append(all, calendar.Models()...)
	all = append(all, supplier.Models()...)
	all = append(all, ordering.Models()...)
	all = append(all, shrink.Models()...)
	all = append(all, promo.Models()...)
	all = append(all, promo.RevisionModels()...)
	all = append(all, promo.PromoterModels()...)
	all = append(all, promo.EffectModels()...)
	all = append(all, safety.Models()...)
	all = append(all, complaints.Models()...)
	all = append(all, risk.Models()...)
	all = append(all, training.Models()...)
	all = append(all, pricesurvey.Models()...)
	all = append(all, tasks.Models()...)
	all = append(all, meetings.Models()...)
	all = append(all, notify.Models()...)
	all = append(all, coldchain.Models()...)
	return all
}

// TestMigratedSchemaMatchesModels proves on each database that the versioned migrations
// create every table and column the GORM models read and write.
func TestMigratedSchemaMatchesModels(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		for _, m := range models() {
			stmt := &gorm.Statement{DB: db}
			if err := stmt.Parse(m); err != nil {
				t.Fatalf("parse %T: %v", m, err)
			}
			table := stmt.Schema.Table
			if !db.Migrator().HasTable(table) {
				t.Errorf("table %s (%T) is not created by the migrations", table, m)
				continue
			}
			for _, f := range stmt.Schema.Fields {
				if f.DBName == "" {
					continue
				}
				if !db.Migrator().HasColumn(m, f.DBName) {
					t.Errorf("column %s.%s (%T.%s) is not created by the migrations", table, f.DBName, m, f.Name)
				}
			}
		}
	})
}

// TestMigrationsAreUpToDateAndIdempotent checks that a second run applies nothing and the
// database reports the newest version.
func TestMigrationsAreUpToDateAndIdempotent(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		n, err := database.Migrate(context.Background(), db)
		if err != nil || n != 0 {
			t.Fatalf("second migrate applied %d (err %v), want 0", n, err)
		}
		cur, latest, err := database.MigrationStatus(context.Background(), db)
		if err != nil || cur != latest || latest == 0 {
			t.Fatalf("version %d of %d (err %v)", cur, latest, err)
		}
	})
}

// TestAuditLogIsAppendOnly shows the database itself refuses to change or delete entries.
func TestAuditLogIsAppendOnly(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		var n int64
		env.DB.Table("audit_log").Count(&n)
		if n == 0 {
			t.Fatal("seeding wrote no audit entries")
		}
		if err := env.DB.Exec("UPDATE audit_log SET action = 'x'").Error; err == nil {
			t.Error("UPDATE audit_log succeeded, want refusal")
		}
		if err := env.DB.Exec("DELETE FROM audit_log").Error; err == nil {
			t.Error("DELETE FROM audit_log succeeded, want refusal")
		}
		var after int64
		env.DB.Table("audit_log").Count(&after)
		if after != n {
			t.Errorf("audit entries %d → %d", n, after)
		}
	})
}
