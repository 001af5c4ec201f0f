package safety_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/safety"
	"github.com/storeops/storeops/internal/testutil"
)

// BenchmarkInspectionScoreReport measures the chain's report over a year of 500 stores (two
// inspections a store a day, 365,000 rows) against the same GROUP BY written by hand and run
// raw in the same run:
//
//	STOREOPS_TEST_MYSQL_DSN=... go test -run '^$' -bench InspectionScoreReport -benchtime 10x ./internal/safety/
func BenchmarkInspectionScoreReport(b *testing.B) {
	for _, dialect := range testutil.Dialects(b) {
		b.Run(dialect, func(b *testing.B) {
			env := testutil.NewEnv(b, dialect)
			now := time.Now().UTC()
			var vals []string
			var args []any
			for i := range 500 {
				vals = append(vals, "(?, ?, '华东', 'Asia/Shanghai', TRUE, 1, ?, ?)")
				args = append(args, fmt.Sprintf("bench-%03d", i), fmt.Sprintf("门店 %d", i), now, now)
			}
			testutil.MustExec(b, env.DB, "INSERT INTO stores (code, name, region, timezone, active, version, created_at, updated_at) VALUES "+
				strings.Join(vals, ","), args...)
			var ids []int64
			env.DB.Table("stores").Where("code LIKE ?", "bench-%").Pluck("id", &ids)
			from, _ := civil.Parse("2025-01-01")
			to, _ := civil.Parse("2025-12-31")
			batch := 100
			if dialect == "mysql" {
				batch = 1000
			}
			start := time.Now()
			n := addInspections(b, env.DB, ids, from, to, 2, batch)
			b.Logf("%s: %d inspections loaded in %s", dialect, n, time.Since(start).Round(time.Millisecond))
			q := safety.ScoreQuery{From: from, To: to, GroupBy: safety.GroupStore, Period: safety.PeriodMonth}
			p := authz.System("bench")
			b.Run("report", func(b *testing.B) {
				for b.Loop() {
					rep, err := env.App.Safety.ScoreReport(context.Background(), p, q)
					if err != nil || len(rep.Rows) < 6000 {
						b.Fatalf("%d rows, %v", len(rep.Rows), err)
					}
				}
			})
			month := "strftime('%Y-%m-01', business_date)"
			if dialect == "mysql" {
				month = "DATE_FORMAT(business_date, '%Y-%m-01')"
			}
			raw := "SELECT store_id, " + month + " AS m, COUNT(*), SUM(CASE WHEN passed THEN 0 ELSE 1 END), SUM(score) " +
				"FROM inspections WHERE business_date >= ? AND business_date <= ? GROUP BY store_id, m"
			b.Run("raw", func(b *testing.B) {
				for b.Loop() {
					rows, err := env.DB.Raw(raw, from, to).Rows()
					if err != nil {
						b.Fatal(err)
					}
					k := 0
					for rows.Next() {
						k++
					}
					rows.Close()
					if k < 6000 {
						b.Fatalf("%d rows", k)
					}
				}
			})
		})
	}
}
