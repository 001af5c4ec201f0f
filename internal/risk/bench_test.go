package risk_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/risk"
	"github.com/storeops/storeops/internal/testutil"
)

const (
	benchStores    = 500
	benchIncidents = 150000 // about three years of history at 500 stores
)

// BenchmarkRisk measures, at 500 stores, the chain-wide incident board (open high incidents,
// first page of 50 with its total) and generating a readiness event's checklists (10 items ×
// every store), each beside the same work done raw in the same run: the board's two SQL
// statements through database/sql, and a multi-row INSERT of the same checklist lines.
// SQLite always; MariaDB too when STOREOPS_TEST_MYSQL_DSN is set:
//
//	go test -run '^$' -bench BenchmarkRisk -benchtime 20x ./internal/risk/
func BenchmarkRisk(b *testing.B) {
	dialects := []string{database.SQLite}
	if os.Getenv("STOREOPS_TEST_MYSQL_DSN") != "" {
		dialects = append(dialects, database.MySQL)
	}
	for _, dialect := range dialects {
		b.Run(dialect, func(b *testing.B) { benchDialect(b, dialect) })
	}
}

func benchDialect(b *testing.B, dialect string) {
	env := testutil.NewEnv(b, dialect)
	ctx := context.Background()
	stores := benchChain(b, env)
	benchHistory(b, env, stores)
	sys := authz.System("bench")
	svc := env.App.Risk
	sqlDB, err := env.DB.DB()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("board/service", func(b *testing.B) {
		for range b.N {
			if _, total, err := svc.Board(ctx, sys, risk.IncidentFilter{Status: risk.StatusOpen, Level: risk.LevelHigh},
				paging.Page{Page: 1, PageSize: 50}); err != nil || total == 0 {
				b.Fatal(total, err)
			}
		}
	})
	b.Run("board/raw", func(b *testing.B) {
		for range b.N {
			var n int64
			if err := sqlDB.QueryRow("SELECT COUNT(*) FROM incidents WHERE status = ? AND level = ?", "open", "high").Scan(&n); err != nil {
				b.Fatal(err)
			}
			rows, err := sqlDB.Query("SELECT * FROM incidents WHERE status = ? AND level = ? ORDER BY occurred_at DESC, id DESC LIMIT 50", "open", "high")
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
	})
	today := civil.Today(env.Clock.Now(), time.UTC)
	b.Run("generate/service", func(b *testing.B) {
		for i := range b.N {
			if _, err := svc.CreateEvent(ctx, sys, risk.NewEvent{Name: fmt.Sprintf("bench %d", i), Date: today.AddDays(10),
				RiskIDs: []int64{3, 2}}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(stores)*10*b.N)/b.Elapsed().Seconds(), "lines/s")
	})
	b.Run("generate/raw", func(b *testing.B) {
		var eventID, firstItem int64
		env.DB.Table("readiness_items").Select("MAX(event_id)").Scan(&eventID)
		env.DB.Table("readiness_event_items").Where("event_id = ?", eventID).Select("MIN(id)").Scan(&firstItem)
		for range b.N {
			b.StopTimer()
			env.DB.Exec("DELETE FROM readiness_items WHERE event_id = ?", eventID)
			b.StartTimer()
			bulk := database.Bulk{Table: "readiness_items", Columns: []string{"event_id", "store_id", "item_id", "done_by_name", "note"}}
			err := database.Tx(ctx, env.DB, func(tx *gorm.DB) error {
				return bulk.Insert(ctx, tx, len(stores)*10, func(i int, args []any) []any {
					return append(args, eventID, stores[i/10], firstItem+int64(i%10), "", "")
				})
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(stores)*10*b.N)/b.Elapsed().Seconds(), "lines/s")
	})
}

// benchChain makes the demo chain 500 stores and answers their ids.
func benchChain(b *testing.B, env *testutil.Env) []int64 {
	now := env.Clock.Now()
	var have int64
	env.DB.Table("stores").Count(&have)
	bulk := database.Bulk{Table: "stores", Columns: []string{"code", "name", "region", "timezone", "active", "version", "created_at", "updated_at"}}
	n := benchStores - int(have)
	err := bulk.Insert(context.Background(), env.DB, n, func(i int, args []any) []any {
		return append(args, fmt.Sprintf("bench-%03d", i), fmt.Sprintf("门店 %03d", i), "华东", "Asia/Shanghai", true, 1, now, now)
	})
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	env.DB.Table("stores").Order("id").Pluck("id", &ids)
	return ids
}

// benchHistory writes three years of incidents over the stores, most of them closed.
func benchHistory(b *testing.B, env *testutil.Env, stores []int64) {
	now := env.Clock.Now()
	statuses := []string{"closed", "closed", "closed", "closed", "closed", "closed", "resolved", "responding", "open"}
	levels := []string{"low", "medium", "medium", "high"}
	bulk := database.Bulk{Table: "incidents", Columns: []string{"store_id", "risk_id", "level", "title", "description",
		"occurred_at", "owner_name", "status", "resolution", "resolved_by_name", "created_by_name", "version", "created_at", "updated_at"}}
	err := bulk.Insert(context.Background(), env.DB, benchIncidents, func(i int, args []any) []any {
		at := now.Add(-time.Duration(i) * 10 * time.Minute)
		return append(args, stores[i%len(stores)], int64(i%4+1), levels[i%len(levels)], "bench", "", at, "bench",
			statuses[(i/7)%len(statuses)], "", "", "bench", 1, at, at)
	})
	if err != nil {
		b.Fatal(err)
	}
}
